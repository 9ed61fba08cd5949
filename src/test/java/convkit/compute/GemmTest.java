package convkit.compute;

import convkit.Tensor;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GemmTest {

    private static double[] naive(boolean ta, boolean tb, int m, int n, int k, double[] a, double[] b) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) s += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                c[i * n + j] = s;
            }
        return c;
    }

    @Test
    void matchesTheTripleLoopOnOddSizesForAllVariants() {
        Random r = new Random(7);
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {5, 3, 1}, {9, 17, 130}, {13, 600, 3}, {4, 513, 129}, {70, 33, 257},
                {2, 1031, 40}, {130, 9, 300}};
        for (int[] s : sizes) {
            int m = s[0], n = s[1], k = s[2];
            double[] a = Rnd.uniform(r.nextLong(), m * k).data(), b = Rnd.uniform(r.nextLong(), k * n).data();
            double[] c = new double[m * n];
            Gemm.nn(m, n, k, a, b, c);
            assertThat(Rnd.maxAbsDiff(c, naive(false, false, m, n, k, a, b))).as("nn %d %d %d", m, n, k).isLessThan(1e-12);
            Gemm.tn(m, n, k, a, b, c);
            assertThat(Rnd.maxAbsDiff(c, naive(true, false, m, n, k, a, b))).as("tn %d %d %d", m, n, k).isLessThan(1e-12);
            Gemm.nt(m, n, k, a, b, c);
            assertThat(Rnd.maxAbsDiff(c, naive(false, true, m, n, k, a, b))).as("nt %d %d %d", m, n, k).isLessThan(1e-12);
        }
    }

    @Test
    void largeProblemsSplitOverCoresGiveTheSameResult() {
        int m = 150, n = 170, k = 190; // 4.8M multiply-adds: above the parallel threshold
        double[] a = Rnd.uniform(1, m * k).data(), b = Rnd.uniform(2, k * n).data();
        double[] c = new double[m * n];
        Gemm.nn(m, n, k, a, b, c);
        assertThat(Rnd.maxAbsDiff(c, naive(false, false, m, n, k, a, b))).isLessThan(1e-12);
        double[] wide = Rnd.uniform(3, 5 * k).data(), cw = new double[5 * 3000], bw = Rnd.uniform(4, k * 3000).data();
        Gemm.nn(5, 3000, k, wide, bw, cw); // few rows: split by columns
        assertThat(Rnd.maxAbsDiff(cw, naive(false, false, 5, 3000, k, wide, bw))).isLessThan(1e-12);
    }

    @Test
    void accumulateAddsToC() {
        double[] a = {1, 2, 3, 4}, b = {5, 6, 7, 8}, c = {1, 1, 1, 1};
        Gemm.gemm(false, false, 2, 2, 2, a, 0, 2, b, 0, 2, c, 0, 2, true);
        assertThat(c).containsExactly(20, 23, 44, 51);
    }

    @Test
    void rejectsArraysTooShortForTheSizes() {
        assertThatThrownBy(() -> Gemm.nn(2, 2, 2, new double[3], new double[4], new double[4]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a.length=3");
    }
}
