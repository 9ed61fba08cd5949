package convkit.nn;

import convkit.compute.Gemm;
import convkit.Tensor;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fully connected layer {@code y = x W^T + b} (PyTorch {@code nn.Linear}, DLFS {@code Affine}).
 *
 * <p>Shapes: x (N, in), W (out, in) — PyTorch's layout, so PyTorch weights and fixtures compare directly —,
 * b (out), y (N, out). {@link #backward} returns dx (N, in) and adds dW = dy^T x and db = sum_n dy to the
 * parameters' gradients. The three products run on {@link Gemm} (parallel when large enough).
 */
public final class Linear implements Layer {
    private final int in, out;
    private final Parameter weight, bias;
    private Tensor x;
    private final Scratch outBuf = new Scratch(), dxBuf = new Scratch();

    /** A layer with Xavier-uniform weights and PyTorch's default bias init, from {@code new Random(seed)}. */
    public Linear(int in, int out, long seed) {
        this(in, out, new Random(seed));
    }

    /**
     * A layer initialised like d2l's LeNet ({@code init_cnn}): weight Xavier-uniform, then bias with PyTorch's
     * default {@code nn.Linear} init U(-1/sqrt(in), 1/sqrt(in)), both drawn from {@code rng} in that order.
     */
    public Linear(int in, int out, Random rng) {
        this(xavier(in, out, rng), Init.uniformBias(rng, out, in));
    }

    private static Tensor xavier(int in, int out, Random rng) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive in and out but got in=" + in + ", out=" + out);
        }
        return Init.xavierUniform(rng, out, in);
    }

    private Linear(Tensor w, Tensor b) {
        if (w == null || w.rank() != 2) {
            throw new IllegalArgumentException("weight must be 2-D (out, in) but was "
                    + (w == null ? "null" : Arrays.toString(w.shape())));
        }
        this.out = w.dim(0);
        this.in = w.dim(1);
        if (b == null) b = Tensor.zeros(out);
        if (b.rank() != 1 || b.dim(0) != out) {
            throw new IllegalArgumentException("bias must have shape [" + out + "] for weight " + Arrays.toString(w.shape())
                    + " but was " + Arrays.toString(b.shape()));
        }
        this.weight = new Parameter("weight", w);
        this.bias = new Parameter("bias", b);
    }

    /**
     * A layer using the given tensors as its parameters (not copied).
     *
     * @param w (out, in)
     * @param b (out), or null for zeros
     */
    /** Shares this layer's weight and bias tensors; own gradients and cache (see {@link Layer#replica()}). */
    @Override
    public Linear replica() {
        return new Linear(weight.value(), bias.value());
    }

    public static Linear fromWeights(Tensor w, Tensor b) {
        return new Linear(w, b);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** x (N, in) -> new y (N, out). */
    @Override
    public Tensor forward(Tensor x) {
        if (x == null || x.rank() != 2 || x.dim(1) != in) {
            throw new IllegalArgumentException("Linear(" + in + ", " + out + ") needs x of shape (N, " + in + ") but got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        this.x = x;
        int n = x.dim(0);
        double[] b = bias.value().data(), y = outBuf.get(n * out);
        for (int s = 0; s < n; s++) System.arraycopy(b, 0, y, s * out, out);
        Gemm.gemm(false, true, n, out, in, x.data(), 0, in, weight.value().data(), 0, in, y, 0, out, true);
        return Tensor.wrap(y, n, out);
    }

    /** dy (N, out) -> new dx (N, in); adds dW (out, in) and db (out) to the gradients. */
    @Override
    public Tensor backward(Tensor dy) {
        if (x == null) throw new IllegalStateException("Linear.backward called before forward");
        int n = x.dim(0);
        if (dy == null || dy.rank() != 2 || dy.dim(0) != n || dy.dim(1) != out) {
            throw new IllegalArgumentException("Linear(" + in + ", " + out + ").backward needs dy of shape (" + n + ", "
                    + out + ") but got " + (dy == null ? "null" : Arrays.toString(dy.shape())));
        }
        double[] g = dy.data(), w = weight.value().data(), db = bias.grad().data();
        Gemm.gemm(true, false, out, in, n, g, 0, out, x.data(), 0, in, weight.grad().data(), 0, in, true);
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) db[o] += g[s * out + o];
        }
        double[] dx = dxBuf.get(n * in);
        Gemm.gemm(false, false, n, in, out, g, 0, out, w, 0, in, dx, 0, in, false);
        return Tensor.wrap(dx, n, in);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** Reuses the output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        outBuf.reuse();
        dxBuf.reuse();
    }

    @Override
    public String toString() {
        return "Linear(in=" + in + ", out=" + out + ")";
    }
}
