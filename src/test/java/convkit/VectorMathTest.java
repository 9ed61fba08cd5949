package convkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    private static double plain(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    @Test
    void sigmoidAgreesWithMathExpToOneUlp() {
        assumeTrue(Simd.enabled(), Simd.describe());
        Random r = new Random(11);
        int n = 200_003;   // not a multiple of 4: the scalar tail runs too
        double[] x = new double[n], out = new double[n];
        for (int i = 0; i < n; i++) x[i] = i % 3 == 0 ? 40 * r.nextGaussian() : (i % 3 == 1 ? 4 * r.nextGaussian() : 1e-3 * r.nextGaussian());
        VectorMath.sigmoid(x, out, 0, n);
        double worst = 0;
        for (int i = 0; i < n; i++) worst = Math.max(worst, Math.abs(out[i] - plain(x[i])) / Math.ulp(plain(x[i])));
        assertThat(worst).as("largest difference in ulps of 1/(1+Math.exp(-x))").isLessThanOrEqualTo(1.0);
    }

    @Test
    void sigmoidSaturatesAndPropagatesNaN() {
        assumeTrue(Simd.enabled(), Simd.describe());
        double[] x = {0, 800, -800, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 2, -2, 709, -709};
        double[] out = new double[x.length];
        VectorMath.sigmoid(x, out, 0, x.length);
        assertThat(out[0]).isEqualTo(0.5);
        assertThat(out[1]).isEqualTo(1.0);
        assertThat(out[2]).isEqualTo(0.0);
        assertThat(out[3]).isEqualTo(1.0);
        assertThat(out[4]).isEqualTo(0.0);
        assertThat(out[5]).isNaN();
        assertThat(out[6]).isEqualTo(plain(2));
        assertThat(out[8]).isEqualTo(1.0);
        assertThat(out[9]).isEqualTo(plain(-709));
    }

    @Test
    void onlyTheGivenRangeIsWritten() {
        assumeTrue(Simd.enabled(), Simd.describe());
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9}, out = new double[9];
        VectorMath.sigmoid(x, out, 2, 7);
        assertThat(out[0]).isZero();
        assertThat(out[1]).isZero();
        assertThat(out[7]).isZero();
        assertThat(out[8]).isZero();
        for (int i = 2; i < 7; i++) assertThat(out[i]).isCloseTo(plain(x[i]), org.assertj.core.data.Offset.offset(1e-15));
    }
}
