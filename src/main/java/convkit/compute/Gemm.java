package convkit.compute;

import java.util.Arrays;

/**
 * Dense matrix multiply (GEMM) on row-major {@code double[]} matrices, in pure Java: {@code C (+)= op(A) . op(B)} where
 * {@code op(X)} is {@code X} or its transpose.
 *
 * <p>How it is fast: when {@link Simd#enabled()}, the serial part is {@link PackedGemm} (float64) or
 * {@link PackedGemmF} (float32): op(A) and op(B) packed into cache-sized panels, a register-blocked 6 x 2-vector
 * micro-kernel of fused multiply-adds at the CPU's preferred vector width (512 bits on AVX-512), every element of C
 * one chain of fused multiply-adds over k in order, so the same bits on every run, JIT or not, one thread or two.
 * Otherwise plain Java loops: {@code op(B)} is cut into panels of {@code KC x NC} that stay in the L2 cache, copied
 * into one array per row; four rows of C are updated at once by a loop the C2 JIT turns into SIMD instructions.
 * Problems of more than about a million multiply-adds are split over the cores (by whole register tiles of rows or
 * of columns of C) on {@link ThreadPool}'s fixed pool. Results can differ from a naive triple loop in the last bits
 * (fused multiply-adds, a different summation order), never more.
 *
 * <p>This is the one matrix multiply of the library: {@code Tensor.matmul} calls {@link #nn}; convolution and the
 * dense layer call {@link #gemm} with offsets and leading dimensions.
 */
public final class Gemm {
    static final int KC = 128;
    static final int NC = 256;
    /** Below this many multiply-adds a GEMM runs on the calling thread. */
    public static final long PARALLEL_THRESHOLD = 1L << 20;

    private Gemm() {
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
     * The general entry (BLAS {@code dgemm} with alpha 1 and beta 0 or 1), row-major with leading dimensions.
     * {@code op(A)[i][p]} is {@code a[aOff + i*lda + p]} or, if {@code transA}, {@code a[aOff + p*lda + i]};
     * likewise for B. Writes {@code C[i][j] = c[cOff + i*ldc + j]} for {@code i < m, j < n}: overwritten, or added to
     * if {@code accumulate}. No other element of {@code c} is touched; {@code a} and {@code b} are only read.
     * Callers guarantee the index ranges (this is the internal fast path).
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                     double[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) return;
        long work = (long) m * n * k;
        if (work >= PARALLEL_THRESHOLD && !ThreadPool.serialHere()) {
            int mu = rowUnit(), nu = colUnit(false);
            if (m >= 2 * mu * ThreadPool.THREADS && m >= n / 4) {
                ThreadPool.forRange((m + mu - 1) / mu, true, (s0, s1) -> {
                    int i0 = s0 * mu, i1 = Math.min(m, s1 * mu);
                    serial(transA, transB, i1 - i0, n, k, a, transA ? aOff + i0 : aOff + i0 * lda, lda,
                            b, bOff, ldb, c, cOff + i0 * ldc, ldc, accumulate);
                });
                return;
            }
            if (n >= 2 * nu * ThreadPool.THREADS) {
                ThreadPool.forRange((n + nu - 1) / nu, true, (s0, s1) -> {
                    int j0 = s0 * nu, j1 = Math.min(n, s1 * nu);
                    serial(transA, transB, m, j1 - j0, k, a, aOff, lda,
                            b, transB ? bOff + j0 * ldb : bOff + j0, ldb, c, cOff + j0, ldc, accumulate);
                });
                return;
            }
        }
        serial(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /**
     * The same general entry on {@code float[]} (BLAS {@code sgemm}, alpha 1, beta 0 or 1): the float32 training
     * path. With {@link Simd#enabled()} it runs the packed kernel at the CPU's vector width (sixteen floats per
     * 512-bit register); otherwise plain loops. Each element of C is a chain of fused multiply-adds over k in
     * order (vector path) or of float multiply-then-add (plain loops); never reordered by the JIT.
     */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) return;
        long work = (long) m * n * k;
        if (work >= PARALLEL_THRESHOLD && !ThreadPool.serialHere()) {
            int mu = rowUnit(), nu = colUnit(true);
            if (m >= 2 * mu * ThreadPool.THREADS && m >= n / 4) {
                ThreadPool.forRange((m + mu - 1) / mu, true, (s0, s1) -> {
                    int i0 = s0 * mu, i1 = Math.min(m, s1 * mu);
                    serial(transA, transB, i1 - i0, n, k, a, transA ? aOff + i0 : aOff + i0 * lda, lda,
                            b, bOff, ldb, c, cOff + i0 * ldc, ldc, accumulate);
                });
                return;
            }
            if (n >= 2 * nu * ThreadPool.THREADS) {
                ThreadPool.forRange((n + nu - 1) / nu, true, (s0, s1) -> {
                    int j0 = s0 * nu, j1 = Math.min(n, s1 * nu);
                    serial(transA, transB, m, j1 - j0, k, a, aOff, lda,
                            b, transB ? bOff + j0 * ldb : bOff + j0, ldb, c, cOff + j0, ldc, accumulate);
                });
                return;
            }
        }
        serial(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** {@code C (m x n) = A (m x k) . B (k x n)} in float32; overwrites {@code c}. */
    public static void nn(int m, int n, int k, float[] a, float[] b, float[] c) {
        if (m < 0 || n < 0 || k < 0) throw new IllegalArgumentException("m, n, k must be >= 0 but were " + m + ", " + n + ", " + k);
        if (a == null || b == null || c == null) throw new IllegalArgumentException("a, b and c must not be null");
        if (a.length < (long) m * k || b.length < (long) k * n || c.length < (long) m * n) {
            throw new IllegalArgumentException("arrays too short for m=" + m + ", n=" + n + ", k=" + k + ": a.length="
                    + a.length + " (needs m*k), b.length=" + b.length + " (needs k*n), c.length=" + c.length + " (needs m*n)");
        }
        gemm(false, false, m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
    }

    /**
     * Supplies op(B) to the packed kernel block by block, for a B that is never stored whole (convolution packs its
     * unrolled windows straight from the image: im2col without the im2col matrix). {@code pack} writes rows
     * {@code [p0, p0 + kc)} and columns {@code [j0, j0 + nc)} of op(B) into slivers of {@code nr} columns: element
     * {@code (p0 + p, j0 + s*nr + l)} at {@code dst[s*kc*nr + p*nr + l]}, the lanes past {@code nc} of the last sliver
     * set to 0. Only {@code dst} may be modified.
     */
    @FunctionalInterface
    public interface Panel64 {
        void pack(int p0, int kc, int j0, int nc, int nr, double[] dst);
    }

    /** The float32 {@link Panel64}. */
    @FunctionalInterface
    public interface Panel32 {
        void pack(int p0, int kc, int j0, int nc, int nr, float[] dst);
    }

    /**
     * {@code C (m x n) (+)= op(A) . B} on the calling thread, B given by {@code panel}; the same bits as
     * {@link #gemm(boolean, boolean, int, int, int, double[], int, int, double[], int, int, double[], int, int, boolean)}
     * on the stored B (one chain of fused multiply-adds over k per element).
     *
     * @throws IllegalStateException unless {@link Simd#enabled()} (the plain loops need B as an array)
     */
    public static void gemm(boolean transA, int m, int n, int k, double[] a, int aOff, int lda, Panel64 panel,
                            double[] c, int cOff, int ldc, boolean accumulate) {
        if (!Simd.enabled()) throw new IllegalStateException("Gemm with a Panel64 needs the vector kernels: " + Simd.describe());
        PackedGemm.gemm(transA, m, n, k, a, aOff, lda, panel, c, cOff, ldc, accumulate);
    }

    /** The float32 version of {@link #gemm(boolean, int, int, int, double[], int, int, Panel64, double[], int, int, boolean)}. */
    public static void gemm(boolean transA, int m, int n, int k, float[] a, int aOff, int lda, Panel32 panel,
                            float[] c, int cOff, int ldc, boolean accumulate) {
        if (!Simd.enabled()) throw new IllegalStateException("Gemm with a Panel32 needs the vector kernels: " + Simd.describe());
        PackedGemmF.gemm(transA, m, n, k, a, aOff, lda, panel, c, cOff, ldc, accumulate);
    }

    /** Rows per share when a GEMM is split over threads: whole register tiles. */
    private static int rowUnit() {
        return Simd.enabled() ? PackedGemm.MR : 4;
    }

    private static int colUnit(boolean f32) {
        return Simd.enabled() ? (f32 ? PackedGemmF.NR : PackedGemm.NR) : 8;
    }

    static void serial(boolean transA, boolean transB, int m, int n, int k,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc, boolean accumulate) {
        if (Simd.enabled()) {
            PackedGemmF.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        scalar(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** Plain float loops (no vector API): {@code c = c + a*b} per step of k, in order. */
    static void scalar(boolean transA, boolean transB, int m, int n, int k,
                       float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                       float[] c, int cOff, int ldc, boolean accumulate) {
        int asi = transA ? 1 : lda, ask = transA ? lda : 1, bsk = transB ? 1 : ldb, bsj = transB ? ldb : 1;
        float[] row = new float[n];
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (accumulate) System.arraycopy(c, ci, row, 0, n);
            else Arrays.fill(row, 0f);
            for (int p = 0; p < k; p++) {
                float x = a[aOff + i * asi + p * ask];
                int bp = bOff + p * bsk;
                if (bsj == 1) {
                    for (int j = 0; j < n; j++) row[j] += x * b[bp + j];
                } else {
                    for (int j = 0; j < n; j++) row[j] += x * b[bp + j * bsj];
                }
            }
            System.arraycopy(row, 0, c, ci, n);
        }
    }

    /** Per-thread work space: the packed panel of op(B) (one array per row) and the C tile (one array per row). */
    private static final class Work {
        final double[][] bRows = new double[KC][NC];
        final double[][] tile = new double[4][NC];
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    /*
     * Why rows live in separate arrays: in JDK 17 the C2 superword pass only vectorises a loop when all its array
     * indexes have the same loop-invariant part. c[cOff + j] += a * b[bOff + j] has two different invariants and runs
     * scalar (about 3 GFLOP/s); t[j] += a * bRow[j] with every row starting at index 0 runs as AVX (about 12 GFLOP/s
     * per core on the 2-core test machine). So op(B) is copied into row arrays and each 4-row strip of C is
     * accumulated in four row arrays, copied in and out with System.arraycopy.
     */
    static void serial(boolean transA, boolean transB, int m, int n, int k,
                       double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double[] c, int cOff, int ldc, boolean accumulate) {
        if (Simd.enabled()) {
            PackedGemm.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
            return;
        }
        scalar(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    /** The plain-Java loops (no vector API): what runs when {@link Simd#enabled()} is false. */
    static void scalar(boolean transA, boolean transB, int m, int n, int k,
                       double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                       double[] c, int cOff, int ldc, boolean accumulate) {
        if (k == 0) {
            if (!accumulate) for (int i = 0; i < m; i++) Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0.0);
            return;
        }
        Work wk = WORK.get();
        double[][] bRows = wk.bRows, tile = wk.tile;
        int aStepK = transA ? lda : 1;
        int aStepI = transA ? 1 : lda;
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (transB) {
                    // transpose in blocks of 8 columns of op(B) so that reads and writes both stay in cache
                    for (int j0 = 0; j0 < nc; j0 += 8) {
                        int j1 = Math.min(nc, j0 + 8);
                        for (int kk = 0; kk < kc; kk++) {
                            double[] row = bRows[kk];
                            int src = bOff + (jc + j0) * ldb + pc + kk;
                            for (int j = j0; j < j1; j++, src += ldb) row[j] = b[src];
                        }
                    }
                } else {
                    for (int kk = 0; kk < kc; kk++) System.arraycopy(b, bOff + (pc + kk) * ldb + jc, bRows[kk], 0, nc);
                }
                boolean fresh = pc == 0 && !accumulate;
                int aBase = aOff + pc * aStepK;
                for (int i = 0; i < m; i += 4) {
                    int rows = Math.min(4, m - i);
                    for (int r = 0; r < rows; r++) {
                        if (fresh) Arrays.fill(tile[r], 0, nc, 0.0);
                        else System.arraycopy(c, cOff + (i + r) * ldc + jc, tile[r], 0, nc);
                    }
                    int aRow = aBase + i * aStepI;
                    switch (rows) {
                        case 4 -> rows4(kc, nc, a, aRow, aStepI, aStepK, bRows, tile[0], tile[1], tile[2], tile[3]);
                        case 3 -> rows3(kc, nc, a, aRow, aStepI, aStepK, bRows, tile[0], tile[1], tile[2]);
                        case 2 -> rows2(kc, nc, a, aRow, aStepI, aStepK, bRows, tile[0], tile[1]);
                        default -> rows1(kc, nc, a, aRow, aStepK, bRows, tile[0]);
                    }
                    for (int r = 0; r < rows; r++) System.arraycopy(tile[r], 0, c, cOff + (i + r) * ldc + jc, nc);
                }
            }
        }
    }

    /** Four rows: {@code t_r[0..nc) += sum_kk A[r][kk] * bRows[kk][0..nc)}. */
    private static void rows4(int kc, int nc, double[] a, int aRow, int si, int sk, double[][] bRows,
                                double[] t0, double[] t1, double[] t2, double[] t3) {
        for (int kk = 0; kk < kc; kk++) {
            int ap = aRow + kk * sk;
            double a0 = a[ap], a1 = a[ap + si], a2 = a[ap + 2 * si], a3 = a[ap + 3 * si];
            double[] br = bRows[kk];
            for (int j = 0; j < nc; j++) {
                double x = br[j];
                t0[j] += a0 * x;
                t1[j] += a1 * x;
                t2[j] += a2 * x;
                t3[j] += a3 * x;
            }
        }
    }

    private static void rows3(int kc, int nc, double[] a, int aRow, int si, int sk, double[][] bRows,
                                double[] t0, double[] t1, double[] t2) {
        for (int kk = 0; kk < kc; kk++) {
            int ap = aRow + kk * sk;
            double a0 = a[ap], a1 = a[ap + si], a2 = a[ap + 2 * si];
            double[] br = bRows[kk];
            for (int j = 0; j < nc; j++) {
                double x = br[j];
                t0[j] += a0 * x;
                t1[j] += a1 * x;
                t2[j] += a2 * x;
            }
        }
    }

    private static void rows2(int kc, int nc, double[] a, int aRow, int si, int sk, double[][] bRows,
                                double[] t0, double[] t1) {
        for (int kk = 0; kk < kc; kk++) {
            int ap = aRow + kk * sk;
            double a0 = a[ap], a1 = a[ap + si];
            double[] br = bRows[kk];
            for (int j = 0; j < nc; j++) {
                double x = br[j];
                t0[j] += a0 * x;
                t1[j] += a1 * x;
            }
        }
    }

    private static void rows1(int kc, int nc, double[] a, int aRow, int sk, double[][] bRows, double[] t0) {
        for (int kk = 0; kk < kc; kk++) {
            double a0 = a[aRow + kk * sk];
            double[] br = bRows[kk];
            for (int j = 0; j < nc; j++) t0[j] += a0 * br[j];
        }
    }
}
