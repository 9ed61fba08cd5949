package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.nn.Conv2D;
import convkit.nn.GradCheck;
import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Visible tests of exercise 7.9.4 (Convolution layer with backward), graded by gradient checks. */
class ScratchConvolutionTest {

    static ScratchConvolution layer(int fn, int c, int fh, int fw, int s, int p) {
        return new ScratchConvolution(Tensor.randn(7941, fn, c, fh, fw), Tensor.randn(7942, fn), s, p);
    }

    /** The library's layer with the same weights as {@link #layer} (made afresh: the student's code never saw them). */
    static Conv2D reference(int fn, int c, int fh, int fw, int s, int p) {
        return Conv2D.fromWeights(Tensor.randn(7941, fn, c, fh, fw), Tensor.randn(7942, fn)).stride(s).padding(p).build();
    }

    static void assertGradient(GradCheck.Report r, String tensor, String hint) {
        GradCheck.Entry e = r.entry(tensor);
        assertTrue(e.maxError() <= GradCheck.TOLERANCE, "gradient of " + tensor + " is wrong: at index "
                + java.util.Arrays.toString(e.worstIndexNd()) + " backward gives " + e.analytic() + " but central differences give "
                + e.numeric() + " (" + hint + ")");
    }

    @ParameterizedTest(name = "x (2, 3, 6, 5), W (4, 3, {0}, {1}), stride {2}, pad {3}")
    @CsvSource({"3, 3, 1, 0", "3, 3, 1, 1", "2, 3, 2, 1", "1, 1, 1, 0"})
    @Graded(number = "7.9.4.1", points = 2, hint = "out = im2col(x) . W.reshape(FN, -1).T + b, reshaped to (N, out_h, out_w, FN) and permuted to NCHW")
    void forwardMatchesConv2d(int fh, int fw, int s, int p) {
        Tensor x = Tensor.randn(7943, 2, 3, 6, 5);
        // the expected output first, from weights of its own: the layer's code gets only copies
        Tensor expected = Ops.conv2d(x, Tensor.randn(7941, 4, 3, fh, fw), Tensor.randn(7942, 4),
                new int[] {s}, new int[] {p}, new int[] {1}, 1);
        Tensor got = layer(4, 3, fh, fw, s, p).forward(x.copy());
        assertArrayEquals(expected.shape(), got.shape(), "output shape");
        assertTrue(expected.allClose(got, 1e-10, 1e-10), "forward differs from Ops.conv2d");
    }

    @ParameterizedTest(name = "W (2, 2, {0}, {1}), stride {2}, pad {3}")
    @CsvSource({"3, 3, 1, 0", "3, 2, 2, 1"})
    @Graded(number = "7.9.4.2", points = 3, hint = "dx = col2im(dout . colW.T): col2im must add overlapping windows")
    void inputGradient(int fh, int fw, int s, int p) {
        ScratchConvolution conv = layer(2, 2, fh, fw, s, p);
        assertGradient(GradCheck.check(conv, Tensor.randn(7944, 2, 2, 5, 6), 7945), "input", "dx = col2im(dout . colW.T)");
        LibraryOracle.assertSameAsLibrary(layer(2, 2, fh, fw, s, p), reference(2, 2, fh, fw, s, p), Tensor.randn(7944, 2, 2, 5, 6), 7945, "input");
    }

    @ParameterizedTest(name = "W (2, 2, {0}, {1}), stride {2}, pad {3}")
    @CsvSource({"3, 3, 1, 0", "3, 2, 2, 1"})
    @Graded(number = "7.9.4.3", points = 3, hint = "dW = (col.T . dout).T reshaped to (FN, C, FH, FW): the transpose matters")
    void weightGradient(int fh, int fw, int s, int p) {
        ScratchConvolution conv = layer(2, 2, fh, fw, s, p);
        assertGradient(GradCheck.check(conv, Tensor.randn(7946, 2, 2, 5, 6), 7947), "W", "dW = col.T . dout");
        LibraryOracle.assertSameAsLibrary(layer(2, 2, fh, fw, s, p), reference(2, 2, fh, fw, s, p), Tensor.randn(7946, 2, 2, 5, 6), 7947, "W");
    }

    @Test
    @Graded(number = "7.9.4.4", points = 2, hint = "db sums dout over the batch AND over all output positions")
    void biasGradient() {
        ScratchConvolution conv = layer(3, 2, 3, 3, 1, 1);
        assertGradient(GradCheck.check(conv, Tensor.randn(7948, 2, 2, 4, 4), 7949), "b", "db = sum of dout over n, y, x");
        LibraryOracle.assertSameAsLibrary(layer(3, 2, 3, 3, 1, 1), reference(3, 2, 3, 3, 1, 1), Tensor.randn(7948, 2, 2, 4, 4), 7949, "b");
    }

    @Test
    @Graded(number = "7.9.4.5", points = 1, hint = "backward ADDS to parameters().get(i).grad() (DLFS-style layers accumulate; zeroGrad() resets)")
    void parameterGradientsAccumulate() {
        Tensor x = Tensor.randn(79410, 1, 1, 3, 3);
        Tensor dy = Tensor.randn(79411, 1, 2, 2, 2);
        Conv2D ref = reference(2, 1, 2, 2, 1, 0);   // what one backward must add: the library's gradients, first
        ref.forward(x.copy());
        ref.backward(dy.copy());
        ScratchConvolution conv = layer(2, 1, 2, 2, 1, 0);
        conv.forward(x.copy());
        conv.backward(dy.copy());
        Tensor once = conv.parameters().get(0).grad().copy();
        Tensor onceB = conv.parameters().get(1).grad().copy();
        LibraryOracle.assertClose(ref.weight().grad(), once, "dW after one backward (so that twice it means something)");
        LibraryOracle.assertClose(ref.bias().grad(), onceB, "db after one backward");
        conv.forward(x.copy());
        conv.backward(dy.copy());
        assertTrue(conv.parameters().get(0).grad().allClose(once.mul(2), 1e-12, 1e-12), "after two backward calls dW must be twice dW");
        assertTrue(conv.parameters().get(1).grad().allClose(onceB.mul(2), 1e-12, 1e-12), "after two backward calls db must be twice db");
    }
}
