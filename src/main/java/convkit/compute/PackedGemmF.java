package convkit.compute;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed, register-blocked matrix multiply on {@code float[]} (the GotoBLAS / BLIS scheme), at the CPU's own
 * vector width ({@link FloatVector#SPECIES_PREFERRED}: 512 bits, sixteen floats, on AVX-512). Same contract as
 * {@code Gemm.gemm}: {@code C (+)= op(A) . op(B)}, row-major with offsets and leading dimensions, any of the four
 * transpositions; C is overwritten, or added to when {@code accumulate}; A and B are only read.
 *
 * <p>How: op(B) is copied in panels of {@link #KC} x {@link #NC} (1 MB, in the L3 cache) into slivers of
 * {@link #NR} columns, each sliver's k-th row contiguous; op(A) in blocks of {@link #MC} x {@code KC} (72 KB to
 * 147 KB, in L2) into slivers of {@link #MR} rows, each sliver's k-th column contiguous; one sliver of B (8 KB to
 * 16 KB, in L1) meets every sliver of the block of A in turn (the BLIS loop order). Tuned on a 2-core AVX2 EPYC
 * (L1d 32 KB, L2 512 KB, L3 8 MB): the 1 MB panels, which pack op(A) a quarter as often as 256 KB ones, were 5-10 %
 * faster at 2048^3. Both copies pad the last sliver with zeros, so the
 * micro-kernel always computes a whole {@code MR x NR} tile of C in {@code MR * NR / L} vector registers (12 on every
 * width: 6 rows x 2 vectors), with per step of k two vector loads of B, six broadcasts of A and twelve fused
 * multiply-adds. Tiles at the right or bottom edge of C go through a small buffer so that nothing outside C is
 * written.
 *
 * <p>Every element of C is one chain of fused multiply-adds over {@code p = 0, 1, ..., k-1} in that order,
 * {@code c = fma(op(A)[i][p], op(B)[p][j], c)}, starting from C (accumulate) or from +0.0f; blocking, packing and
 * the split over threads never change that order, so a result is the same bit for bit whether the code runs
 * interpreted or compiled, on one thread or two ({@code PackedGemmTest} replays it with {@link Math#fma}).
 */
final class PackedGemmF {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lanes per vector. */
    static final int L = S.length();
    /** Rows of a register tile. */
    static final int MR = 6;
    /** Columns of a register tile: two vectors. */
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 12 * MR;
    static final int NC = 64 * NR;

    private PackedGemmF() {
    }

    /** Per-thread packing buffers. */
    private static final class Work {
        final float[] a = new float[MC * KC];
        final float[] b = new float[KC * (NC + NR)];
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    /**
     * {@code C (m x n) (+)= op(A) . op(B)}; {@code op(A)[i][p] = a[aOff + i*lda + p]} or, if {@code transA},
     * {@code a[aOff + p*lda + i]}; likewise B. Callers guarantee the index ranges.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        int bsk = transB ? 1 : ldb, bsj = transB ? ldb : 1;
        gemm(transA, m, n, k, a, aOff, lda,
                (p0, kc, j0, nc, nr, dst) -> packB(kc, nc, b, bOff + p0 * bsk + j0 * bsj, bsk, bsj, dst),
                c, cOff, ldc, accumulate);
    }

    /** The same with op(B) supplied block by block by {@code panel} (see {@link Gemm.Panel32}). */
    static void gemm(boolean transA, int m, int n, int k, float[] a, int aOff, int lda, Gemm.Panel32 panel,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) return;
        if (k == 0) {
            if (!accumulate) for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            return;
        }
        Work w = WORK.get();
        int asi = transA ? 1 : lda, ask = transA ? lda : 1;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                boolean load = accumulate || pc > 0;
                panel.pack(pc, kc, jc, nc, NR, w.b);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    packA(mc, kc, a, aOff + ic * asi + pc * ask, asi, ask, w.a);
                    for (int jr = 0; jr < nc; jr += NR) {   // a sliver of B stays in L1 while the block of A streams from L2
                        int nr = Math.min(NR, nc - jr);
                        int bp = jr * kc;
                        for (int ir = 0; ir < mc; ir += MR) {
                            int mr = Math.min(MR, mc - ir);
                            int ap = ir * kc;
                            int ci = cOff + (ic + ir) * ldc + jc + jr;
                            if (mr == MR && nr == NR) {
                                kernel(kc, w.a, ap, w.b, bp, c, ci, ldc, load);
                            } else {
                                float[] t = w.tile;
                                if (load) {
                                    for (int r = 0; r < mr; r++) System.arraycopy(c, ci + r * ldc, t, r * NR, nr);
                                }
                                kernel(kc, w.a, ap, w.b, bp, t, 0, NR, load);
                                for (int r = 0; r < mr; r++) System.arraycopy(t, r * NR, c, ci + r * ldc, nr);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Copies op(A)[0..mc)[0..kc) (element (i, p) at {@code a[off + i*si + p*sk]}) into MR-row slivers, zero-padded. */
    private static void packA(int mc, int kc, float[] a, int off, int si, int sk, float[] dst) {
        for (int i0 = 0; i0 < mc; i0 += MR) {
            int rows = Math.min(MR, mc - i0), base = i0 * kc;
            if (rows == MR && sk == 1) {
                int r0 = off + i0 * si, r1 = r0 + si, r2 = r1 + si, r3 = r2 + si, r4 = r3 + si, r5 = r4 + si;
                for (int p = 0, d = base; p < kc; p++, d += MR) {
                    dst[d] = a[r0 + p];
                    dst[d + 1] = a[r1 + p];
                    dst[d + 2] = a[r2 + p];
                    dst[d + 3] = a[r3 + p];
                    dst[d + 4] = a[r4 + p];
                    dst[d + 5] = a[r5 + p];
                }
            } else if (rows == MR && si == 1) {
                for (int p = 0, d = base, s = off + i0; p < kc; p++, d += MR, s += sk) System.arraycopy(a, s, dst, d, MR);
            } else {
                for (int p = 0, d = base; p < kc; p++, d += MR) {
                    int s = off + i0 * si + p * sk;
                    for (int r = 0; r < rows; r++, s += si) dst[d + r] = a[s];
                    for (int r = rows; r < MR; r++) dst[d + r] = 0f;
                }
            }
        }
    }

    /** Copies op(B)[0..kc)[0..nc) (element (p, j) at {@code b[off + p*sk + j*sj]}) into NR-column slivers, zero-padded. */
    private static void packB(int kc, int nc, float[] b, int off, int sk, int sj, float[] dst) {
        for (int j0 = 0; j0 < nc; j0 += NR) {
            int cols = Math.min(NR, nc - j0), base = j0 * kc;
            if (sj == 1) {
                for (int p = 0, d = base, s = off + j0; p < kc; p++, d += NR, s += sk) {
                    System.arraycopy(b, s, dst, d, cols);
                    if (cols < NR) Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    for (int p = 0, d = base + j, s = off + (j0 + j) * sj; p < kc; p++, d += NR, s += sk) dst[d] = b[s];
                }
                if (cols < NR) {
                    for (int p = 0, d = base; p < kc; p++, d += NR) Arrays.fill(dst, d + cols, d + NR, 0f);
                }
            }
        }
    }

    /** One MR x NR tile: {@code C[r][j] = fma chain over p of A[r][p] * B[p][j]}, starting from C if load, else 0. */
    private static void kernel(int kc, float[] a, int ap, float[] b, int bp, float[] c, int cp, int ldc, boolean load) {
        int r1 = cp + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc;
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load) {
            c00 = FloatVector.fromArray(S, c, cp);
            c01 = FloatVector.fromArray(S, c, cp + L);
            c10 = FloatVector.fromArray(S, c, r1);
            c11 = FloatVector.fromArray(S, c, r1 + L);
            c20 = FloatVector.fromArray(S, c, r2);
            c21 = FloatVector.fromArray(S, c, r2 + L);
            c30 = FloatVector.fromArray(S, c, r3);
            c31 = FloatVector.fromArray(S, c, r3 + L);
            c40 = FloatVector.fromArray(S, c, r4);
            c41 = FloatVector.fromArray(S, c, r4 + L);
            c50 = FloatVector.fromArray(S, c, r5);
            c51 = FloatVector.fromArray(S, c, r5 + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++, ap += MR, bp += NR) {
            FloatVector y0 = FloatVector.fromArray(S, b, bp), y1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector x = FloatVector.broadcast(S, a[ap]);
            c00 = x.fma(y0, c00);
            c01 = x.fma(y1, c01);
            x = FloatVector.broadcast(S, a[ap + 1]);
            c10 = x.fma(y0, c10);
            c11 = x.fma(y1, c11);
            x = FloatVector.broadcast(S, a[ap + 2]);
            c20 = x.fma(y0, c20);
            c21 = x.fma(y1, c21);
            x = FloatVector.broadcast(S, a[ap + 3]);
            c30 = x.fma(y0, c30);
            c31 = x.fma(y1, c31);
            x = FloatVector.broadcast(S, a[ap + 4]);
            c40 = x.fma(y0, c40);
            c41 = x.fma(y1, c41);
            x = FloatVector.broadcast(S, a[ap + 5]);
            c50 = x.fma(y0, c50);
            c51 = x.fma(y1, c51);
        }
        c00.intoArray(c, cp);
        c01.intoArray(c, cp + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
    }
}
