package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.GradCheck;
import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Hidden tests of the from-scratch exercises 7.9.x: other shapes, strides and paddings. */
class ScratchHiddenTest {

    @Test
    @Graded(number = "7.9.1.5", points = 1, visibility = Visibility.HIDDEN)
    void corr2dRowAndColumnKernels() {
        Tensor x = Tensor.randn(1, 4, 9);
        for (Tensor k : new Tensor[] {Tensor.randn(2, 1, 4), Tensor.randn(3, 4, 1), Tensor.randn(4, 4, 9)}) {
            assertTrue(Ops.corr2d(x, k).allClose(ScratchCorr2d.corr2d(x, k), 1e-12, 1e-12));
        }
        assertThrows(IllegalArgumentException.class, () -> ScratchCorr2d.corr2d(Tensor.zeros(2, 2, 2), Tensor.zeros(1, 1)));
    }

    @Test
    @Graded(number = "7.9.2.3", points = 1, visibility = Visibility.HIDDEN)
    void im2colBigStrideAndPadding() {
        Tensor x = Tensor.randn(5, 3, 1, 7, 8);
        assertTrue(ScratchIm2ColTest.reference(x, 3, 3, 3, 2).allClose(ScratchIm2Col.im2col(x, 3, 3, 3, 2), 0, 0));
        assertTrue(Ops.im2col(x, 2, 3, 2, 1).allClose(ScratchIm2Col.im2col(x, 2, 3, 2, 1), 0, 0));
    }

    @Test
    @Graded(number = "7.9.3.3", points = 1, visibility = Visibility.HIDDEN)
    void col2imMatchesTheLibrary() {
        int[] shape = {2, 3, 5, 5};
        Tensor c = Tensor.randn(6, 2 * 9, 3 * 9);
        assertTrue(Ops.col2im(c, shape, 3, 3, 2, 1).allClose(ScratchIm2Col.col2im(c, shape, 3, 3, 2, 1), 1e-12, 1e-12));
    }

    @Test
    @Graded(number = "7.9.4.6", points = 2, visibility = Visibility.HIDDEN)
    void convolutionStride2Pad2Gradients() {
        ScratchConvolution conv = new ScratchConvolution(Tensor.randn(7, 3, 2, 3, 2), Tensor.randn(8, 3), 2, 2);
        GradCheck.Report r = GradCheck.check(conv, Tensor.randn(9, 2, 2, 5, 4), 10);
        assertTrue(r.maxError() <= GradCheck.TOLERANCE, r.toString());
    }

    @Test
    @Graded(number = "7.9.5.4", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void maxPoolingPaddedOverlappingGradient() {
        GradCheck.Report r = GradCheck.check(new ScratchMaxPooling(3, 2, 1, 1), ScratchMaxPoolingTest.distinct(11, 1, 2, 5, 4), 12);
        assertTrue(r.maxError() <= GradCheck.TOLERANCE, r.toString());
        assertEquals(1, r.entries().size(), "max pooling has no parameters");
    }
}
