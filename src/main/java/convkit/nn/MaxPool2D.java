package convkit.nn;

import convkit.Tensor;
import convkit.ops.Checks;
import convkit.ops.MaxPooling;
import convkit.ops.WindowGeometry;

import java.util.Arrays;

/**
 * Max-pooling layer (DLFS {@code Pooling}, MXNet {@code MaxPool2D}, PyTorch {@code nn.MaxPool2d}) on NCHW batches;
 * see {@link MaxPooling} for the rules (minus-infinity padding up to kernel - 1 per side, stride defaulting to the
 * kernel, ties to the first maximum). {@link #forward} remembers which input element each output came from;
 * {@link #backward} routes the gradient there.
 *
 * <p>Built with named settings, like {@code nn.MaxPool2d(3, stride=2, padding=1)}:
 * <pre>{@code
 * MaxPool2D pool = MaxPool2D.of(3).stride(2).padding(1).build();
 * MaxPool2D halve = MaxPool2D.of(2).build();              // stride = kernel: 2x2 windows side by side
 * }</pre>
 */
public final class MaxPool2D implements Layer {
    private final int[] kernel, stride, padding;
    private int[] argmax;
    private int[] xShape;
    private Tensor.DType dtype;
    private WindowGeometry geometry;
    private final Scratch scratch = new Scratch();

    private MaxPool2D(int[] kernel, int[] stride, int[] padding) {
        this.kernel = kernel.clone();
        this.stride = stride.clone();
        this.padding = padding.clone();
    }

    /**
     * Starts a max-pooling layer with an {@code of(k)} = k x k or {@code of(kh, kw)} window, stride equal to the
     * window and no padding; then {@link Builder#build()}.
     *
     * @throws IllegalArgumentException unless 1 or 2 sizes, each at least 1, are given
     */
    public static Builder of(int... kernel) {
        return new Builder(kernel);
    }

    /** The settings of a {@link MaxPool2D}: {@link #stride} and {@link #padding}, then {@link #build()}. */
    public static final class Builder extends PoolWindow<Builder> {
        private Builder(int[] kernel) {
            super(kernel);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The layer. */
        public MaxPool2D build() {
            return new MaxPool2D(kernel, stride, padding);
        }
    }

    /** @param x {@code (N, C, H, W)}, not modified @return {@code (N, C, outH, outW)} */
    @Override
    public Tensor forward(Tensor x) {
        WindowGeometry g = WindowGeometry.pool(x, kernel, stride, padding);
        int[] am = new int[g.n * g.c * g.outPlane()];
        xShape = x.shape();
        geometry = g;
        dtype = x.dtype();
        if (dtype == Tensor.DType.FLOAT32) {
            float[] y = scratch.outF(am.length);
            MaxPooling.forward(x.floatData(), g, y, am);
            argmax = am;
            return Tensor.wrap(y, g.n, g.c, g.outH, g.outW);
        }
        double[] y = scratch.out(am.length);
        MaxPooling.forward(x.data(), g, y, am);
        argmax = am;
        return Tensor.wrap(y, g.n, g.c, g.outH, g.outW);
    }

    /** @param dy {@code (N, C, outH, outW)} @return dL/dx {@code (N, C, H, W)} */
    @Override
    public Tensor backward(Tensor dy) {
        if (argmax == null) throw new IllegalStateException("MaxPool2D.backward called before forward");
        Checks.outputGradient(dy, geometry, geometry.c, "(N, C, outH, outW)");
        Dtypes.sameAsForward("MaxPool2D", dy, dtype);
        if (dtype == Tensor.DType.FLOAT32) {
            float[] dx = scratch.dxZeroedF((int) Tensor.product(xShape));
            MaxPooling.backward(dy.floatData(), argmax, dx);
            return Tensor.wrap(dx, xShape);
        }
        double[] dx = scratch.dxZeroed((int) Tensor.product(xShape));   // backward adds into it
        MaxPooling.backward(dy.data(), argmax, dx);
        return Tensor.wrap(dx, xShape);
    }

    /** A new layer with the same window, stride and padding (it has no parameters). */
    @Override
    public MaxPool2D replica() {
        return new MaxPool2D(kernel, stride, padding);
    }

    /** Reuses its output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        scratch.reuse();
    }

    @Override
    public String toString() {
        return "MaxPool2D(kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + ", padding "
                + Arrays.toString(padding) + ")";
    }
}
