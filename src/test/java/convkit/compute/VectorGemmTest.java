package convkit.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels and the plain loops of {@link Gemm} against a triple loop, with offsets, leading dimensions
 * larger than the matrices, both values of {@code accumulate}, and sizes around every block edge (4 and 8 columns,
 * 2 and 4 rows, {@link VectorGemm#KC}, {@link VectorGemm#NB}).
 */
class VectorGemmTest {
    private static final int[] M = {1, 2, 3, 4, 5, 6, 7, 9, 16};
    private static final int[] N = {1, 3, 4, 5, 7, 8, 9, 12, 13, 25, 66, 100};
    private static final int[] K = {0, 1, 3, 4, 5, 25, 150, 257, 600};

    /** Runs one kernel call on padded arrays and checks C inside the m x n block and the padding around it. */
    private static void check(String kernel, boolean ta, boolean tb, int m, int n, int k, boolean acc, Random r) {
        int lda = (ta ? m : k) + 3, ldb = (tb ? k : n) + 2, ldc = n + 5, aOff = 7, bOff = 3, cOff = 11;
        double[] a = new double[aOff + (ta ? k : m) * lda + 4], b = new double[bOff + (tb ? n : k) * ldb + 4];
        double[] c = new double[cOff + m * ldc + 6];
        for (int i = 0; i < a.length; i++) a[i] = 2 * r.nextDouble() - 1;
        for (int i = 0; i < b.length; i++) b[i] = 2 * r.nextDouble() - 1;
        for (int i = 0; i < c.length; i++) c[i] = 2 * r.nextDouble() - 1;
        double[] before = c.clone();
        switch (kernel) {
            case "vector" -> {
                if (tb) VectorGemm.nt(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
                else VectorGemm.nn(m, n, k, a, aOff, ta ? 1 : lda, ta ? lda : 1, b, bOff, ldb, c, cOff, ldc, acc);
            }
            case "plain" -> Gemm.scalar(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
            default -> Gemm.gemm(ta, tb, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, acc);
        }
        boolean[] inside = new boolean[c.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = acc ? before[cOff + i * ldc + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += (ta ? a[aOff + p * lda + i] : a[aOff + i * lda + p]) * (tb ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j]);
                }
                int at = cOff + i * ldc + j;
                inside[at] = true;
                assertThat(c[at]).as("%s ta=%s tb=%s m=%d n=%d k=%d acc=%s C[%d][%d]", kernel, ta, tb, m, n, k, acc, i, j)
                        .isCloseTo(s, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, k)));
            }
        }
        for (int i = 0; i < c.length; i++) {
            if (!inside[i]) assertThat(c[i]).as("%s m=%d n=%d k=%d: element %d outside C was written", kernel, m, n, k, i).isEqualTo(before[i]);
        }
    }

    private static void allShapes(String kernel, boolean ta, boolean tb) {
        Random r = new Random(20261122L);
        for (int m : M) for (int n : N) for (int k : K) check(kernel, ta, tb, m, n, k, r.nextBoolean(), r);
    }

    @Test
    void nnMatchesTheTripleLoop() {
        assumeTrue(Simd.enabled(), Simd.describe());
        allShapes("vector", false, false);
    }

    @Test
    void nnWithATransposedMatchesTheTripleLoop() {
        assumeTrue(Simd.enabled(), Simd.describe());
        allShapes("vector", true, false);
    }

    @Test
    void ntMatchesTheTripleLoop() {
        assumeTrue(Simd.enabled(), Simd.describe());
        allShapes("vector", false, true);
    }

    @Test
    void theBlockEdgesOfNtAreCovered() {
        assumeTrue(Simd.enabled(), Simd.describe());
        Random r = new Random(5);
        check("vector", false, true, 3, VectorGemm.NB + 5, VectorGemm.KC + 3, true, r);   // two blocks of B, two chunks of k
        check("vector", false, true, 2, 2 * VectorGemm.NB, 2 * VectorGemm.KC, false, r);
        check("vector", true, false, 5, 17, 2 * VectorGemm.KC + 1, true, r);
    }

    @Test
    void thePlainLoopsMatchTheTripleLoopForAllFourVariants() {
        for (boolean ta : new boolean[] {false, true}) for (boolean tb : new boolean[] {false, true}) allShapes("plain", ta, tb);
    }

    @Test
    void gemmWithBothOperandsTransposedMatchesTheTripleLoop() {
        allShapes("gemm", true, true);   // A^T . B^T has no vector kernel: Gemm keeps the plain loops for it
    }

    // ------------------------------------------------------------------ bit-exact replay of the summation order

    /** {@link VectorGemm#nt} element by element: per chunk of k, four lane sums of fused multiply-adds, added
     * (l0 + l1) + (l2 + l3), then the scalar tail, then added into C. */
    private static void replayNt(int m, int n, int k, double[] a, int aOff, int lda, double[] b, int bOff, int ldb,
                                 double[] c, int cOff, int ldc, boolean acc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = cOff + i * ldc + j;
                if (!acc) c[at] = 0;
                for (int pc = 0; pc < k; pc += VectorGemm.KC) {
                    int kc = Math.min(VectorGemm.KC, k - pc), kv = kc & ~3, ai = aOff + i * lda + pc, bj = bOff + j * ldb + pc;
                    double[] lane = new double[4];
                    for (int p = 0; p < kv; p++) lane[p % 4] = Math.fma(a[ai + p], b[bj + p], lane[p % 4]);
                    double t = (lane[0] + lane[1]) + (lane[2] + lane[3]);
                    for (int p = kv; p < kc; p++) t += a[ai + p] * b[bj + p];
                    c[at] += t;
                }
            }
        }
    }

    /** {@link VectorGemm#nn} element by element: a chain of fused multiply-adds over k (starting from C, or from 0 in
     * the first chunk of an overwrite), except in the last columns of each block of NC that no vector covers. */
    private static void replayNn(int m, int n, int k, double[] a, int aOff, int si, int sk, double[] b, int bOff,
                                 int ldb, double[] c, int cOff, int ldc, boolean acc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int at = cOff + i * ldc + j;
                if (!acc) c[at] = 0;
                int jc = j / VectorGemm.NC * VectorGemm.NC, je = Math.min(n, jc + VectorGemm.NC);
                int vecEnd = jc + (je - jc) / 8 * 8;
                if (je - vecEnd >= 4) vecEnd += 4;
                boolean vector = j < vecEnd;
                for (int pc = 0; pc < k; pc += VectorGemm.KC) {
                    int kc = Math.min(VectorGemm.KC, k - pc);
                    double v = c[at];
                    for (int p = pc; p < pc + kc; p++) {
                        double x = a[aOff + i * si + p * sk], y = b[bOff + p * ldb + j];
                        v = vector ? Math.fma(x, y, v) : v + x * y;
                    }
                    c[at] = v;
                }
            }
        }
    }

    @Test
    void vectorResultsAreTheirSummationOrderBitForBitBeforeAndAfterTheJit() {
        assumeTrue(Simd.enabled(), Simd.describe());
        Random r = new Random(3);
        int[][] shapes = {{6, 25, 784}, {16, 150, 100}, {5, 13, 7}, {3, VectorGemm.NC + 13, VectorGemm.KC + 9}, {150, 100, 16}};
        for (int round = 0; round < 2; round++) {
            for (int[] sh : shapes) {
                int m = sh[0], n = sh[1], k = sh[2];
                double[] a = new double[m * k], b = new double[n * k], c0 = new double[m * n];
                for (int i = 0; i < a.length; i++) a[i] = 2 * r.nextDouble() - 1;
                for (int i = 0; i < b.length; i++) b[i] = 2 * r.nextDouble() - 1;
                for (int i = 0; i < c0.length; i++) c0[i] = 2 * r.nextDouble() - 1;
                for (boolean acc : new boolean[] {false, true}) {
                    double[] got = c0.clone(), want = c0.clone();
                    VectorGemm.nt(m, n, k, a, 0, k, b, 0, k, got, 0, n, acc);
                    replayNt(m, n, k, a, 0, k, b, 0, k, want, 0, n, acc);
                    assertThat(got).as("nt %s acc=%s round %d", java.util.Arrays.toString(sh), acc, round).containsExactly(want);
                    got = c0.clone();
                    want = c0.clone();
                    VectorGemm.nn(m, n, k, a, 0, k, 1, b, 0, n, got, 0, n, acc);
                    replayNn(m, n, k, a, 0, k, 1, b, 0, n, want, 0, n, acc);
                    assertThat(got).as("nn %s acc=%s round %d", java.util.Arrays.toString(sh), acc, round).containsExactly(want);
                    got = c0.clone();
                    want = c0.clone();
                    VectorGemm.nn(m, n, k, a, 0, 1, m, b, 0, n, got, 0, n, acc);
                    replayNn(m, n, k, a, 0, 1, m, b, 0, n, want, 0, n, acc);
                    assertThat(got).as("tn %s acc=%s round %d", java.util.Arrays.toString(sh), acc, round).containsExactly(want);
                }
            }
            // between the rounds: enough calls for the JIT to compile every kernel with C2
            double[] a = new double[16 * 150], b = new double[150 * 100], c = new double[16 * 100];
            for (int i = 0; i < 3000; i++) {
                VectorGemm.nt(16, 10, 150, a, 0, 150, b, 0, 150, c, 0, 10, false);
                VectorGemm.nn(16, 100, 150, a, 0, 150, 1, b, 0, 100, c, 0, 100, false);
                VectorGemm.nn(7, 13, 3, a, 0, 3, 1, b, 0, 13, c, 0, 13, true);
            }
        }
    }
}
