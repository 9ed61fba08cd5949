package convkit.exercises;

import convkit.nn.Layer;
import convkit.Ops;
import convkit.nn.Parameter;
import convkit.Tensor;
import java.util.List;

/**
 * From-scratch exercise 7.9.4 (notebook 05): the Convolution layer of Deep Learning from Scratch 7.4.3, with
 * forward and backward. You may use {@code Ops.im2col} / {@code Ops.col2im} (or your own {@link ScratchIm2Col})
 * and {@code Tensor.matmul}. Graded by gradient checks (central differences) and against {@code Ops.conv2d}.
 */
public final class ScratchConvolution implements Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int pad;
    // caches of the last forward pass
    private int[] xShape;
    private Tensor col;
    private Tensor colW;

    /**
     * @param w (FN, C, FH, FW) filters; used, not copied
     * @param b (FN) biases; used, not copied
     */
    public ScratchConvolution(Tensor w, Tensor b, int stride, int pad) {
        this.weight = new Parameter("W", w);
        this.bias = new Parameter("b", b);
        this.stride = stride;
        this.pad = pad;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /**
     * 7.9.4 {@code out[n][f][y][x] = b[f] + sum_{c,i,j} W[f][c][i][j] * xpad[n][c][y*stride + i][x*stride + j]}.
     *
     * @param x (N, C, H, W); not modified, cached for backward
     * @return (N, FN, out_h, out_w)
     */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("Exercise 7.9.4: implement forward: col = im2col(x), out = col . W.reshape(FN, -1).T + b, back to NCHW");
    }

    /**
     * 7.9.4 Returns dL/dx and ADDS dL/dW and dL/db to {@code parameters()}' grads.
     *
     * @param dy (N, FN, out_h, out_w)
     */
    @Override
    public Tensor backward(Tensor dy) {
        throw new UnsupportedOperationException("Exercise 7.9.4: implement backward: db, dW, and dx through col2im");
    }


    @Override
    public String toString() {
        return "ScratchConvolution(W " + java.util.Arrays.toString(weight.value().shape()) + ", stride " + stride + ", pad " + pad + ")";
    }
}
