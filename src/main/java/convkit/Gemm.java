package convkit;

import java.util.Arrays;

/**
 * Dense matrix multiply on row-major {@code double[]} matrices, in pure Java: {@code C (+)= op(A) . op(B)} where
 * {@code op(X)} is {@code X} or its transpose.
 *
 * <p>How it is fast: {@code op(B)} is cut into panels of {@code KC x NC} that stay in the L2 cache (copied into a
 * contiguous buffer when B is transposed); four rows of C are updated at once, two k at a time, by a loop over the
 * columns whose body the C2 JIT turns into SIMD instructions (rows copied into scratch arrays indexed from 0, see
 * {@code serial});
 * problems of more than about a million multiply-adds are split over the cores (by rows or by columns of C) on
 * {@link Parallel}'s fixed pool. Results can differ from a naive triple loop in the last bits (different summation
 * order), never more.
 */
public final class Gemm {
    static final int KC = 128;
    static final int NC = 512;
    /** Below this many multiply-adds a GEMM runs on the calling thread. */
    static final long PARALLEL_THRESHOLD = 1L << 20;

    private Gemm() {
    }

    /**
     * {@code C = A . B} for 2-D tensors {@code A (m x k)}, {@code B (k x n)}.
     *
     * @return a new {@code (m x n)} tensor; the arguments are not modified
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        ConvGeometry.requireRank("a", a, 2, "(m, k)");
        ConvGeometry.requireRank("b", b, 2, "(k, n)");
        int m = a.dim(0), k = a.dim(1), n = b.dim(1);
        if (b.dim(0) != k) {
            throw new IllegalArgumentException("inner dimensions differ: a has shape " + Arrays.toString(a.shape())
                    + " and b has shape " + Arrays.toString(b.shape()));
        }
        Im2Col.checkSize(m, n);
        double[] c = new double[m * n];
        gemm(false, false, m, n, k, a.data(), 0, k, b.data(), 0, n, c, 0, n, false);
        return Tensor.wrap(c, m, n);
    }

    /** {@code C (m x n) = A (m x k) . B (k x n)}; overwrites {@code c}. */
    public static void nn(int m, int n, int k, double[] a, double[] b, double[] c) {
        checkLengths(m, n, k, a, b, c);
        gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
    }

    /** {@code C (m x n) = A^T . B} with {@code A} stored {@code (k x m)} and {@code B (k x n)}; overwrites {@code c}. */
    public static void tn(int m, int n, int k, double[] a, double[] b, double[] c) {
        checkLengths(m, n, k, a, b, c);
        gemm(true, false, m, n, k, a, 0, m, b, 0, n, c, 0, n, false);
    }

    /** {@code C (m x n) = A . B^T} with {@code A (m x k)} and {@code B} stored {@code (n x k)}; overwrites {@code c}. */
    public static void nt(int m, int n, int k, double[] a, double[] b, double[] c) {
        checkLengths(m, n, k, a, b, c);
        gemm(false, true, m, n, k, a, 0, k, b, 0, k, c, 0, n, false);
    }

    private static void checkLengths(int m, int n, int k, double[] a, double[] b, double[] c) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("m, n, k must be >= 0 but were " + m + ", " + n + ", " + k);
        if (a == null || b == null || c == null) throw new IllegalArgumentException("a, b and c must not be null");
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException("arrays too short for m=" + m + ", n=" + n + ", k=" + k + ": a.length="
                    + a.length + " (needs m*k), b.length=" + b.length + " (needs k*n), c.length=" + c.length + " (needs m*n)");
        }
    }

    /**
     * The general kernel (BLAS {@code dgemm} with alpha 1 and beta 0 or 1), row-major with leading dimensions.
     * {@code op(A)[i][p]} is {@code a[aOff + i*lda + p]} or, if {@code transA}, {@code a[aOff + p*lda + i]};
     * likewise for B. Writes {@code C[i][j] = c[cOff + i*ldc + j]} for {@code i < m, j < n}: overwritten, or added to
     * if {@code accumulate}. No other element of {@code c} is touched; {@code a} and {@code b} are only read.
     * Callers guarantee the index ranges (this is the internal fast path).
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) return;
        long work = (long) m * n * k;
        if (work >= PARALLEL_THRESHOLD && !Parallel.serialHere()) {
            if (m >= 8 * Parallel.THREADS && m >= n / 4) {
                int strips = (m + 3) / 4;
                Parallel.forRange(strips, true, (s0, s1) -> {
                    int i0 = s0 * 4, i1 = Math.min(m, s1 * 4);
                    serial(transA, transB, i1 - i0, n, k, a, transA ? aOff + i0 : aOff + i0 * lda, lda,
                            b, bOff, ldb, c, cOff + i0 * ldc, ldc, accumulate);
                });
                return;
            }
            if (n >= 16 * Parallel.THREADS) {
                int chunks = (n + 7) / 8;
                Parallel.forRange(chunks, true, (s0, s1) -> {
                    int j0 = s0 * 8, j1 = Math.min(n, s1 * 8);
                    serial(transA, transB, m, j1 - j0, k, a, aOff, lda,
                            b, transB ? bOff + j0 * ldb : bOff + j0, ldb, c, cOff + j0, ldc, accumulate);
                });
                return;
            }
        }
        serial(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** Per-thread scratch: the packed rows of the current panel of op(B), and four rows of C. */
    private static final class Scratch {
        final double[][] b = new double[KC][NC];
        final double[][] c = new double[4][NC];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /*
     * Why rows are copied into separate arrays: C2 in Java 17 only turns a loop into SIMD code when every array
     * access in it uses the same index expression; c[cOff + j] += a * b[bOff + j] with two different offsets stays
     * scalar (measured: about 1 vs 5-8 multiply-adds per ns on this machine). So each panel row of op(B) and each
     * of four rows of C is copied into its own array indexed from 0, the kernels run on those, and the C rows are
     * copied back. The copies are O(k*n + m*n) per panel against O(m*n*k) multiply-adds.
     */
    static void serial(boolean transA, boolean transB, int m, int n, int k,
                       double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double[] c, int cOff, int ldc, boolean accumulate) {
        if (!accumulate) {
            for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
        }
        if (k == 0) return;
        Scratch s = SCRATCH.get();
        double[][] bp = s.b, cr = s.c;
        int aStepK = transA ? lda : 1;
        int aStepI = transA ? 1 : lda;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int kk = 0; kk < kc; kk++) {
                    double[] row = bp[kk];
                    if (transB) {
                        int src = bOff + jc * ldb + pc + kk;
                        for (int j = 0; j < nc; j++) row[j] = b[src + j * ldb];
                    } else {
                        System.arraycopy(b, bOff + (pc + kk) * ldb + jc, row, 0, nc);
                    }
                }
                int aBase = aOff + (transA ? pc * lda : pc);
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    int ci = cOff + i * ldc + jc;
                    for (int r = 0; r < 4; r++) System.arraycopy(c, ci + r * ldc, cr[r], 0, nc);
                    kernel4(kc, nc, a, aBase + i * aStepI, aStepI, aStepK, bp, cr[0], cr[1], cr[2], cr[3]);
                    for (int r = 0; r < 4; r++) System.arraycopy(cr[r], 0, c, ci + r * ldc, nc);
                }
                for (; i < m; i++) {
                    int ci = cOff + i * ldc + jc;
                    System.arraycopy(c, ci, cr[0], 0, nc);
                    kernel1(kc, nc, a, aBase + i * aStepI, aStepK, bp, cr[0]);
                    System.arraycopy(cr[0], 0, c, ci, nc);
                }
            }
        }
    }

    /** Four rows of C: {@code C[r][0..nc) += sum_kk A[r][kk] * B[kk][0..nc)} for r = 0..3, two kk per pass. */
    private static void kernel4(int kc, int nc, double[] a, int aRow, int aStepI, int aStepK,
                                double[][] bp, double[] c0, double[] c1, double[] c2, double[] c3) {
        int kk = 0;
        for (; kk + 2 <= kc; kk += 2) {
            int ap = aRow + kk * aStepK, aq = ap + aStepK;
            double a0 = a[ap], a1 = a[ap + aStepI], a2 = a[ap + 2 * aStepI], a3 = a[ap + 3 * aStepI];
            double e0 = a[aq], e1 = a[aq + aStepI], e2 = a[aq + 2 * aStepI], e3 = a[aq + 3 * aStepI];
            double[] b0 = bp[kk], b1 = bp[kk + 1];
            for (int j = 0; j < nc; j++) {
                double u = b0[j], v = b1[j];
                c0[j] += a0 * u + e0 * v;
                c1[j] += a1 * u + e1 * v;
                c2[j] += a2 * u + e2 * v;
                c3[j] += a3 * u + e3 * v;
            }
        }
        if (kk < kc) {
            int ap = aRow + kk * aStepK;
            double a0 = a[ap], a1 = a[ap + aStepI], a2 = a[ap + 2 * aStepI], a3 = a[ap + 3 * aStepI];
            double[] b0 = bp[kk];
            for (int j = 0; j < nc; j++) {
                double u = b0[j];
                c0[j] += a0 * u;
                c1[j] += a1 * u;
                c2[j] += a2 * u;
                c3[j] += a3 * u;
            }
        }
    }

    /** One row of C: {@code C[0..nc) += sum_kk A[kk] * B[kk][0..nc)}, four kk per pass. */
    private static void kernel1(int kc, int nc, double[] a, int aRow, int aStepK, double[][] bp, double[] c0) {
        int kk = 0;
        for (; kk + 4 <= kc; kk += 4) {
            int ap = aRow + kk * aStepK;
            double a0 = a[ap], a1 = a[ap + aStepK], a2 = a[ap + 2 * aStepK], a3 = a[ap + 3 * aStepK];
            double[] b0 = bp[kk], b1 = bp[kk + 1], b2 = bp[kk + 2], b3 = bp[kk + 3];
            for (int j = 0; j < nc; j++) c0[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
        for (; kk < kc; kk++) {
            double a0 = a[aRow + kk * aStepK];
            double[] b0 = bp[kk];
            for (int j = 0; j < nc; j++) c0[j] += a0 * b0[j];
        }
    }
}
