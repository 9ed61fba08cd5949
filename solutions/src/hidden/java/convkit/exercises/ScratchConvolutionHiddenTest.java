package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.nn.Conv2D;
import convkit.nn.GradCheck;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Hidden tests of ScratchConvolution (exercise 7.9.x): other shapes, strides and paddings. */
class ScratchConvolutionHiddenTest {
    @Test
    @Graded(number = "7.9.4.6", points = 2, visibility = Visibility.HIDDEN)
    void convolutionStride2Pad2Gradients() {
        ScratchConvolution conv = new ScratchConvolution(Tensor.randn(7, 3, 2, 3, 2), Tensor.randn(8, 3), 2, 2);
        GradCheck.Report r = GradCheck.check(conv, Tensor.randn(9, 2, 2, 5, 4), 10);
        assertTrue(r.maxError() <= GradCheck.TOLERANCE, r.toString());
        LibraryOracle.assertSameAsLibrary(new ScratchConvolution(Tensor.randn(7, 3, 2, 3, 2), Tensor.randn(8, 3), 2, 2),
                Conv2D.fromWeights(Tensor.randn(7, 3, 2, 3, 2), Tensor.randn(8, 3)).stride(2).padding(2).build(), Tensor.randn(9, 2, 2, 5, 4), 10, "all");
    }
}
