package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Visible tests of the d2l 7.5 exercises. */
class Sec75PoolingTest {

    @ParameterizedTest(name = "{0}x{1} window")
    @CsvSource({"1, 1", "2, 2", "3, 3", "2, 3", "1, 4", "4, 1", "4, 4"})
    @Graded(number = "7.5.1.1", points = 2, hint = "Every weight is 1 / (p*q)")
    void averagePoolingKernel(int p, int q) {
        Tensor x = Tensor.randn(751, 6, 7);
        Tensor k = Sec75Pooling.averagePoolingKernel(p, q);
        assertArrayEquals(new int[] {p, q}, k.shape(), "kernel shape");
        Tensor conv = Ops.corr2d(x, k), pool = Ops.pool2d(x, p, q, "avg");
        assertTrue(conv.allClose(pool, 1e-12, 1e-12), () -> "corr2d(X, K) =\n" + conv + "\nbut avg pooling gives\n" + pool);
    }

    @Test
    @Graded(number = "7.5.2.1", points = 1, hint = "A convolution is linear; is max(1, 0) + max(0, 1) equal to max(1, 1)?")
    void maxPoolingIsNotAConvolution() {
        assertFalse(Sec75Pooling.maxPoolingIsAConvolution());
    }

    @Test
    @Graded(number = "7.5.3.1", points = 3,
            hint = "max(a, b) = a + relu(b - a) and a = relu(a) - relu(-a): three hidden units; W1 is (3, 2), w2 is (1, 3)")
    void maxNetwork() {
        Tensor[] net = Sec75Pooling.maxNetwork();
        assertEquals(2, net.length, "return {W1, w2}");
        Tensor w1 = net[0], w2 = net[1];
        int m = w1.dim(0);
        assertArrayEquals(new int[] {m, 2}, w1.shape(), "W1 must be (m, 2)");
        assertArrayEquals(new int[] {1, m}, w2.shape(), "w2 must be (1, m)");
        Random r = new Random(753);
        double[][] pairs = {{1, 0}, {0, 1}, {-3, -5}, {-5, -3}, {2, 2}, {-1, 4}};
        for (int t = 0; t < 40; t++) {
            double a = t < pairs.length ? pairs[t][0] : 10 * r.nextGaussian(), b = t < pairs.length ? pairs[t][1] : 10 * r.nextGaussian();
            double y = w2.matmul(w1.matmul(Tensor.of(new double[][] {{a}, {b}})).map(v -> Math.max(v, 0))).item();
            assertEquals(Math.max(a, b), y, 1e-9, "network output for a = " + a + ", b = " + b);
        }
    }

    // c=3, 8x8, 2x2 window, no padding, stride 2: 3 * 4 * 4 windows * 4 = 192
    // c=2, 7x7, 3x3, padding 1, stride 2: o = (7 + 2 - 3)/2 + 1 = 4: 2 * 16 * 9 = 288
    // c=1, 6x9, 3x3, no padding, stride 1: 4 * 7 * 9 = 252
    @ParameterizedTest(name = "c={0} {1}x{2} window {3}x{4} pad ({5},{6}) stride ({7},{8})")
    // c=1, 7x7, 2x2, no padding, stride 2: o = floor(5/2) + 1 = 3 (ceil would give 4): 9 * 4 = 36
    @CsvSource({"3, 8, 8, 2, 2, 0, 0, 2, 2, 192", "2, 7, 7, 3, 3, 1, 1, 2, 2, 288", "1, 6, 9, 3, 3, 0, 0, 1, 1, 252",
                "1, 7, 7, 2, 2, 0, 0, 2, 2, 36",
                // counts beyond int: 512 x 4096 x 4096 windows of 9; an even 2 x 4 window: 64 * 25000 * 15000 * 8
                "512, 4096, 4096, 3, 3, 1, 1, 1, 1, 77309411328", "64, 50000, 30000, 2, 4, 0, 1, 2, 2, 192000000000"})
    @Graded(number = "7.5.4.1", points = 2, hint = "c * o_h * o_w windows, each reading p_h * p_w elements; o uses the floor formula")
    void poolingCost(int c, int h, int w, int ph, int pw, int padH, int padW, int sh, int sw, long expected) {
        assertEquals(expected, Sec75Pooling.poolingCost(c, h, w, ph, pw, padH, padW, sh, sw));
    }

    @Test
    @Graded(number = "7.5.6.1", points = 1, hint = "min(a, b) = -max(-a, -b): negate, max-pool, negate")
    void minPool() {
        Tensor x = Tensor.randn(756, 5, 6);
        Tensor got = Sec75Pooling.minPool(x.copy(), 2, 3);   // a copy: the answer cannot change x
        assertArrayEquals(new int[] {4, 4}, got.shape(), "shape of minPool(x, 2, 3) for x 5 x 6");
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double min = Double.POSITIVE_INFINITY;
                for (int a = 0; a < 2; a++) for (int b = 0; b < 3; b++) min = Math.min(min, x.get(i + a, j + b));
                assertEquals(min, got.get(i, j), 0, "minimum of the window at (" + i + ", " + j + ")");
            }
        }
    }
}
