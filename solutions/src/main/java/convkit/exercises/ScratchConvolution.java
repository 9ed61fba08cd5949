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
        // BEGIN SOLUTION Exercise 7.9.4: implement forward: col = im2col(x), out = col . W.reshape(FN, -1).T + b, back to NCHW
        int[] ws = weight.value().shape();
        int fn = ws[0], fh = ws[2], fw = ws[3];
        int n = x.dim(0), oh = (x.dim(2) + 2 * pad - fh) / stride + 1, ow = (x.dim(3) + 2 * pad - fw) / stride + 1;
        xShape = x.shape();
        col = Ops.im2col(x, fh, fw, stride, pad);
        colW = weight.value().reshape(fn, -1).transpose();
        Tensor out = col.matmul(colW).add(bias.value().reshape(1, fn));
        return out.reshape(n, oh, ow, fn).permute(0, 3, 1, 2);
        // END SOLUTION
    }

    /**
     * 7.9.4 Returns dL/dx and ADDS dL/dW and dL/db to {@code parameters()}' grads.
     *
     * @param dy (N, FN, out_h, out_w)
     */
    @Override
    public Tensor backward(Tensor dy) {
        // BEGIN SOLUTION Exercise 7.9.4: implement backward: db, dW, and dx through col2im
        if (col == null) throw new IllegalStateException("backward before forward");
        int[] ws = weight.value().shape();
        int fn = ws[0];
        Tensor dout = dy.permute(0, 2, 3, 1).reshape(-1, fn);
        Tensor db = dout.sum(0);
        Tensor dW = col.transpose().matmul(dout).transpose().reshape(ws);
        accumulate(bias.grad(), db);
        accumulate(weight.grad(), dW);
        Tensor dcol = dout.matmul(colW.transpose());
        return Ops.col2im(dcol, xShape, ws[2], ws[3], stride, pad);
        // END SOLUTION
    }

    // BEGIN SOLUTION-ONLY
    private static void accumulate(Tensor into, Tensor g) {
        double[] a = into.data(), b = g.data();
        for (int i = 0; i < a.length; i++) a[i] += b[i];
    }
    // END SOLUTION-ONLY

    @Override
    public String toString() {
        return "ScratchConvolution(W " + java.util.Arrays.toString(weight.value().shape()) + ", stride " + stride + ", pad " + pad + ")";
    }
}
