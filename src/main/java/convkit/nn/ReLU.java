package convkit.nn;

import convkit.Tensor;
import convkit.compute.ThreadPool;

import java.util.Arrays;

/**
 * Rectified linear unit {@code y = max(0, x)}, elementwise, any shape (DLFS {@code Relu}).
 * Backward passes dy where x > 0 and 0 elsewhere (at x == 0 the gradient is 0, as in PyTorch).
 */
public final class ReLU implements Layer {
    private Tensor x;
    private final Scratch scratch = new Scratch();

    /** Returns a new tensor of x's shape. */
    @Override
    public Tensor forward(Tensor x) {
        if (x == null) throw new IllegalArgumentException("ReLU needs x but got null");
        this.x = x;
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] a = x.floatData(), y = scratch.outF(a.length);
            ThreadPool.forRange(a.length, a.length > 200_000, (from, to) -> {
                for (int i = from; i < to; i++) y[i] = a[i] > 0 ? a[i] : 0f;
            });
            return Tensor.wrap(y, x.shape());
        }
        double[] a = x.data(), y = scratch.out(a.length);
        ThreadPool.forRange(a.length, a.length > 100_000, (from, to) -> {
            for (int i = from; i < to; i++) y[i] = a[i] > 0 ? a[i] : 0.0;
        });
        return Tensor.wrap(y, x.shape());
    }

    /** Returns a new dx of x's shape. */
    @Override
    public Tensor backward(Tensor dy) {
        if (x == null) throw new IllegalStateException("ReLU.backward called before forward");
        if (dy == null || !Arrays.equals(dy.shape(), x.shape())) {
            throw new IllegalArgumentException("ReLU.backward needs dy of shape " + Arrays.toString(x.shape()) + " but got "
                    + (dy == null ? "null" : Arrays.toString(dy.shape())));
        }
        Dtypes.sameAsForward("ReLU", dy, x.dtype());
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] a = x.floatData(), g = dy.floatData(), dx = scratch.dxF(a.length);
            ThreadPool.forRange(a.length, a.length > 200_000, (from, to) -> {
                for (int i = from; i < to; i++) dx[i] = a[i] > 0 ? g[i] : 0f;
            });
            return Tensor.wrap(dx, x.shape());
        }
        double[] a = x.data(), g = dy.data(), dx = scratch.dx(a.length);
        ThreadPool.forRange(a.length, a.length > 100_000, (from, to) -> {
            for (int i = from; i < to; i++) dx[i] = a[i] > 0 ? g[i] : 0.0;
        });
        return Tensor.wrap(dx, x.shape());
    }

    /** A new, independent {@code ReLU} (it has no parameters). */
    @Override
    public ReLU replica() {
        return new ReLU();
    }

    /** Reuses its output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        scratch.reuse();
    }

    @Override
    public String toString() {
        return "ReLU()";
    }
}
