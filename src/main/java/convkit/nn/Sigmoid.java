package convkit.nn;

import convkit.Tensor;
import convkit.compute.Simd;
import convkit.compute.ThreadPool;
import convkit.compute.VectorMath;

import java.util.Arrays;

/**
 * Logistic sigmoid {@code y = 1 / (1 + exp(-x))}, elementwise, any shape (DLFS {@code Sigmoid}).
 * Backward: {@code dx = dy * y * (1 - y)} from the cached output.
 */
public final class Sigmoid implements Layer {
    private Tensor y;
    private final Scratch scratch = new Scratch();

    /** Returns a new tensor of x's shape. */
    @Override
    public Tensor forward(Tensor x) {
        if (x == null) throw new IllegalArgumentException("Sigmoid needs x but got null");
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] a = x.floatData(), out = scratch.outF(a.length);
            ThreadPool.forRange(a.length, a.length > 40_000, (from, to) -> {
                if (Simd.enabled()) VectorMath.sigmoid(a, out, from, to);
                else for (int i = from; i < to; i++) out[i] = VectorMath.scalar(a[i]);
            });
            y = Tensor.wrap(out, x.shape());
            return y;
        }
        double[] a = x.data(), out = scratch.out(a.length);
        ThreadPool.forRange(a.length, a.length > 20_000, (from, to) -> {
            if (Simd.enabled()) VectorMath.sigmoid(a, out, from, to);
            else for (int i = from; i < to; i++) out[i] = 1.0 / (1.0 + Math.exp(-a[i]));
        });
        y = Tensor.wrap(out, x.shape());
        return y;
    }

    /** Returns a new dx of the input's shape. */
    @Override
    public Tensor backward(Tensor dy) {
        if (y == null) throw new IllegalStateException("Sigmoid.backward called before forward");
        if (dy == null || !Arrays.equals(dy.shape(), y.shape())) {
            throw new IllegalArgumentException("Sigmoid.backward needs dy of shape " + Arrays.toString(y.shape())
                    + " but got " + (dy == null ? "null" : Arrays.toString(dy.shape())));
        }
        Dtypes.sameAsForward("Sigmoid", dy, y.dtype());
        if (y.dtype() == Tensor.DType.FLOAT32) {
            float[] s = y.floatData(), g = dy.floatData(), dx = scratch.dxF(s.length);
            ThreadPool.forRange(s.length, s.length > 200_000, (from, to) -> {
                for (int i = from; i < to; i++) dx[i] = g[i] * s[i] * (1f - s[i]);
            });
            return Tensor.wrap(dx, y.shape());
        }
        double[] s = y.data(), g = dy.data(), dx = scratch.dx(s.length);
        ThreadPool.forRange(s.length, s.length > 100_000, (from, to) -> {
            for (int i = from; i < to; i++) dx[i] = g[i] * s[i] * (1.0 - s[i]);
        });
        return Tensor.wrap(dx, y.shape());
    }

    /** A new, independent {@code Sigmoid} (it has no parameters). */
    @Override
    public Sigmoid replica() {
        return new Sigmoid();
    }

    /** Reuses its output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        scratch.reuse();
    }

    @Override
    public String toString() {
        return "Sigmoid()";
    }
}
