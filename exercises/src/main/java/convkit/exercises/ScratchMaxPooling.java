package convkit.exercises;

import convkit.nn.Layer;
import convkit.Tensor;

/**
 * From-scratch exercise 7.9.5 (notebook 05): the max-Pooling layer of Deep Learning from Scratch 7.4.4, with
 * forward and backward. Padding counts as -infinity (it never wins); on ties the first maximum in row-major order
 * within the window wins; overlapping windows (stride < window) add their gradients.
 *
 * <p>Where this differs from the book's code: DLFS's {@code Pooling} computes {@code out_h = 1 + (H - pool_h) /
 * stride}, ignoring {@code pad}, and its {@code im2col} pads with zeros, so it only works with {@code pad = 0};
 * this exercise follows PyTorch's {@code MaxPool2d} and convkit's {@code MaxPool2D} instead (padding is -infinity,
 * {@code out = (H + 2 pad - ph) / stride + 1}) so that padded windows have a defined answer; with {@code pad = 0}
 * both agree.
 */
public final class ScratchMaxPooling implements Layer {
    private final int ph;
    private final int pw;
    private final int stride;
    private final int pad;
    // caches of the last forward pass
    private int[] xShape;
    private int[] argmax;

    public ScratchMaxPooling(int ph, int pw, int stride, int pad) {
        this.ph = ph;
        this.pw = pw;
        this.stride = stride;
        this.pad = pad;
    }

    /**
     * 7.9.5 The maximum of each ph x pw window, for every image and channel.
     *
     * @param x (N, C, H, W); not modified
     * @return (N, C, out_h, out_w) with out = (H + 2 pad - ph) / stride + 1
     */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("Exercise 7.9.5: implement forward; remember where each maximum came from (for backward)");
    }

    /**
     * 7.9.5 Routes each output gradient to the input that was the maximum of its window (adding where windows
     * overlap); everything else gets 0.
     *
     * @param dy (N, C, out_h, out_w)
     * @return (N, C, H, W)
     */
    @Override
    public Tensor backward(Tensor dy) {
        throw new UnsupportedOperationException("Exercise 7.9.5: implement backward with what forward remembered");
    }

    @Override
    public String toString() {
        return "ScratchMaxPooling(" + ph + "x" + pw + ", stride " + stride + ", pad " + pad + ")";
    }
}
