package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import convkit.Tensor;
import convkit.grading.Graded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Visible tests of the d2l 7.3 exercises. */
class Sec73PaddingStrideTest {

    // floor((n + 2p - d(k-1) - 1) / s) + 1, each case computed by hand; the stride-2 cases tell floor from ceil
    @ParameterizedTest(name = "n={0} k={1} p={2} s={3} d={4}")
    @CsvSource({
        "8, 3, 1, 1, 1, 8",      // d2l 7.3.1: padding 1 keeps 8 x 8
        "8, 3, 0, 1, 1, 6",      // n - k + 1
        "8, 3, 1, 2, 1, 4",      // d2l 7.3.2: (8 + 2 - 3) / 2 = 3.5 -> 3, + 1
        "8, 3, 0, 2, 1, 3",      // 5 / 2 = 2.5 -> 2, + 1 (ceil would give 4)
        "7, 2, 0, 2, 1, 3",      // 5 / 2 -> 2, + 1
        "10, 3, 0, 1, 2, 6",     // dilation 2: the kernel spans 5
        "7, 3, 1, 2, 2, 3",      // (7 + 2 - 4 - 1) / 2 = 2, + 1
        "5, 5, 0, 1, 1, 1"})
    @Graded(number = "7.3.1.1", points = 4,
            hint = "Output = floor((n + 2p - d(k-1) - 1) / s) + 1: padding counts twice (both sides), and the division rounds down")
    void outputSize(int n, int k, int p, int s, int d, int expected) {
        assertEquals(expected, Sec73PaddingStride.outputSize(n, k, p, s, d), "outputSize(n=" + n + ", k=" + k + ", p=" + p + ", s=" + s + ", d=" + d + ")");
    }

    @Test
    @Graded(number = "7.3.2.1", points = 1, hint = "224 - 11 + 1 (seed 003)")
    void side224Kernel11() {
        assertEquals(214, Sec73PaddingStride.side224Kernel11());
    }

    @Test
    @Graded(number = "7.3.2.2", points = 1, hint = "(224 - 4) / 4 + 1 (seed 003)")
    void side224Kernel4Stride4() {
        assertEquals(56, Sec73PaddingStride.side224Kernel4Stride4());
    }

    @ParameterizedTest(name = "k = {0}")
    @CsvSource({"1, 0", "3, 1", "5, 2", "7, 3"})
    @Graded(number = "7.3.2.3", points = 1, hint = "n + 2p - k + 1 = n gives p = (k - 1) / 2")
    void paddingThatKeepsSize(int k, int p) {
        assertEquals(p, Sec73PaddingStride.paddingThatKeepsSize(k), "padding for k = " + k);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(ints = {2, 4})
    @Graded(number = "7.3.2.4", points = 1, hint = "With an even k, 2p = k - 1 has no integer solution: throw IllegalArgumentException")
    void paddingThatKeepsSizeRejectsEvenKernels(int k) {
        assertThrows(IllegalArgumentException.class, () -> Sec73PaddingStride.paddingThatKeepsSize(k));
    }

    @ParameterizedTest(name = "n={0} k={1} layers={2}")
    @CsvSource({"240, 5, 10, 200", "28, 3, 1, 26", "32, 3, 4, 24", "100, 4, 3, 91", "50, 1, 7, 50", "64, 2, 10, 54"})
    @Graded(number = "7.3.2.5", points = 1, hint = "Each layer shrinks the side by k - 1 (d2l: 240 -> 200 after ten 5 x 5 layers)")
    void sideAfterLayers(int n, int k, int layers, int expected) {
        assertEquals(expected, Sec73PaddingStride.sideAfterLayers(n, k, layers));
    }

    @Test
    @Graded(number = "7.3.1.3", points = 1, hint = "Height: floor((8 + 0 - 3) / 3) + 1; width: floor((8 + 2 - 5) / 4) + 1")
    void shapeOfLastExample() {
        assertArrayEquals(new int[] {2, 2}, Sec73PaddingStride.shapeOfLastExample());
    }

    static final int[][] LENET = {{1, 6, 28, 28}, {1, 6, 14, 14}, {1, 16, 10, 10}, {1, 16, 5, 5}, {1, 400}, {1, 120}, {1, 84}, {1, 10}};
    static final String[] LAYERS = {"conv 6@5x5 pad 2", "avg-pool 2", "conv 16@5x5", "avg-pool 2", "flatten", "dense 120", "dense 84", "dense 10"};

    @ParameterizedTest(name = "after layer {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    @Graded(number = "7.3.2.6", points = 2, hint = "A 5 x 5 conv with padding 2 keeps 28; pooling halves; 16 x 5 x 5 = 400 features after flatten")
    void lenetShapes(int layer) {
        int[][] shapes = Sec73PaddingStride.lenetShapes();
        assertEquals(8, shapes.length, "one shape per layer (8 layers)");
        assertArrayEquals(LENET[layer], shapes[layer], "shape after " + LAYERS[layer]);
    }

    @Test
    @Graded(number = "7.3.4.1", points = 1, hint = "Reflect without repeating the edge: the row above row 0 is row 1")
    void mirrorPadSmall() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
        // by hand (NumPy np.pad(x, 1, mode="reflect") gives the same)
        Tensor expected = Tensor.of(new double[][] {
            {5, 4, 5, 6, 5}, {2, 1, 2, 3, 2}, {5, 4, 5, 6, 5}, {8, 7, 8, 9, 8}, {5, 4, 5, 6, 5}});
        assertEquals(expected, Sec73PaddingStride.mirrorPad(x, 1));
        assertEquals(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}), x, "mirrorPad must not modify x");
    }

    @Test
    @Graded(number = "7.3.4.2", points = 1, hint = "p = 2 on a 3 x 4 image reaches two rows into the image")
    void mirrorPadRectangular() {
        Tensor x = Tensor.of(new double[][] {{0, 1, 2, 3}, {10, 11, 12, 13}, {20, 21, 22, 23}});
        Tensor expected = Tensor.of(new double[][] { // np.pad(x, 2, mode="reflect")
            {22, 21, 20, 21, 22, 23, 22, 21},
            {12, 11, 10, 11, 12, 13, 12, 11},
            {2, 1, 0, 1, 2, 3, 2, 1},
            {12, 11, 10, 11, 12, 13, 12, 11},
            {22, 21, 20, 21, 22, 23, 22, 21},
            {12, 11, 10, 11, 12, 13, 12, 11},
            {2, 1, 0, 1, 2, 3, 2, 1}});
        assertEquals(expected, Sec73PaddingStride.mirrorPad(x, 2));
    }

    @Test
    @Graded(number = "7.3.4.3", points = 1, hint = "p >= h (or w) leaves nothing to reflect: IllegalArgumentException")
    void mirrorPadRejectsTooMuchPadding() {
        assertThrows(IllegalArgumentException.class, () -> Sec73PaddingStride.mirrorPad(Tensor.zeros(2, 5), 2));
    }

    /** Windows of size k that fit in n + 2p with stride s, counted one by one (no formula). */
    static long windows(int n, int k, int p, int s) {
        long count = 0;
        for (long start = -p; start + k <= (long) n + p; start += s) count++;
        return count;
    }

    @ParameterizedTest(name = "n={0} k={1} p={2} s={3}")
    @CsvSource({"224, 3, 1, 2", "8, 3, 1, 2", "7, 3, 0, 2", "28, 5, 2, 3", "10, 4, 1, 2", "6, 2, 0, 1", "9, 1, 0, 4",
                "100000, 6, 2, 7", "65536, 5, 2, 2"})
    @Graded(number = "7.3.5.1", points = 2,
            hint = "(outputs at stride 1)^2 / (outputs at stride s)^2, each from the output size; use double or long arithmetic")
    void strideSavings(int n, int k, int p, int s) {
        double one = windows(n, k, p, 1), strided = windows(n, k, p, s);
        assertEquals(one * one / (strided * strided), Sec73PaddingStride.strideSavings(n, k, p, s), 1e-9 * one * one / (strided * strided));
    }

    @Test
    @Graded(number = "7.3.3.1", points = 1, hint = "Keeping every second sample halves the sampling rate")
    void audioStride2() {
        assertEquals(Sec73PaddingStride.StrideMeaning.DOWNSAMPLING, Sec73PaddingStride.audioStride2());
    }

    @Test
    @Graded(number = "7.3.7.1", points = 1, hint = "Half a step per output means two outputs per input")
    void strideOneHalf() {
        assertEquals(Sec73PaddingStride.StrideMeaning.UPSAMPLING_TRANSPOSED_CONVOLUTION, Sec73PaddingStride.strideOneHalf());
    }
}
