package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import java.util.Arrays;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Visible tests of the d2l 7.2 exercises (expected values derived by hand in each test's comment). */
class Sec72KernelsTest {
    static final Tensor K = Tensor.of(new double[][] {{1, -1}});

    /** The image f(i, j) on an h x w grid. */
    static Tensor image(int h, int w, java.util.function.BiFunction<Integer, Integer, Double> f) {
        Tensor t = Tensor.zeros(h, w);
        for (int i = 0; i < h; i++) for (int j = 0; j < w; j++) t.set(f.apply(i, j), i, j);
        return t;
    }

    static void assertAllEqual(double expected, Tensor y, double tol, String what) {
        for (double v : y.data()) {
            assertEquals(expected, v, tol, () -> what + " should be " + expected + " everywhere but is\n" + y);
        }
    }

    @Test
    @Graded(number = "7.2.1.1", points = 1, hint = "X[i][j] = 1 where j <= i: row 0 is [1, 0, 0, ...], the last row is all ones")
    void diagonalEdgeImage() {
        Tensor x = Sec72Kernels.diagonalEdgeImage(4);
        assertArrayEquals(new int[] {4, 4}, x.shape(), "shape of diagonalEdgeImage(4)");
        assertEquals(Tensor.of(new double[][] {{1, 0, 0, 0}, {1, 1, 0, 0}, {1, 1, 1, 0}, {1, 1, 1, 1}}), x, "diagonalEdgeImage(4)");
    }

    // d2l 7.2.1 exercise 1 (seed 004): on X[i][j] = [j <= i], K gives X[i][j] - X[i][j+1] = 1 exactly where j == i;
    // on the transpose -1 where j == i - 1; the transposed kernel gives X[i][j] - X[i+1][j] = -1 where j == i + 1.
    @Test
    @Graded(number = "7.2.1.2", points = 1, hint = "Compute Ops.corr2d(Sec72Kernels.diagonalEdgeImage(6), K) in a notebook cell and look at it")
    void kOnDiagonalImage() {
        assertEquals(Sec72Kernels.Response.PLUS_ONES_ON_A_DIAGONAL, Sec72Kernels.kOnDiagonalImage());
    }

    @Test
    @Graded(number = "7.2.1.3", points = 1, hint = "Unlike the vertical edge of section 7.2.3, a diagonal edge does not vanish when transposed")
    void kOnTransposedImage() {
        assertEquals(Sec72Kernels.Response.MINUS_ONES_ON_A_DIAGONAL, Sec72Kernels.kOnTransposedImage());
    }

    @Test
    @Graded(number = "7.2.1.4", points = 1, hint = "K.transpose() = [[1], [-1]] compares a pixel with the one below it")
    void transposedKOnImage() {
        assertEquals(Sec72Kernels.Response.MINUS_ONES_ON_A_DIAGONAL, Sec72Kernels.transposedKOnImage());
    }

    @ParameterizedTest(name = "v = ({0}, {1})")
    @CsvSource({"1, 0", "0, 1", "1, 1", "1, 2", "-2, 1", "3, -1"})
    @Graded(number = "7.2.2.1", points = 3,
            hint = "Weight the width difference x[i][j] - x[i][j+1] by v1 and the height difference x[i][j] - x[i+1][j] by v2; "
                    + "a transposed kernel swaps the roles of v1 and v2")
    void directionalEdgeKernel(double v1, double v2) {
        Tensor k = Sec72Kernels.directionalEdgeKernel(v1, v2);
        assertTrue(k.rank() == 2 && k.dim(0) <= 3 && k.dim(1) <= 3, "kernel must be at most 3 x 3 but has shape " + Arrays.toString(k.shape()));
        Tensor along = Ops.corr2d(image(8, 8, (i, j) -> v1 * j + v2 * i), k);
        Tensor across = Ops.corr2d(image(8, 8, (i, j) -> v2 * j - v1 * i), k);
        assertAllEqual(0, across, 1e-9, "the response to a ramp that is constant along v");
        double c = along.get(0, 0);
        assertTrue(Math.abs(c) > 1e-6, () -> "the response to a ramp that changes along v must not vanish, but is\n" + along);
        assertAllEqual(c, along, 1e-9, "the response to a ramp along v (a constant)");
    }

    @Test
    @Graded(number = "7.2.2.3", points = 1, hint = "f(j) - 2 f(j+1) + f(j+2): the difference of two first differences")
    void secondDerivativeKernel() {
        Tensor k = Sec72Kernels.secondDerivativeKernel();
        assertArrayEquals(new int[] {1, 3}, k.shape(), "the smallest second-derivative kernel along the width is 1 x 3");
        assertAllEqual(2, Ops.corr2d(image(3, 9, (i, j) -> (double) j * j), k), 1e-12, "response to j*j");
        assertAllEqual(0, Ops.corr2d(image(3, 9, (i, j) -> 3.0 * j - 1), k), 1e-12, "response to a ramp");
        assertAllEqual(0, Ops.corr2d(image(3, 9, (i, j) -> 5.0), k), 1e-12, "response to a constant");
    }

    @Test
    @Graded(number = "7.2.2.4", points = 2, hint = "Put [1, -2, 1] along the middle row and along the middle column (the centre gets -4)")
    void laplacianKernel() {
        Tensor k = Sec72Kernels.laplacianKernel();
        assertArrayEquals(new int[] {3, 3}, k.shape(), "shape of the Laplacian kernel");
        assertAllEqual(2, Ops.corr2d(image(7, 7, (i, j) -> (double) i * i), k), 1e-12, "response to i*i");
        assertAllEqual(2, Ops.corr2d(image(7, 7, (i, j) -> (double) j * j), k), 1e-12, "response to j*j");
        assertAllEqual(0, Ops.corr2d(image(7, 7, (i, j) -> (double) i * j), k), 1e-12, "response to i*j");
        assertAllEqual(0, Ops.corr2d(image(7, 7, (i, j) -> 2.0 * i - 3.0 * j + 1), k), 1e-12, "response to a ramp");
    }

    @Test
    @Graded(number = "7.2.2.5", points = 1, hint = "A second difference involves a point and both of its neighbours")
    void minSecondDerivativeKernelSize() {
        assertEquals(3, Sec72Kernels.minSecondDerivativeKernelSize());
    }

    @Test
    @Graded(number = "7.2.2.6", points = 1, hint = "Compare |response| on a step edge (a one-pixel jump) and on a single bright pixel")
    void strongestLaplacianResponse() {
        // Laplacian [[0,1,0],[1,-4,1],[0,1,0]]: flat 0, ramp 0, step edge 1, isolated dot 4.
        assertEquals(Sec72Kernels.Structure.ISOLATED_DOT, Sec72Kernels.strongestLaplacianResponse());
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    @Graded(number = "7.2.2.8", points = 2, hint = "The mean of the k x k window: every entry 1 / (k*k)")
    void blurKernel(int k) {
        Tensor b = Sec72Kernels.blurKernel(k);
        assertArrayEquals(new int[] {k, k}, b.shape(), "shape of blurKernel(" + k + ")");
        assertEquals(1.0, b.sum(), 1e-12, "a blur kernel sums to one");
        IntBinaryOperator idx = (i, j) -> i * k + j;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double v = b.data()[idx.applyAsInt(i, j)];
                assertTrue(v >= 0, "blur weights are non-negative but K[" + i + "][" + j + "] = " + v);
                assertEquals(v, b.data()[idx.applyAsInt(j, i)], 1e-12, "a blur kernel is symmetric under transposition");
                assertEquals(v, b.data()[idx.applyAsInt(k - 1 - i, k - 1 - j)], 1e-12, "a blur kernel is symmetric under flips");
            }
        }
        Tensor flat = Ops.corr2d(Tensor.full(0.7, 9, 9), b);
        assertAllEqual(0.7, flat, 1e-12, "blurring a flat image");
    }

    @ParameterizedTest(name = "d = {0}")
    @CsvSource({"0, 1", "1, 2", "2, 3", "3, 4", "6, 7"})
    @Graded(number = "7.2.2.9", points = 2, hint = "Each further difference needs one more point: [1, -1], [1, -2, 1], [1, -3, 3, -1], ...")
    void minKernelSizeForDerivative(int d, int expected) {
        assertEquals(expected, Sec72Kernels.minKernelSizeForDerivative(d), "minimum kernel size for order " + d);
    }
}
