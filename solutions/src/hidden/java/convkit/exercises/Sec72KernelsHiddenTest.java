package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hidden tests of the d2l 7.2 exercises: the same questions on inputs the visible tests do not use. */
class Sec72KernelsHiddenTest {

    @Test
    @Graded(number = "7.2.1.5", points = 1, visibility = Visibility.HIDDEN, hint = "Check sizes 1 and 7 too")
    void diagonalEdgeImageOtherSizes() {
        for (int n : new int[] {1, 2, 7}) {
            Tensor x = Sec72Kernels.diagonalEdgeImage(n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) assertEquals(j <= i ? 1.0 : 0.0, x.get(i, j), "n=" + n + " X[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    @Graded(number = "7.2.2.2", points = 1, visibility = Visibility.HIDDEN)
    void directionalEdgeKernelRandomDirections() {
        Random r = new Random(72);
        for (int t = 0; t < 5; t++) {
            double v1 = r.nextGaussian(), v2 = r.nextGaussian();
            Tensor k = Sec72Kernels.directionalEdgeKernel(v1, v2);
            Tensor across = Ops.corr2d(Sec72KernelsTest.image(6, 6, (i, j) -> v2 * j - v1 * i), k);
            for (double v : across.data()) assertEquals(0, v, 1e-9, () -> "v = (" + v1 + ", " + v2 + "): response across v\n" + across);
            Tensor along = Ops.corr2d(Sec72KernelsTest.image(6, 6, (i, j) -> v1 * j + v2 * i), k);
            assertTrue(Math.abs(along.get(0, 0)) > 1e-6, "v = (" + v1 + ", " + v2 + "): response along v vanishes");
        }
    }

    @Test
    @Graded(number = "7.2.2.7", points = 1, visibility = Visibility.HIDDEN)
    void laplacianOnAQuadratic() {
        // f = 3 i^2 - 2 i j + 0.5 j^2 + i: Laplacian 2*3 + 2*0.5 = 7 (exact for quadratics)
        Tensor f = Sec72KernelsTest.image(6, 9, (i, j) -> 3.0 * i * i - 2.0 * i * j + 0.5 * j * j + i);
        for (double v : Ops.corr2d(f, Sec72Kernels.laplacianKernel()).data()) assertEquals(7, v, 1e-9);
    }

    @Test
    @Graded(number = "7.2.2.10", points = 1, visibility = Visibility.AFTER_DUE_DATE,
            hint = "A negative order is a caller's mistake: IllegalArgumentException")
    void minKernelSizeRejectsNegativeOrder() {
        assertThrows(IllegalArgumentException.class, () -> Sec72Kernels.minKernelSizeForDerivative(-1));
    }
}
