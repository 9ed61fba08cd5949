package convkit.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    private static double plain(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    private static double[] inputs(int n, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = switch (i % 4) {
                case 0 -> 40 * r.nextGaussian();
                case 1 -> 4 * r.nextGaussian();
                case 2 -> 1e-3 * r.nextGaussian();
                default -> 1500 * (r.nextDouble() - 0.5);
            };
        }
        return x;
    }

    @Test
    void sigmoidAgreesWithMathExpWithinThreeUlps() {
        assumeTrue(Simd.enabled(), Simd.describe());
        int n = 400_003;   // not a multiple of 4: the scalar tail runs too
        double[] x = inputs(n, 11), out = new double[n];
        VectorMath.sigmoid(x, out, 0, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double want = plain(x[i]);
            if (want < Double.MIN_NORMAL) {   // below 2.2e-308 the library gives 0 (exp(-|x|) is taken as 0 for |x| > 708.396)
                assertThat(Math.abs(out[i] - want)).isLessThan(Double.MIN_NORMAL);
                continue;
            }
            worst = Math.max(worst, Math.abs(out[i] - want) / Math.ulp(want));
        }
        assertThat(worst).as("largest difference in ulps of 1/(1+Math.exp(-x))").isLessThanOrEqualTo(3.0);
    }

    @Test
    void vectorLanesAndTheScalarTailGiveTheSameBitsBeforeAndAfterTheJit() {
        assumeTrue(Simd.enabled(), Simd.describe());
        double[] x = inputs(4001, 5), out = new double[x.length];
        for (int round = 0; round < 3; round++) {
            VectorMath.sigmoid(x, out, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                assertThat(out[i]).as("x = %s, round %d", x[i], round).isEqualTo(VectorMath.scalar(x[i]));
            }
            for (int rep = 0; rep < 2000; rep++) VectorMath.sigmoid(x, out, 0, x.length);   // let C2 compile it
        }
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
        assertThat(out[6]).isCloseTo(plain(2), org.assertj.core.data.Offset.offset(2 * Math.ulp(plain(2))));
        assertThat(out[7] + out[6]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(out[8]).isEqualTo(1.0);
        assertThat(out[9]).isZero();   // the true value, 1.2e-308, is below Double.MIN_NORMAL: cut off to 0
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

    // ---------------------------------------------------------------- float32

    @Test
    void float32SigmoidAgreesWithTheFloat64OneWithinTwoFloatUlps() {
        assumeTrue(Simd.enabled(), Simd.describe());
        int n = 200_003;   // not a multiple of 16: the scalar tail runs too
        double[] xd = inputs(n, 12);
        float[] x = new float[n], out = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (xd[i] % 120);
        VectorMath.sigmoid(x, out, 0, n);
        double worst = 0;
        for (int i = 0; i < n; i++) {
            float want = (float) plain(x[i]);
            if (want < Float.MIN_NORMAL) {   // exp(-|x|) is taken as 0 beyond 87.34, where sigmoid is below 1.2e-38
                assertThat(Math.abs(out[i] - want)).as("x = %s", x[i]).isLessThan(Float.MIN_NORMAL);
                continue;
            }
            worst = Math.max(worst, Math.abs(out[i] - want) / Math.ulp(want));
        }
        assertThat(worst).as("largest difference in float ulps").isLessThanOrEqualTo(2);
    }

    @Test
    void float32LanesAndTailAreTheScalarBitsBeforeAndAfterTheJit() {
        assumeTrue(Simd.enabled(), Simd.describe());
        Random r = new Random(5);
        float[] x = new float[1000 + 7], out = new float[x.length];
        for (int i = 0; i < x.length; i++) x[i] = (float) (20 * r.nextGaussian());
        x[0] = Float.NaN;
        x[1] = Float.POSITIVE_INFINITY;
        x[2] = Float.NEGATIVE_INFINITY;
        x[3] = 0f;
        for (int round = 0; round < 2; round++) {
            VectorMath.sigmoid(x, out, 0, x.length);
            for (int i = 0; i < x.length; i++) {
                assertThat(Float.floatToRawIntBits(out[i])).as("x = %s, round %d", x[i], round)
                        .isEqualTo(Float.floatToRawIntBits(VectorMath.scalar(x[i])));
            }
            for (int k = 0; k < 20_000; k++) VectorMath.sigmoid(x, out, 0, x.length);   // compiled by C2 for round 2
        }
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isEqualTo(1f);
        assertThat(out[2]).isEqualTo(0f);
        assertThat(out[3]).isEqualTo(0.5f);
    }
}
