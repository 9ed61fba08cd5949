package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Hidden tests of ScratchIm2Col (exercise 7.9.x): other shapes, strides and paddings. */
class ScratchIm2ColHiddenTest {
    @Test
    @Graded(number = "7.9.2.3", points = 1, visibility = Visibility.HIDDEN)
    void im2colBigStrideAndPadding() {
        Tensor x = Tensor.randn(5, 3, 1, 7, 8);
        assertTrue(ScratchIm2ColTest.reference(x, 3, 3, 3, 2).allClose(ScratchIm2Col.im2col(x.copy(), 3, 3, 3, 2), 0, 0));
        assertTrue(Ops.im2col(x, 2, 3, 2, 1).allClose(ScratchIm2Col.im2col(x.copy(), 2, 3, 2, 1), 0, 0));
    }

    @Test
    @Graded(number = "7.9.3.3", points = 1, visibility = Visibility.HIDDEN)
    void col2imMatchesTheLibrary() {
        int[] shape = {2, 3, 5, 5};
        Tensor c = Tensor.randn(6, 2 * 9, 3 * 9);
        assertTrue(Ops.col2im(c, shape, 3, 3, 2, 1).allClose(ScratchIm2Col.col2im(c.copy(), shape.clone(), 3, 3, 2, 1), 1e-12, 1e-12));
    }
}
