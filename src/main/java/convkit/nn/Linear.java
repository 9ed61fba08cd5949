package convkit.nn;

import convkit.Tensor;
import convkit.compute.Gemm;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fully connected layer {@code y = x W^T + b} (PyTorch {@code nn.Linear}, DLFS {@code Affine}).
 *
 * <p>Shapes: x (N, in), W (out, in) — PyTorch's layout, so PyTorch weights and fixtures compare directly —,
 * b (out), y (N, out). {@link #backward} returns dx (N, in) and adds dW = dy^T x and db = sum_n dy to the
 * parameters' gradients. The three products run on {@link Gemm} (parallel when large enough).
 *
 * <p>Built with named settings, like {@code nn.Linear(400, 120)}:
 * <pre>{@code
 * Linear fc = Linear.of(400, 120).seed(7).build();          // fresh weights from new Random(7)
 * Linear fc2 = Linear.of(120, 84).random(rng).build();      // drawn from a generator shared by several layers
 * Linear given = Linear.fromWeights(w, b);                  // around the tensors w (out, in) and b (out)
 * }</pre>
 */
public final class Linear implements Layer {
    private final int in, out;
    private final Parameter weight, bias;
    private Tensor x;
    private final Scratch scratch = new Scratch();

    private Linear(Tensor w, Tensor b) {
        if (w == null || w.rank() != 2) {
            throw new IllegalArgumentException("weight must be 2-D (out, in) but was "
                    + (w == null ? "null" : Arrays.toString(w.shape())));
        }
        this.out = w.dim(0);
        this.in = w.dim(1);
        if (b != null && (b.rank() != 1 || b.dim(0) != out)) {
            throw new IllegalArgumentException("bias must have shape [" + out + "] for weight " + Arrays.toString(w.shape())
                    + " but was " + Arrays.toString(b.shape()));
        }
        this.weight = new Parameter("weight", w);
        this.bias = b == null ? null : new Parameter("bias", b);
    }

    /**
     * Starts a freshly initialised layer like d2l's LeNet ({@code init_cnn}): weight Xavier-uniform, then bias with
     * PyTorch's default {@code nn.Linear} init U(-1/sqrt(in), 1/sqrt(in)), both drawn in that order from
     * {@code new Random(seed)} (seed 0 unless {@link Builder#seed} says otherwise) or from {@link Builder#random}.
     *
     * @throws IllegalArgumentException if a size is below 1
     */
    public static Builder of(int in, int out) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive in and out but got in=" + in + ", out=" + out);
        }
        return new Builder(in, out);
    }

    /** A layer around the weight {@code w (out, in)} and the bias {@code b (out)} (not copied: the parameters wrap them). */
    public static Linear fromWeights(Tensor w, Tensor b) {
        if (b == null) throw new IllegalArgumentException("b must not be null: Linear.fromWeights(w) makes a layer without bias");
        return new Linear(w, b);
    }

    /** A layer around the weight {@code w (out, in)} (not copied), without bias. */
    public static Linear fromWeights(Tensor w) {
        return new Linear(w, null);
    }

    /** The settings of a {@link Linear}: where its random numbers come from, and whether it has a bias. */
    public static final class Builder {
        private final int in, out;
        private long seed;
        private Random rng;
        private boolean withBias = true;

        private Builder(int in, int out) {
            this.in = in;
            this.out = out;
        }

        /** Draw the initial values from {@code new Random(seed)} (default seed 0). */
        public Builder seed(long seed) {
            if (rng != null) throw new IllegalArgumentException("seed cannot be set together with random(rng)");
            this.seed = seed;
            return this;
        }

        /** Draw the initial values from {@code rng}, advancing it (to initialise several layers from one stream). */
        public Builder random(Random rng) {
            if (rng == null) throw new IllegalArgumentException("random needs a java.util.Random but got null");
            this.rng = rng;
            return this;
        }

        /** Whether the layer adds a bias (default true, PyTorch's {@code bias=True}). */
        public Builder bias(boolean on) {
            this.withBias = on;
            return this;
        }

        /** No bias: {@code bias(false)}. */
        public Builder noBias() {
            return bias(false);
        }

        /** The layer. */
        public Linear build() {
            Random r = rng != null ? rng : new Random(seed);
            Tensor w = Init.xavierUniform(r, out, in);
            return new Linear(w, withBias ? Init.uniformBias(r, out, in) : null);
        }
    }

    /**
     * This layer in {@code dtype} (see {@link Layer#to}): itself if its weights already have that type, else a new
     * layer around converted copies of the weight and bias.
     */
    @Override
    public Linear to(Tensor.DType dtype) {
        if (weight.value().dtype() == dtype) return this;
        return new Linear(weight.value().to(dtype), bias == null ? null : bias.value().to(dtype));
    }

    /** Shares this layer's weight and bias tensors; own gradients and cache (see {@link Layer#replica()}). */
    @Override
    public Linear replica() {
        return new Linear(weight.value(), bias == null ? null : bias.value());
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, or null when the layer has no bias. */
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
        Dtypes.require("Linear", "x", x, weight.value().dtype());
        this.x = x;
        int n = x.dim(0);
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] y = scratch.outF(n * out);
            if (bias != null) {
                float[] b = bias.value().floatData();
                for (int s = 0; s < n; s++) System.arraycopy(b, 0, y, s * out, out);
            }
            Gemm.gemm(false, true, n, out, in, x.floatData(), 0, in, weight.value().floatData(), 0, in, y, 0, out, bias != null);
            return Tensor.wrap(y, n, out);
        }
        double[] y = scratch.out(n * out);
        if (bias != null) {
            double[] b = bias.value().data();
            for (int s = 0; s < n; s++) System.arraycopy(b, 0, y, s * out, out);
        }
        Gemm.gemm(false, true, n, out, in, x.data(), 0, in, weight.value().data(), 0, in, y, 0, out, bias != null);
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
        Dtypes.sameAsForward("Linear", dy, x.dtype());
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] g = dy.floatData(), w = weight.value().floatData();
            Gemm.gemm(true, false, out, in, n, g, 0, out, x.floatData(), 0, in, weight.grad().floatData(), 0, in, true);
            if (bias != null) {
                float[] db = bias.grad().floatData();
                for (int s = 0; s < n; s++) {
                    for (int o = 0; o < out; o++) db[o] += g[s * out + o];
                }
            }
            float[] dx = scratch.dxF(n * in);
            Gemm.gemm(false, false, n, in, out, g, 0, out, w, 0, in, dx, 0, in, false);
            return Tensor.wrap(dx, n, in);
        }
        double[] g = dy.data(), w = weight.value().data();
        Gemm.gemm(true, false, out, in, n, g, 0, out, x.data(), 0, in, weight.grad().data(), 0, in, true);
        if (bias != null) {
            double[] db = bias.grad().data();
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < out; o++) db[o] += g[s * out + o];
            }
        }
        double[] dx = scratch.dx(n * in);
        Gemm.gemm(false, false, n, in, out, g, 0, out, w, 0, in, dx, 0, in, false);
        return Tensor.wrap(dx, n, in);
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    /** Reuses its output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        scratch.reuse();
    }

    @Override
    public String toString() {
        return "Linear(in=" + in + ", out=" + out + (bias == null ? ", no bias" : "") + ")";
    }
}
