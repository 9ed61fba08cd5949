package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Hidden tests of the d2l 7.5 exercises. */
class Sec75PoolingHiddenTest {

    @Test
    @Graded(number = "7.5.1.2", points = 1, visibility = Visibility.HIDDEN)
    void averagePoolingKernelTallWindow() {
        Tensor x = Tensor.randn(1, 7, 4);
        assertTrue(Ops.corr2d(x, Sec75Pooling.averagePoolingKernel(4, 1)).allClose(Ops.pool2d(x, 4, 1, "avg"), 1e-12, 1e-12));
    }

    @Test
    @Graded(number = "7.5.3.2", points = 1, visibility = Visibility.HIDDEN)
    void maxNetworkOnLargeValues() {
        Tensor[] net = Sec75Pooling.maxNetwork();
        for (double[] ab : new double[][] {{1e6, -1e6}, {-1e6, 1e6}, {-7.5, -7.25}, {0, 0}}) {
            double y = net[1].matmul(net[0].matmul(Tensor.of(new double[][] {{ab[0]}, {ab[1]}})).map(v -> Math.max(v, 0))).item();
            assertEquals(Math.max(ab[0], ab[1]), y, 1e-6);
        }
    }
}
