package convkit.nn;

import convkit.ops.MaxPooling;
import convkit.ops.Checks;
import convkit.ops.WindowGeometry;
import convkit.Tensor;

import java.util.Arrays;

/**
 * Max-pooling layer (DLFS {@code Pooling}, MXNet {@code MaxPool2D}) on NCHW batches; see {@link MaxPooling} for the
 * rules (minus-infinity padding up to kernel - 1 per side, stride defaulting to the kernel, ties to the first
 * maximum). {@link #forward} remembers which input element each output came from; {@link #backward} routes the
 * gradient there.
 */
public final class MaxPool2D implements Layer {
    private final int[] kernel, stride, padding;
    private int[] argmax;
    private int[] xShape;
    private final Scratch outBuf = new Scratch(), dxBuf = new Scratch();

    /**
     * @param kernel  {k} or {kh, kw}
     * @param stride  {s} or {sh, sw}; null = kernel
     * @param padding {p}, {ph, pw} or {top, bottom, left, right}; null = 0
     */
    public MaxPool2D(int[] kernel, int[] stride, int[] padding) {
        this.kernel = Checks.pair("kernel", kernel, 0, 1);
        this.stride = stride == null ? this.kernel.clone() : Checks.pair("stride", stride, 0, 1);
        this.padding = Checks.pad4("padding", padding);
    }

    /** @param x {@code (N, C, H, W)}, not modified @return {@code (N, C, outH, outW)} */
    @Override
    public Tensor forward(Tensor x) {
        WindowGeometry g = WindowGeometry.pool(x, kernel, stride, padding);
        double[] y = outBuf.get(g.n * g.c * g.outPlane());
        int[] am = new int[y.length];
        MaxPooling.forward(x.data(), g, y, am);
        argmax = am;
        xShape = x.shape();
        return Tensor.wrap(y, g.n, g.c, g.outH, g.outW);
    }

    /** @param dy {@code (N, C, outH, outW)} @return dL/dx {@code (N, C, H, W)} */
    @Override
    public Tensor backward(Tensor dy) {
        if (argmax == null) throw new IllegalStateException("MaxPool2D.backward called before forward");
        if (dy == null) throw new IllegalArgumentException("dy must not be null");
        if (dy.size() != argmax.length || dy.rank() != 4) {
            throw new IllegalArgumentException("dy must have the shape of the last output (" + argmax.length
                    + " elements, rank 4) but has shape " + Arrays.toString(dy.shape()));
        }
        double[] dx = dxBuf.zeroed((int) Tensor.product(xShape));   // backward adds into it
        MaxPooling.backward(dy.data(), argmax, dx);
        return Tensor.wrap(dx, xShape);
    }

    /** A new layer with the same window, stride and padding (it has no parameters). */
    @Override
    public MaxPool2D replica() {
        return new MaxPool2D(kernel, stride, padding);
    }

    /** Reuses the output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        outBuf.reuse();
        dxBuf.reuse();
    }

    @Override
    public String toString() {
        return "MaxPool2D(kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", padding "
                + Arrays.toString(padding) + ")";
    }
}
