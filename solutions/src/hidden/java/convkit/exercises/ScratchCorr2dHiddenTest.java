package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Hidden tests of ScratchCorr2d (exercise 7.9.x): other shapes, strides and paddings. */
class ScratchCorr2dHiddenTest {
    @Test
    @Graded(number = "7.9.1.5", points = 1, visibility = Visibility.HIDDEN)
    void corr2dRowAndColumnKernels() {
        Tensor x = Tensor.randn(1, 4, 9);
        for (Tensor k : new Tensor[] {Tensor.randn(2, 1, 4), Tensor.randn(3, 4, 1), Tensor.randn(4, 4, 9)}) {
            assertTrue(Ops.corr2d(x, k).allClose(ScratchCorr2d.corr2d(x.copy(), k.copy()), 1e-12, 1e-12));
        }
        assertThrows(IllegalArgumentException.class, () -> ScratchCorr2d.corr2d(Tensor.zeros(2, 2, 2), Tensor.zeros(1, 1)));
    }
}
