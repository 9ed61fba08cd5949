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
        // BEGIN SOLUTION Exercise 7.9.5: implement forward; remember where each maximum came from (for backward)
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), w = x.dim(3);
        int oh = (h + 2 * pad - ph) / stride + 1, ow = (w + 2 * pad - pw) / stride + 1;
        Tensor out = Tensor.zeros(n, c, oh, ow);
        xShape = x.shape();
        argmax = new int[out.size()];
        double[] xd = x.data(), od = out.data();
        int o = 0;
        for (int plane = 0; plane < n * c; plane++) {
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++, o++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int where = -1;
                    for (int i = 0; i < ph; i++) {
                        for (int j = 0; j < pw; j++) {
                            int y = oy * stride + i - pad, xx = ox * stride + j - pad;
                            if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
                            int idx = (plane * h + y) * w + xx;
                            if (where < 0 || xd[idx] > best) {
                                best = xd[idx];
                                where = idx;
                            }
                        }
                    }
                    od[o] = best;
                    argmax[o] = where;
                }
            }
        }
        return out;
        // END SOLUTION
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
        // BEGIN SOLUTION Exercise 7.9.5: implement backward with what forward remembered
        if (argmax == null) throw new IllegalStateException("backward before forward");
        Tensor dx = Tensor.zeros(xShape);
        double[] d = dx.data(), g = dy.data();
        for (int o = 0; o < argmax.length; o++) {
            if (argmax[o] >= 0) d[argmax[o]] += g[o];
        }
        return dx;
        // END SOLUTION
    }

    @Override
    public String toString() {
        return "ScratchMaxPooling(" + ph + "x" + pw + ", stride " + stride + ", pad " + pad + ")";
    }
}
