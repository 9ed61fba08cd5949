package convkit.compute;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The GEMM inner loops written with the vector API (256-bit registers of four doubles, fused multiply-add), used by
 * {@link Gemm} when {@link Simd#enabled()}. Same contract as {@code Gemm.gemm}: row-major arrays with offsets and
 * leading dimensions; C is overwritten, or added to when {@code accumulate}; A and B are only read; callers
 * guarantee the index ranges.
 *
 * <p>Two shapes of loop, because the two layouts want different loops:
 * <ul>
 *   <li>{@link #nn}, {@code C += op(A) . B} with B row-major: a block of 4 rows x 8 columns of C lives in eight
 *       registers; each step of k broadcasts four elements of A and loads two vectors of B.</li>
 *   <li>{@link #nt}, {@code C += A . B^T}: both operands are read along k, so each element of C is a dot product;
 *       2 x 4 of them run at once in eight vector accumulators, summed across lanes at the end.</li>
 * </ul>
 * Every result is a fixed sequence of IEEE operations (fused multiply-adds, additions in a fixed order), so it is the
 * same bit for bit whether the code runs interpreted or compiled ({@code VectorGemmTest} replays that order in plain
 * Java with {@link Math#fma}).
 *
 * <p>k is cut into chunks of {@code KC}, and B into blocks of {@code NC} columns ({@code nn}) or {@code NB} rows
 * ({@code nt}), so that the block of B in use stays in the L2 cache on large problems.
 */
final class VectorGemm {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    static final int KC = 256;
    static final int NC = 128;
    static final int NB = 64;

    private VectorGemm() {
    }

    /** Whether the CPU runs 256-bit double vectors natively. */
    static boolean supported() {
        return DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    }

    private static void clear(int m, int n, double[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
    }

    /**
     * {@code C (m x n) (+)= op(A) . B} where {@code op(A)[i][p] = a[aOff + i*si + p*sk]} (si = lda, sk = 1 for A;
     * si = 1, sk = lda for A transposed) and {@code B[p][j] = b[bOff + p*ldb + j]}.
     */
    static void nn(int m, int n, int k, double[] a, int aOff, int si, int sk, double[] b, int bOff, int ldb,
                   double[] c, int cOff, int ldc, boolean accumulate) {
        if (k == 0) {
            if (!accumulate) clear(m, n, c, cOff, ldc);
            return;
        }
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc), ap = aOff + pc * sk, bp = bOff + pc * ldb;
            boolean load = accumulate || pc > 0;   // the first chunk of an overwrite starts from zero, not from C
            for (int jc = 0; jc < n; jc += NC) {   // a KC x NC block of B stays in L2 while every row of C uses it
                int je = Math.min(n, jc + NC);
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    int ai = ap + i * si, ci = cOff + i * ldc;
                    int j = jc;
                    for (; j + 8 <= je; j += 8) nn4x8(kc, a, ai, si, sk, b, bp + j, ldb, c, ci + j, ldc, load);
                    for (int r = 0; r < 4; r++) rowTail(kc, j, je, a, ai + r * si, sk, b, bp, ldb, c, ci + r * ldc, load);
                }
                for (; i < m; i++) {
                    int ai = ap + i * si, ci = cOff + i * ldc;
                    int j = jc;
                    for (; j + 8 <= je; j += 8) nn1x8(kc, a, ai, sk, b, bp + j, ldb, c, ci + j, load);
                    rowTail(kc, j, je, a, ai, sk, b, bp, ldb, c, ci, load);
                }
            }
        }
    }

    /** Columns {@code [j, je)} of one row of C, fewer than 8: one vector of four if it fits, then scalars. */
    private static void rowTail(int kc, int j, int je, double[] a, int ai, int sk, double[] b, int bp, int ldb,
                                double[] c, int ci, boolean load) {
        if (j + 4 <= je) {
            nn1x4(kc, a, ai, sk, b, bp + j, ldb, c, ci + j, load);
            j += 4;
        }
        for (; j < je; j++) {
            double s = load ? c[ci + j] : 0;
            for (int p = 0, x = ai, y = bp + j; p < kc; p++, x += sk, y += ldb) s += a[x] * b[y];
            c[ci + j] = s;
        }
    }

    private static void nn4x8(int kc, double[] a, int ap, int si, int sk, double[] b, int bp, int ldb,
                              double[] c, int cp, int ldc, boolean load) {
        int r1 = cp + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (load) {
            c00 = DoubleVector.fromArray(S, c, cp);
            c01 = DoubleVector.fromArray(S, c, cp + 4);
            c10 = DoubleVector.fromArray(S, c, r1);
            c11 = DoubleVector.fromArray(S, c, r1 + 4);
            c20 = DoubleVector.fromArray(S, c, r2);
            c21 = DoubleVector.fromArray(S, c, r2 + 4);
            c30 = DoubleVector.fromArray(S, c, r3);
            c31 = DoubleVector.fromArray(S, c, r3 + 4);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = DoubleVector.zero(S);
        }
        for (int p = 0; p < kc; p++, ap += sk, bp += ldb) {
            DoubleVector y0 = DoubleVector.fromArray(S, b, bp), y1 = DoubleVector.fromArray(S, b, bp + 4);
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = x.fma(y0, c00);
            c01 = x.fma(y1, c01);
            x = DoubleVector.broadcast(S, a[ap + si]);
            c10 = x.fma(y0, c10);
            c11 = x.fma(y1, c11);
            x = DoubleVector.broadcast(S, a[ap + 2 * si]);
            c20 = x.fma(y0, c20);
            c21 = x.fma(y1, c21);
            x = DoubleVector.broadcast(S, a[ap + 3 * si]);
            c30 = x.fma(y0, c30);
            c31 = x.fma(y1, c31);
        }
        c00.intoArray(c, cp);
        c01.intoArray(c, cp + 4);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + 4);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + 4);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + 4);
    }

    private static void nn1x8(int kc, double[] a, int ap, int sk, double[] b, int bp, int ldb, double[] c, int cp,
                              boolean load) {
        DoubleVector c0 = load ? DoubleVector.fromArray(S, c, cp) : DoubleVector.zero(S);
        DoubleVector c1 = load ? DoubleVector.fromArray(S, c, cp + 4) : DoubleVector.zero(S);
        for (int p = 0; p < kc; p++, ap += sk, bp += ldb) {
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c0 = x.fma(DoubleVector.fromArray(S, b, bp), c0);
            c1 = x.fma(DoubleVector.fromArray(S, b, bp + 4), c1);
        }
        c0.intoArray(c, cp);
        c1.intoArray(c, cp + 4);
    }

    private static void nn1x4(int kc, double[] a, int ap, int sk, double[] b, int bp, int ldb, double[] c, int cp,
                              boolean load) {
        DoubleVector c0 = load ? DoubleVector.fromArray(S, c, cp) : DoubleVector.zero(S);
        for (int p = 0; p < kc; p++, ap += sk, bp += ldb) {
            c0 = DoubleVector.broadcast(S, a[ap]).fma(DoubleVector.fromArray(S, b, bp), c0);
        }
        c0.intoArray(c, cp);
    }

    /** {@code C (m x n) (+)= A . B^T} with {@code A[i][p] = a[aOff + i*lda + p]} and {@code B^T[p][j] = b[bOff + j*ldb + p]}. */
    static void nt(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                   double[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) clear(m, n, c, cOff, ldc);
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int jb = 0; jb < n; jb += NB) {
                int je = Math.min(n, jb + NB);
                int i = 0;
                for (; i + 2 <= m; i += 2) {
                    int ai = aOff + i * lda + pc, ci = cOff + i * ldc;
                    int j = jb;
                    for (; j + 4 <= je; j += 4) dot2x4(kc, a, ai, lda, b, bOff + j * ldb + pc, ldb, c, ci + j, ldc);
                    for (; j < je; j++) {
                        int bj = bOff + j * ldb + pc;
                        c[ci + j] += dot(kc, a, ai, b, bj);
                        c[ci + ldc + j] += dot(kc, a, ai + lda, b, bj);
                    }
                }
                for (; i < m; i++) {
                    int ai = aOff + i * lda + pc, ci = cOff + i * ldc;
                    for (int j = jb; j < je; j++) c[ci + j] += dot(kc, a, ai, b, bOff + j * ldb + pc);
                }
            }
        }
    }

    private static void dot2x4(int kc, double[] a, int a0, int lda, double[] b, int b0, int ldb,
                               double[] c, int cp, int ldc) {
        int a1 = a0 + lda, b1 = b0 + ldb, b2 = b1 + ldb, b3 = b2 + ldb;
        DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        int kv = kc & ~3, p = 0;
        for (; p < kv; p += 4) {
            DoubleVector x0 = DoubleVector.fromArray(S, a, a0 + p), x1 = DoubleVector.fromArray(S, a, a1 + p);
            DoubleVector y = DoubleVector.fromArray(S, b, b0 + p);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            y = DoubleVector.fromArray(S, b, b1 + p);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            y = DoubleVector.fromArray(S, b, b2 + p);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            y = DoubleVector.fromArray(S, b, b3 + p);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
        }
        double t00 = sum(s00), t01 = sum(s01);
        double t02 = sum(s02), t03 = sum(s03);
        double t10 = sum(s10), t11 = sum(s11);
        double t12 = sum(s12), t13 = sum(s13);
        for (; p < kc; p++) {
            double x0 = a[a0 + p], x1 = a[a1 + p], y0 = b[b0 + p], y1 = b[b1 + p], y2 = b[b2 + p], y3 = b[b3 + p];
            t00 += x0 * y0;
            t01 += x0 * y1;
            t02 += x0 * y2;
            t03 += x0 * y3;
            t10 += x1 * y0;
            t11 += x1 * y1;
            t12 += x1 * y2;
            t13 += x1 * y3;
        }
        c[cp] += t00;
        c[cp + 1] += t01;
        c[cp + 2] += t02;
        c[cp + 3] += t03;
        c[cp + ldc] += t10;
        c[cp + ldc + 1] += t11;
        c[cp + ldc + 2] += t12;
        c[cp + ldc + 3] += t13;
    }

    /**
     * The four lanes added in a fixed order. Not {@code reduceLanes(ADD)}: its order is unspecified, and the JIT's
     * version sums differently from the interpreter's, so the same call could round differently before and after
     * compilation.
     */
    private static double sum(DoubleVector v) {
        return (v.lane(0) + v.lane(1)) + (v.lane(2) + v.lane(3));
    }

    private static double dot(int kc, double[] a, int a0, double[] b, int b0) {
        DoubleVector s = DoubleVector.zero(S);
        int kv = kc & ~3, p = 0;
        for (; p < kv; p += 4) s = DoubleVector.fromArray(S, a, a0 + p).fma(DoubleVector.fromArray(S, b, b0 + p), s);
        double t = sum(s);
        for (; p < kc; p++) t += a[a0 + p] * b[b0 + p];
        return t;
    }
}
