package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Visible tests of exercise 7.9.1 (corr2d from scratch). */
class ScratchCorr2dTest {

    @Test
    @Graded(number = "7.9.1.1", points = 1, hint = "Y[i][j] = sum over the window at (i, j) of X times K; the output is (h - kh + 1) x (w - kw + 1)")
    void d2lExample() {
        // d2l 7.2.1 (seeds 002, 004): [[19, 25], [37, 43]]
        Tensor x = Tensor.of(new double[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}});
        Tensor k = Tensor.of(new double[][] {{0, 1}, {2, 3}});
        assertEquals(Tensor.of(new double[][] {{19, 25}, {37, 43}}), ScratchCorr2d.corr2d(x, k));
    }

    @Test
    @Graded(number = "7.9.1.2", points = 1, hint = "K = [[1, -1]] is a 1 x 2 kernel: the output has one column fewer, not one row fewer")
    void edgeDetection() {
        // d2l 7.2.3: a 6 x 8 image, columns 2..5 black; [[1, -1]] gives 1 at column 1 and -1 at column 5 of every row
        Tensor x = Tensor.ones(6, 8);
        for (int i = 0; i < 6; i++) for (int j = 2; j < 6; j++) x.set(0, i, j);
        Tensor y = ScratchCorr2d.corr2d(x, Tensor.of(new double[][] {{1, -1}}));
        double[] row = {0, 1, 0, 0, 0, -1, 0};
        double[][] expected = new double[6][];
        for (int i = 0; i < 6; i++) expected[i] = row;
        assertEquals(Tensor.of(expected), y);
    }

    @ParameterizedTest(name = "X {0}x{1}, K {2}x{3}")
    @CsvSource({"5, 5, 3, 3", "4, 7, 2, 3", "6, 3, 4, 1", "3, 3, 3, 3"})
    @Graded(number = "7.9.1.3", points = 2, hint = "Do not swap the roles of i (rows, height) and j (columns, width); do not flip the kernel (that is convolution)")
    void randomAgainstLibrary(int h, int w, int kh, int kw) {
        Tensor x = Tensor.randn(791, h, w), k = Tensor.randn(792, kh, kw);
        Tensor expected = Ops.corr2d(x, k), got = ScratchCorr2d.corr2d(x.copy(), k.copy());
        assertTrue(expected.allClose(got, 1e-12, 1e-12), () -> "expected\n" + expected + "\nbut got\n" + got);
    }

    @Test
    @Graded(number = "7.9.1.4", points = 1, hint = "A kernel larger than the image has no valid position: throw IllegalArgumentException naming both shapes")
    void rejectsKernelLargerThanImage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScratchCorr2d.corr2d(Tensor.zeros(2, 5), Tensor.zeros(3, 3)));
        assertTrue(e.getMessage() != null && e.getMessage().contains("3"), "the message should name the shapes: " + e.getMessage());
    }
}
