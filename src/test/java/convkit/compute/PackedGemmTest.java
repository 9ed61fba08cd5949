package convkit.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PackedGemm} (float64) and {@link PackedGemmF} (float32), and {@link Gemm#gemm} on top of them: every element
 * of C must be exactly the chain {@code c = fma(op(A)[i][p], op(B)[p][j], c)} over p in order, from C or from +0.0
 * (replayed here with {@link Math#fma}), for all four transpositions, with offsets and leading dimensions larger than
 * the matrices, at sizes around every edge of the blocking (MR, NR, KC, MC, NC), before and after the JIT has compiled
 * the kernels, and when {@code Gemm} splits the work over threads; nothing outside C is written.
 */
class PackedGemmTest {
    private static final int[] M = {1, 2, 5, 6, 7, 12, 13};
    private static final int[] N = {1, 3, 8, 15, 16, 17, 33, 40};
    private static final int[] K = {0, 1, 2, 7, 25};

    private record Case(boolean ta, boolean tb, int m, int n, int k, boolean acc, int lda, int ldb, int ldc,
                        int aOff, int bOff, int cOff) {
        static Case of(boolean ta, boolean tb, int m, int n, int k, boolean acc) {
            return new Case(ta, tb, m, n, k, acc, (ta ? m : k) + 3, (tb ? k : n) + 2, n + 5, 7, 3, 11);
        }

        int aLen() {
            return aOff + (ta ? k : m) * lda + 4;
        }

        int bLen() {
            return bOff + (tb ? n : k) * ldb + 4;
        }

        int cLen() {
            return cOff + m * ldc + 6;
        }
    }

    /** The defined result, element by element. */
    private static double[] replay(Case t, double[] a, double[] b, double[] c0) {
        double[] c = c0.clone();
        for (int i = 0; i < t.m; i++) {
            for (int j = 0; j < t.n; j++) {
                int at = t.cOff + i * t.ldc + j;
                double s = t.acc ? c[at] : 0.0;
                for (int p = 0; p < t.k; p++) {
                    double x = t.ta ? a[t.aOff + p * t.lda + i] : a[t.aOff + i * t.lda + p];
                    double y = t.tb ? b[t.bOff + j * t.ldb + p] : b[t.bOff + p * t.ldb + j];
                    s = Math.fma(x, y, s);
                }
                c[at] = s;
            }
        }
        return c;
    }

    private static float[] replay(Case t, float[] a, float[] b, float[] c0) {
        float[] c = c0.clone();
        for (int i = 0; i < t.m; i++) {
            for (int j = 0; j < t.n; j++) {
                int at = t.cOff + i * t.ldc + j;
                float s = t.acc ? c[at] : 0f;
                for (int p = 0; p < t.k; p++) {
                    float x = t.ta ? a[t.aOff + p * t.lda + i] : a[t.aOff + i * t.lda + p];
                    float y = t.tb ? b[t.bOff + j * t.ldb + p] : b[t.bOff + p * t.ldb + j];
                    s = Math.fma(x, y, s);
                }
                c[at] = s;
            }
        }
        return c;
    }

    private static double[] random(Random r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = 2 * r.nextDouble() - 1;
        return a;
    }

    private static float[] randomF(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = 2 * r.nextFloat() - 1;
        return a;
    }

    /** kind: "packed" (the kernel on this thread) or "gemm" (Gemm.gemm, which may split over threads). */
    private static void check64(String kind, Case t, Random r) {
        double[] a = random(r, t.aLen()), b = random(r, t.bLen()), c = random(r, t.cLen());
        double[] want = replay(t, a, b, c);
        if (kind.equals("packed")) {
            PackedGemm.gemm(t.ta, t.tb, t.m, t.n, t.k, a, t.aOff, t.lda, b, t.bOff, t.ldb, c, t.cOff, t.ldc, t.acc);
        } else {
            Gemm.gemm(t.ta, t.tb, t.m, t.n, t.k, a, t.aOff, t.lda, b, t.bOff, t.ldb, c, t.cOff, t.ldc, t.acc);
        }
        assertThat(c).as("%s float64 %s", kind, t).containsExactly(want);
    }

    private static void check32(String kind, Case t, Random r) {
        float[] a = randomF(r, t.aLen()), b = randomF(r, t.bLen()), c = randomF(r, t.cLen());
        float[] want = replay(t, a, b, c);
        if (kind.equals("packed")) {
            PackedGemmF.gemm(t.ta, t.tb, t.m, t.n, t.k, a, t.aOff, t.lda, b, t.bOff, t.ldb, c, t.cOff, t.ldc, t.acc);
        } else {
            Gemm.gemm(t.ta, t.tb, t.m, t.n, t.k, a, t.aOff, t.lda, b, t.bOff, t.ldb, c, t.cOff, t.ldc, t.acc);
        }
        assertThat(c).as("%s float32 %s", kind, t).containsExactly(want);
    }

    private static void smallShapes(String kind) {
        Random r = new Random(20261202L);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int m : M) {
                    for (int n : N) {
                        for (int k : K) {
                            check64(kind, Case.of(ta, tb, m, n, k, r.nextBoolean()), r);
                            check32(kind, Case.of(ta, tb, m, n, k, r.nextBoolean()), r);
                        }
                    }
                }
            }
        }
    }

    /** Sizes that cross KC (two chunks of k), MC (two blocks of A) and NC (two panels of B). */
    private static void blockEdges(String kind) {
        Random r = new Random(7);
        int[][] shapes = {
                {PackedGemm.MC + PackedGemm.MR + 1, PackedGemm.NR + 3, PackedGemm.KC + 5},
                {5, PackedGemm.NC + PackedGemm.NR + 1, 2 * PackedGemm.KC + 1},
                {PackedGemmF.MC + 1, PackedGemmF.NC + 1, PackedGemmF.KC + 1},
        };
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    check64(kind, Case.of(ta, tb, s[0], s[1], s[2], r.nextBoolean()), r);
                    check32(kind, Case.of(ta, tb, s[0], s[1], s[2], r.nextBoolean()), r);
                }
            }
        }
    }

    @Test
    void everyElementIsItsChainOfFusedMultiplyAddsForAllFourTranspositions() {
        assumeTrue(Simd.enabled(), Simd.describe());
        smallShapes("packed");
        blockEdges("packed");
    }

    @Test
    void theSameBitsBeforeAndAfterTheJitCompiledTheKernels() {
        assumeTrue(Simd.enabled(), Simd.describe());
        Random r = new Random(3);
        Case[] cases = {Case.of(false, false, 6, 784, 25, false), Case.of(false, true, 16, 150, 100, true),
                Case.of(true, false, 150, 100, 16, false), Case.of(false, false, 13, 17, 300, true)};
        for (int round = 0; round < 2; round++) {
            for (Case t : cases) {
                check64("packed", t, r);
                check32("packed", t, r);
            }
            // between the rounds: enough calls for C2 to compile the kernels and the packing loops
            double[] a = new double[64 * 64], b = new double[64 * 64], c = new double[64 * 64];
            float[] af = new float[64 * 64], bf = new float[64 * 64], cf = new float[64 * 64];
            for (int i = 0; i < 3000; i++) {
                PackedGemm.gemm(i % 2 == 0, i % 3 == 0, 64, 64, 64, a, 0, 64, b, 0, 64, c, 0, 64, i % 5 == 0);
                PackedGemmF.gemm(i % 2 == 0, i % 3 == 0, 64, 64, 64, af, 0, 64, bf, 0, 64, cf, 0, 64, i % 5 == 0);
            }
        }
    }

    @Test
    void gemmSplitOverThreadsGivesTheSameBitsAsTheChain() {
        assumeTrue(Simd.enabled(), Simd.describe());
        Random r = new Random(11);
        // above Gemm.PARALLEL_THRESHOLD: split by rows (m large) and by columns (n large)
        int[][] shapes = {{300, 64, 96}, {12, 1500, 80}, {130, 130, 130}};
        for (int[] s : shapes) {
            for (boolean ta : new boolean[] {false, true}) {
                for (boolean tb : new boolean[] {false, true}) {
                    check64("gemm", Case.of(ta, tb, s[0], s[1], s[2], r.nextBoolean()), r);
                    check32("gemm", Case.of(ta, tb, s[0], s[1], s[2], r.nextBoolean()), r);
                }
            }
        }
    }

    @Test
    void gemmOnSmallShapesIsTheChainToo() {
        assumeTrue(Simd.enabled(), Simd.describe());
        smallShapes("gemm");
    }

    @Test
    void thePlainFloatLoopsMatchTheTripleLoop() {
        Random r = new Random(5);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                for (int[] s : new int[][] {{1, 1, 1}, {5, 7, 3}, {13, 40, 25}, {3, 2, 0}}) {
                    Case t = Case.of(ta, tb, s[0], s[1], s[2], r.nextBoolean());
                    float[] a = randomF(r, t.aLen()), b = randomF(r, t.bLen()), c = randomF(r, t.cLen());
                    float[] before = c.clone();
                    Gemm.scalar(t.ta, t.tb, t.m, t.n, t.k, a, t.aOff, t.lda, b, t.bOff, t.ldb, c, t.cOff, t.ldc, t.acc);
                    boolean[] inside = new boolean[c.length];
                    for (int i = 0; i < t.m; i++) {
                        for (int j = 0; j < t.n; j++) {
                            int at = t.cOff + i * t.ldc + j;
                            inside[at] = true;
                            double want = t.acc ? before[at] : 0;
                            for (int p = 0; p < t.k; p++) {
                                want += (double) (t.ta ? a[t.aOff + p * t.lda + i] : a[t.aOff + i * t.lda + p])
                                        * (t.tb ? b[t.bOff + j * t.ldb + p] : b[t.bOff + p * t.ldb + j]);
                            }
                            assertThat((double) c[at]).as("%s C[%d][%d]", t, i, j)
                                    .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-5 * Math.max(1, t.k)));
                        }
                    }
                    for (int i = 0; i < c.length; i++) if (!inside[i]) assertThat(c[i]).isEqualTo(before[i]);
                }
            }
        }
    }

    @Test
    void theFloatEntryChecksItsArguments() {
        float[] small = new float[3];
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Gemm.nn(2, 2, 2, small, new float[4], new float[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.length=3");
        float[] c = new float[4];
        Gemm.nn(2, 2, 2, new float[] {1, 2, 3, 4}, new float[] {5, 6, 7, 8}, c);
        assertThat(c).containsExactly(19, 22, 43, 50);
        assertThat(Arrays.toString(c)).isEqualTo("[19.0, 22.0, 43.0, 50.0]");
    }
}
