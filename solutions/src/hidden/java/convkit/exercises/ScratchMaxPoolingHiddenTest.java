package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.nn.GradCheck;
import convkit.nn.MaxPool2D;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Hidden tests of ScratchMaxPooling (exercise 7.9.x): other shapes, strides and paddings. */
class ScratchMaxPoolingHiddenTest {
    @Test
    @Graded(number = "7.9.5.4", points = 1, visibility = Visibility.AFTER_DUE_DATE)
    void maxPoolingPaddedOverlappingGradient() {
        GradCheck.Report r = GradCheck.check(new ScratchMaxPooling(3, 2, 1, 1), ScratchMaxPoolingTest.distinct(11, 1, 2, 5, 4), 12);
        assertTrue(r.maxError() <= GradCheck.TOLERANCE, r.toString());
        assertEquals(1, r.entries().size(), "max pooling has no parameters");
        LibraryOracle.assertSameAsLibrary(new ScratchMaxPooling(3, 2, 1, 1), MaxPool2D.of(3, 2).stride(1).padding(1).build(),
                ScratchMaxPoolingTest.distinct(11, 1, 2, 5, 4), 12, "input");
    }
}
