package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;

import convkit.book.Padding;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Hidden tests of the d2l 7.3 exercises. */
class Sec73PaddingStrideHiddenTest {

    @Test
    @Graded(number = "7.3.1.2", points = 1, visibility = Visibility.HIDDEN)
    void outputSizeAgainstEnumeration() {
        // count the valid window positions directly: start = -p + i*s, last tap start + d(k-1) must be < n + p
        for (int n = 1; n <= 12; n++) {
            for (int k = 1; k <= 4; k++) {
                for (int p = 0; p <= 2; p++) {
                    for (int s = 1; s <= 3; s++) {
                        for (int d = 1; d <= 2; d++) {
                            int count = 0;
                            for (int start = -p; start + d * (k - 1) <= n - 1 + p; start += s) count++;
                            if (count == 0) continue;
                            assertEquals(count, Sec73PaddingStride.outputSize(n, k, p, s, d),
                                    "outputSize(n=" + n + ", k=" + k + ", p=" + p + ", s=" + s + ", d=" + d + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    @Graded(number = "7.3.4.4", points = 1, visibility = Visibility.HIDDEN)
    void mirrorPadMatchesTheLibrary() {
        Tensor x = Tensor.rand(73, 5, 6);
        for (int p = 0; p <= 4; p++) {
            assertEquals(Padding.pad2d(x, p, p, p, p, Padding.Mode.REFLECT), Sec73PaddingStride.mirrorPad(x.copy(), p), "p = " + p);
        }
    }
}
