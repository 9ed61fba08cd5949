package convkit.nn;

import convkit.ops.AvgPooling;
import convkit.ops.MaxPooling;
import convkit.ops.Checks;
import convkit.ops.WindowGeometry;
import convkit.Tensor;

import java.util.Arrays;

/**
 * Average-pooling layer (MXNet {@code AvgPool2D}, PyTorch {@code nn.AvgPool2d}) on NCHW batches; see
 * {@link AvgPooling} for the rules. {@link #forward} remembers the input shape; {@link #backward} spreads each
 * gradient evenly over its window.
 */
public final class AvgPool2D implements Layer {
    private final int[] kernel, stride, padding;
    private final boolean countIncludePad;
    private Tensor x;
    private WindowGeometry geometry;
    private final Scratch outBuf = new Scratch(), dxBuf = new Scratch();

    /**
     * @param kernel          {k} or {kh, kw}
     * @param stride          {s} or {sh, sw}; null = kernel
     * @param padding         {p}, {ph, pw} or {top, bottom, left, right}; null = 0
     * @param countIncludePad divide by kh*kw (true) or by the number of real elements in the window (false)
     */
    public AvgPool2D(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        this.kernel = Checks.pair("kernel", kernel, 0, 1);
        this.stride = stride == null ? this.kernel.clone() : Checks.pair("stride", stride, 0, 1);
        this.padding = Checks.pad4("padding", padding);
        this.countIncludePad = countIncludePad;
    }

    /** @param x {@code (N, C, H, W)}, not modified @return {@code (N, C, outH, outW)} */
    @Override
    public Tensor forward(Tensor x) {
        WindowGeometry g = WindowGeometry.pool(x, kernel, stride, padding);
        double[] y = outBuf.get(g.n * g.c * g.outPlane());
        AvgPooling.forward(x.data(), g, countIncludePad, y);
        this.x = x;
        this.geometry = g;
        return Tensor.wrap(y, g.n, g.c, g.outH, g.outW);
    }

    /** @param dy {@code (N, C, outH, outW)} @return dL/dx {@code (N, C, H, W)} */
    @Override
    public Tensor backward(Tensor dy) {
        if (x == null) throw new IllegalStateException("AvgPool2D.backward called before forward");
        Checks.outputGradient(dy, geometry, geometry.c, "(N, C, outH, outW)");
        double[] dx = dxBuf.zeroed(x.size());        // backward adds into it
        AvgPooling.backward(dy.data(), geometry, countIncludePad, dx);
        return Tensor.wrap(dx, x.shape());
    }

    /** A new layer with the same window, stride, padding and divisor rule (it has no parameters). */
    @Override
    public AvgPool2D replica() {
        return new AvgPool2D(kernel, stride, padding, countIncludePad);
    }

    /** Reuses the output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        outBuf.reuse();
        dxBuf.reuse();
    }

    @Override
    public String toString() {
        return "AvgPool2D(kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", padding "
                + Arrays.toString(padding) + ", countIncludePad " + countIncludePad + ")";
    }
}
