package convkit.nn;

import convkit.Tensor;
import convkit.ops.AvgPooling;
import convkit.ops.Checks;
import convkit.ops.WindowGeometry;

import java.util.Arrays;

/**
 * Average-pooling layer (MXNet {@code AvgPool2D}, PyTorch {@code nn.AvgPool2d}) on NCHW batches; see
 * {@link AvgPooling} for the rules. {@link #forward} remembers the input shape; {@link #backward} spreads each
 * gradient evenly over its window.
 *
 * <p>Built with named settings, like {@code nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False)}:
 * <pre>{@code
 * AvgPool2D pool = AvgPool2D.of(3).stride(2).padding(1).countIncludePad(false).build();
 * AvgPool2D lenet = AvgPool2D.of(2).build();              // d2l's LeNet: 2x2 windows, stride 2
 * }</pre>
 */
public final class AvgPool2D implements Layer {
    private final int[] kernel, stride, padding;
    private final boolean countIncludePad;
    private Tensor x;
    private WindowGeometry geometry;
    private final Scratch scratch = new Scratch();

    private AvgPool2D(int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
        this.countIncludePad = countIncludePad;
    }

    /**
     * Starts an average-pooling layer with a {@code of(k)} = k x k or {@code of(kh, kw)} window, stride equal to the
     * window, no padding, padding counted in the divisor; then {@link Builder#build()}.
     *
     * @throws IllegalArgumentException unless 1 or 2 sizes, each at least 1, are given
     */
    public static Builder of(int... kernel) {
        return new Builder(kernel);
    }

    /**
     * The settings of an {@link AvgPool2D}: {@link #stride}, {@link #padding} and {@link #countIncludePad}, then
     * {@link #build()}.
     */
    public static final class Builder extends PoolWindow<Builder> {
        private boolean countIncludePad = true;

        private Builder(int[] kernel) {
            super(kernel);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Whether padded cells count in the divisor: true (the default, PyTorch's {@code count_include_pad=True})
         * divides by kh*kw, false by the number of real elements in the window.
         */
        public Builder countIncludePad(boolean on) {
            this.countIncludePad = on;
            return this;
        }

        /** The layer. */
        public AvgPool2D build() {
            return new AvgPool2D(kernel, stride, padding, countIncludePad);
        }
    }

    /** @param x {@code (N, C, H, W)}, not modified @return {@code (N, C, outH, outW)} */
    @Override
    public Tensor forward(Tensor x) {
        WindowGeometry g = WindowGeometry.pool(x, kernel, stride, padding);
        this.x = x;
        this.geometry = g;
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] y = scratch.outF(g.n * g.c * g.outPlane());
            AvgPooling.forward(x.floatData(), g, countIncludePad, y);
            return Tensor.wrap(y, g.n, g.c, g.outH, g.outW);
        }
        double[] y = scratch.out(g.n * g.c * g.outPlane());
        AvgPooling.forward(x.data(), g, countIncludePad, y);
        return Tensor.wrap(y, g.n, g.c, g.outH, g.outW);
    }

    /** @param dy {@code (N, C, outH, outW)} @return dL/dx {@code (N, C, H, W)} */
    @Override
    public Tensor backward(Tensor dy) {
        if (x == null) throw new IllegalStateException("AvgPool2D.backward called before forward");
        Checks.outputGradient(dy, geometry, geometry.c, "(N, C, outH, outW)");
        Dtypes.sameAsForward("AvgPool2D", dy, x.dtype());
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] dx = scratch.dxZeroedF(x.size());
            AvgPooling.backward(dy.floatData(), geometry, countIncludePad, dx);
            return Tensor.wrap(dx, x.shape());
        }
        double[] dx = scratch.dxZeroed(x.size());        // backward adds into it
        AvgPooling.backward(dy.data(), geometry, countIncludePad, dx);
        return Tensor.wrap(dx, x.shape());
    }

    /** A new layer with the same window, stride, padding and divisor rule (it has no parameters). */
    @Override
    public AvgPool2D replica() {
        return new AvgPool2D(kernel, stride, padding, countIncludePad);
    }

    /** Reuses its output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        scratch.reuse();
    }

    @Override
    public String toString() {
        return "AvgPool2D(kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", padding "
                + Arrays.toString(padding) + ", countIncludePad " + countIncludePad + ")";
    }
}
