package convkit.nn;

import convkit.ops.Convolution;
import convkit.ops.Checks;
import convkit.ops.WindowGeometry;
import convkit.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A convolution layer (DLFS {@code Convolution}, PyTorch {@code nn.Conv2d}): {@code y = conv2d(x, W) + b} on NCHW
 * batches, with stride, per-side padding, dilation and groups; see {@link Convolution} for shapes.
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
    private final Scratch outBuf = new Scratch(), dxBuf = new Scratch();

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
     * A layer with the given weight {@code (F, C/groups, kh, kw)} and bias {@code (F)} or null (not copied: the
     * parameters wrap these tensors). {@code stride, dilation}: {s} or {sh, sw}, null = 1; {@code padding}: {p},
     * {ph, pw} or {top, bottom, left, right}, null = 0.
     */
    /** Shares this layer's weight and bias tensors; own gradients and cache (see {@link Layer#replica()}). */
    @Override
    public Conv2D replica() {
        return new Conv2D(weight.value(), bias == null ? null : bias.value(), stride, padding, dilation, groups)
                .inputGradient(inputGradient);
    }

    public static Conv2D fromWeights(Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        return new Conv2D(w, b, stride, padding, dilation, groups);
    }

    /**
     * A freshly initialised layer like PyTorch's {@code nn.Conv2d}: weight and bias uniform in
     * {@code [-1/sqrt(fanIn), 1/sqrt(fanIn))} with {@code fanIn = inChannels/groups * kh * kw}, drawn from
     * {@code new java.util.Random(seed)} (weight first, then bias).
     */
    public Conv2D(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean withBias, long seed) {
        this(init(inChannels, outChannels, kernel, groups, seed, withBias), stride, padding, dilation, groups);
    }

    /** Seeded layer with stride 1, no padding, dilation 1, one group and a bias. */
    public Conv2D(int inChannels, int outChannels, int kernel, long seed) {
        this(inChannels, outChannels, new int[] {kernel}, null, null, null, 1, true, seed);
    }

    private Conv2D(Tensor[] wb, int[] stride, int[] padding, int[] dilation, int groups) {
        this(wb[0], wb[1], stride, padding, dilation, groups);
    }

    private static Tensor[] init(int inC, int outC, int[] kernel, int groups, long seed, boolean withBias) {
        int[] k = Checks.pair("kernel", kernel, 0, 1);
        if (inC < 1 || outC < 1) {
            throw new IllegalArgumentException("inChannels and outChannels must be >= 1 but were " + inC + ", " + outC);
        }
        if (groups < 1 || inC % groups != 0 || outC % groups != 0) {
            throw new IllegalArgumentException("groups = " + groups + " must be >= 1 and divide inChannels = " + inC
                    + " and outChannels = " + outC);
        }
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
        double[] y = outBuf.get(g.n * f * g.outPlane());
        Convolution.forward(x.data(), weight.value().data(), b == null ? null : b.data(), g, f, groups, y);
        this.x = x;
        this.geometry = g;
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
        double[] dx = inputGradient ? dxBuf.get(x.size()) : null;   // Convolution.backward zeroes it
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

    /** Reuses the output and dL/dx arrays from call to call (see {@link Layer#reuseArrays()}). */
    @Override
    public void reuseArrays() {
        outBuf.reuse();
        dxBuf.reuse();
    }

    @Override
    public String toString() {
        int[] s = weight.value().shape();
        return "Conv2D(" + s[1] * groups + " -> " + s[0] + ", kernel " + s[2] + "x" + s[3] + ", stride "
                + Arrays.toString(stride) + ", padding " + Arrays.toString(padding) + ", dilation "
                + Arrays.toString(dilation) + ", groups " + groups + (bias == null ? ", no bias" : "") + ")";
    }
}
