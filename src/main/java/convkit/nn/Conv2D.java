package convkit.nn;

import convkit.Tensor;
import convkit.ops.Checks;
import convkit.ops.Convolution;
import convkit.ops.WindowGeometry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A convolution layer (DLFS {@code Convolution}, PyTorch {@code nn.Conv2d}): {@code y = conv2d(x, W) + b} on NCHW
 * batches, with stride, per-side padding, dilation and groups; see {@link Convolution} for shapes.
 *
 * <p>Built with named settings, the way d2l writes {@code nn.Conv2d(1, 1, kernel_size=(1, 2), bias=False)}:
 * <pre>{@code
 * Conv2D conv = Conv2D.of(1, 1).kernel(1, 2).noBias().seed(42).build();       // fresh weights, drawn from seed 42
 * Conv2D same = Conv2D.of(3, 8).kernel(3).padding(1).build();                 // 3x3, one pixel of zeros per side
 * Conv2D given = Conv2D.fromWeights(w, b).stride(2).build();                   // around the tensors w and b
 * }</pre>
 * Each setting is checked when it is given ({@link IllegalArgumentException} naming the setting and the value);
 * {@link Builder#build()} checks how they go together (kernel given, groups dividing the channels).
 *
 * <p>{@link #forward} caches its input; {@link #backward} returns dL/dx and ADDS dL/dW and dL/db into
 * {@code weight().grad()} and {@code bias().grad()}.
 */
public final class Conv2D implements Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final int[] stride, padding, dilation;
    private final int groups;
    private Tensor x;
    private WindowGeometry geometry;
    private boolean inputGradient = true;
    private final Scratch scratch = new Scratch();

    private Conv2D(Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        Checks.convWeights(w, b, groups);
        this.stride = Checks.pair("stride", stride, 1, 1);
        this.padding = Checks.pad4("padding", padding);
        this.dilation = Checks.pair("dilation", dilation, 1, 1);
        this.groups = groups;
        this.weight = new Parameter("weight", w);
        this.bias = b == null ? null : new Parameter("bias", b);
    }

    /**
     * Starts a freshly initialised layer like PyTorch's {@code nn.Conv2d(inChannels, outChannels, ...)}: set at least
     * the {@link Builder#kernel kernel}, then {@link Builder#build()}. Weight and bias are drawn uniformly from
     * {@code [-1/sqrt(fanIn), 1/sqrt(fanIn))} with {@code fanIn = inChannels/groups * kh * kw}, from
     * {@code new java.util.Random(seed)} (weight first, then bias; seed 0 unless {@link Builder#seed} says otherwise).
     *
     * @throws IllegalArgumentException if a channel count is below 1
     */
    public static Builder of(int inChannels, int outChannels) {
        if (inChannels < 1) throw new IllegalArgumentException("Conv2D inChannels must be >= 1 but was " + inChannels);
        if (outChannels < 1) throw new IllegalArgumentException("Conv2D outChannels must be >= 1 but was " + outChannels);
        return new Builder(inChannels, outChannels, null, null);
    }

    /**
     * Starts a layer around the weight {@code w (F, C/groups, kh, kw)}, without bias (not copied: the parameter wraps
     * the tensor). Kernel size and channels come from {@code w}; stride, padding, dilation and groups are settings.
     */
    public static Builder fromWeights(Tensor w) {
        Tensor.requireRank("w", w, 4, "(F, C/groups, kh, kw)");
        return new Builder(0, 0, w, null);
    }

    /** Like {@link #fromWeights(Tensor)} with the bias {@code b (F)} (not copied). */
    public static Builder fromWeights(Tensor w, Tensor b) {
        Tensor.requireRank("w", w, 4, "(F, C/groups, kh, kw)");
        if (b == null) throw new IllegalArgumentException("b must not be null: Conv2D.fromWeights(w) makes a layer without bias");
        return new Builder(0, 0, w, b);
    }

    /**
     * The settings of a {@link Conv2D}, each with PyTorch's default: stride 1, padding 0, dilation 1, groups 1, with
     * bias, seed 0. Sizes are given per axis ({@code kernel(kh, kw)}) or once for both ({@code kernel(k)}).
     */
    public static final class Builder {
        private final int inChannels, outChannels;
        private final Tensor w, b;
        private int[] kernel;
        private int[] stride = {1, 1}, padding = {0, 0, 0, 0}, dilation = {1, 1};
        private int groups = 1;
        private boolean withBias = true;
        private long seed;
        private boolean inputGradient = true;

        private Builder(int inChannels, int outChannels, Tensor w, Tensor b) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.w = w;
            this.b = b;
        }

        /** The window: {@code kernel(k)} is k x k, {@code kernel(kh, kw)} is kh x kw; each at least 1. */
        public Builder kernel(int... size) {
            fresh("kernel");
            this.kernel = Checks.pair("kernel", size, 0, 1);
            return this;
        }

        /** The step between windows: {@code stride(s)} on both axes or {@code stride(sh, sw)}; each at least 1. */
        public Builder stride(int... s) {
            this.stride = Checks.pair("stride", s, 0, 1);
            return this;
        }

        /**
         * Zero padding: {@code padding(p)} on every side, {@code padding(ph, pw)} on both sides of each axis, or
         * {@code padding(top, bottom, left, right)}; each at least 0 (see {@code convkit.book.SamePadding} for
         * "same"). Per side, like PyTorch's {@code padding=}: d2l's text writes p_h for the total number of padded
         * rows (output n_h - k_h + p_h + 1), convkit's p_h is added above and below (output n_h - k_h + 2 p_h + 1),
         * because every layer takes it that way.
         */
        public Builder padding(int... p) {
            if (p == null || p.length == 0) {
                throw new IllegalArgumentException("padding needs 1, 2 ({ph, pw}) or 4 ({top, bottom, left, right}) values but got none");
            }
            this.padding = Checks.pad4("padding", p);
            return this;
        }

        /** The spacing of the kernel's taps: {@code dilation(d)} or {@code dilation(dh, dw)}; each at least 1. */
        public Builder dilation(int... d) {
            this.dilation = Checks.pair("dilation", d, 0, 1);
            return this;
        }

        /** Channel groups: input and output channels are split into {@code g} groups (g = C = F: depthwise). */
        public Builder groups(int g) {
            if (g < 1) throw new IllegalArgumentException("groups must be >= 1 but was " + g);
            this.groups = g;
            return this;
        }

        /** Whether the layer adds a bias per output channel (default true, PyTorch's {@code bias=True}). */
        public Builder bias(boolean on) {
            fresh("bias");
            this.withBias = on;
            return this;
        }

        /** No bias: {@code bias(false)}. */
        public Builder noBias() {
            return bias(false);
        }

        /** The seed of the {@code java.util.Random} that draws weight and bias (default 0). */
        public Builder seed(long seed) {
            fresh("seed");
            this.seed = seed;
            return this;
        }

        /** Whether backward computes dL/dx (default true); see {@link Conv2D#inputGradient(boolean)}. */
        public Builder inputGradient(boolean on) {
            this.inputGradient = on;
            return this;
        }

        /**
         * The layer.
         *
         * @throws IllegalArgumentException if no kernel was given, or groups does not divide the channels
         */
        public Conv2D build() {
            Conv2D layer;
            if (w != null) {
                layer = new Conv2D(w, b, stride, padding, dilation, groups);
            } else {
                if (kernel == null) {
                    throw new IllegalArgumentException("Conv2D.of(" + inChannels + ", " + outChannels
                            + ") needs a kernel size: add .kernel(k) or .kernel(kh, kw)");
                }
                if (inChannels % groups != 0 || outChannels % groups != 0) {
                    throw new IllegalArgumentException("groups = " + groups + " must divide inChannels = " + inChannels
                            + " and outChannels = " + outChannels);
                }
                Tensor[] wb = init(inChannels, outChannels, kernel, groups, seed, withBias);
                layer = new Conv2D(wb[0], wb[1], stride, padding, dilation, groups);
            }
            return layer.inputGradient(inputGradient);
        }

        private void fresh(String setting) {
            if (w != null) {
                throw new IllegalArgumentException(setting + " cannot be set on Conv2D.fromWeights: it comes from the weights "
                        + Arrays.toString(w.shape()) + (b == null ? "" : " and the bias"));
            }
        }
    }

    /**
     * This layer in {@code dtype} (see {@link Layer#to}): itself if its weights already have that type, else a new
     * layer with the same settings around converted copies of the weight and bias.
     */
    @Override
    public Conv2D to(Tensor.DType dtype) {
        if (weight.value().dtype() == dtype) return this;
        return new Conv2D(weight.value().to(dtype), bias == null ? null : bias.value().to(dtype), stride, padding,
                dilation, groups).inputGradient(inputGradient);
    }

    /** Shares this layer's weight and bias tensors; own gradients and cache (see {@link Layer#replica()}). */
    @Override
    public Conv2D replica() {
        return new Conv2D(weight.value(), bias == null ? null : bias.value(), stride, padding, dilation, groups)
                .inputGradient(inputGradient);
    }

    private static Tensor[] init(int inC, int outC, int[] k, int groups, long seed, boolean withBias) {
        int fanIn = inC / groups * k[0] * k[1];
        double bound = 1.0 / Math.sqrt(fanIn);
        Random rnd = new Random(seed);
        double[] w = new double[outC * fanIn];
        for (int i = 0; i < w.length; i++) w[i] = (2 * rnd.nextDouble() - 1) * bound;
        Tensor b = null;
        if (withBias) {
            double[] bd = new double[outC];
            for (int i = 0; i < outC; i++) bd[i] = (2 * rnd.nextDouble() - 1) * bound;
            b = Tensor.wrap(bd, outC);
        }
        return new Tensor[] {Tensor.wrap(w, outC, inC / groups, k[0], k[1]), b};
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias parameter, or null when the layer has no bias. */
    public Parameter bias() {
        return bias;
    }

    /** @param x input {@code (N, C, H, W)}, not modified (kept for backward) @return {@code (N, F, outH, outW)} */
    @Override
    public Tensor forward(Tensor x) {
        Tensor b = bias == null ? null : bias.value();
        WindowGeometry g = WindowGeometry.conv(x, weight.value(), b, stride, padding, dilation, groups);
        int f = weight.value().dim(0);
        Dtypes.require("Conv2D", "x", x, weight.value().dtype());
        this.x = x;
        this.geometry = g;
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] y = scratch.outF(g.n * f * g.outPlane());
            Convolution.forward(x.floatData(), weight.value().floatData(), b == null ? null : b.floatData(), g, f, groups, y);
            return Tensor.wrap(y, g.n, f, g.outH, g.outW);
        }
        double[] y = scratch.out(g.n * f * g.outPlane());
        Convolution.forward(x.data(), weight.value().data(), b == null ? null : b.data(), g, f, groups, y);
        return Tensor.wrap(y, g.n, f, g.outH, g.outW);
    }

    /**
     * @param dy {@code (N, F, outH, outW)}
     * @return dL/dx {@code (N, C, H, W)}, or null when {@link #inputGradient(boolean) inputGradient(false)}; adds
     *         into the parameters' grads
     */
    @Override
    public Tensor backward(Tensor dy) {
        if (x == null) throw new IllegalStateException("Conv2D.backward called before forward");
        int f = weight.value().dim(0);
        Checks.outputGradient(dy, geometry, f, "(N, F, outH, outW)");
        Dtypes.sameAsForward("Conv2D", dy, x.dtype());
        if (x.dtype() == Tensor.DType.FLOAT32) {
            float[] dx = inputGradient ? scratch.dxF(x.size()) : null;
            Convolution.backward(x.floatData(), weight.value().floatData(), dy.floatData(), geometry, f, groups, dx,
                    weight.grad().floatData(), bias == null ? null : bias.grad().floatData());
            return dx == null ? null : Tensor.wrap(dx, x.shape());
        }
        double[] dx = inputGradient ? scratch.dx(x.size()) : null;   // Convolution.backward zeroes it
        Convolution.backward(x.data(), weight.value().data(), dy.data(), geometry, f, groups, dx,
                weight.grad().data(), bias == null ? null : bias.grad().data());
        return dx == null ? null : Tensor.wrap(dx, x.shape());
    }

    /**
     * Whether {@link #backward} computes dL/dx (default true). The first layer of a network sees the data, whose
     * gradient nobody uses: switching it off skips {@code W^T . dY} and col2im (PyTorch skips them too when the input
     * does not require grad), and backward then returns null. The parameter gradients are unchanged.
     *
     * @return this layer
     */
    public Conv2D inputGradient(boolean on) {
        this.inputGradient = on;
        return this;
    }

    /** Whether {@link #backward} computes dL/dx. */
    public boolean inputGradient() {
        return inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> ps = new ArrayList<>(2);
        ps.add(weight);
        if (bias != null) ps.add(bias);
        return List.copyOf(ps);
    }

    /** Reuses its output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        scratch.reuse();
    }

    @Override
    public String toString() {
        int[] s = weight.value().shape();
        return "Conv2D(" + s[1] * groups + " -> " + s[0] + ", kernel " + s[2] + "x" + s[3] + ", stride "
                + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + ", dilation "
                + Arrays.toString(dilation) + ", groups " + groups + (bias == null ? ", no bias" : "") + ")";
    }
}
