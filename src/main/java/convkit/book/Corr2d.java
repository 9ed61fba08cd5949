package convkit.book;

import convkit.Tensor;

import java.util.Arrays;

/**
 * Cross-correlation written the way d2l section 7.2-7.4 writes it: plain loops, a few lines each. These are the
 * teaching versions; {@code Ops.conv2d} is the fast, batched path ({@code convkit.ops.Convolution}, built on im2col).
 *
 * <p>Shapes: a single-channel image is (h, w), a multi-channel one (c, h, w); kernels are (kh, kw),
 * (c, kh, kw) or (c_out, c, kh, kw). No padding, stride 1: the output of an (h, w) image and a (kh, kw) kernel is
 * (h - kh + 1, w - kw + 1). No argument is modified.
 */
public final class Corr2d {
    private Corr2d() {
    }

    /**
     * 2-D cross-correlation {@code Y[i, j] = sum_ab X[i + a, j + b] * K[a, b]} (d2l 7.2.1).
     * corr2d([[0,1,2],[3,4,5],[6,7,8]], [[0,1],[2,3]]) = [[19, 25], [37, 43]].
     *
     * @param x input (h, w)
     * @param k kernel (kh, kw) with kh <= h and kw <= w
     * @return (h - kh + 1, w - kw + 1)
     */
    public static Tensor corr2d(Tensor x, Tensor k) {
        Tensor.requireRank("X", x, 2, "(h, w)");
        Tensor.requireRank("K", k, 2, "(kh, kw)");
        int h = k.dim(0);
        int w = k.dim(1);
        requireFits(x, k, x.dim(0), x.dim(1), h, w);
        Tensor y = Tensor.zeros(x.dim(0) - h + 1, x.dim(1) - w + 1);
        for (int i = 0; i < y.dim(0); i++) {
            for (int j = 0; j < y.dim(1); j++) {
                double s = 0;
                for (int a = 0; a < h; a++) {
                    for (int b = 0; b < w; b++) s += x.get(i + a, j + b) * k.get(a, b);
                }
                y.set(s, i, j);
            }
        }
        return y;
    }

    /**
     * Strict convolution: the kernel flipped both ways, then cross-correlated (d2l 7.2.4).
     *
     * @param x input (h, w)
     * @param k kernel (kh, kw)
     * @return (h - kh + 1, w - kw + 1)
     */
    public static Tensor convolve2d(Tensor x, Tensor k) {
        return corr2d(x, flip(k));
    }

    /** The kernel rotated by 180 degrees: {@code flip(K)[a, b] = K[kh-1-a, kw-1-b]}. @param k (kh, kw) */
    public static Tensor flip(Tensor k) {
        Tensor.requireRank("K", k, 2, "(kh, kw)");
        int h = k.dim(0);
        int w = k.dim(1);
        Tensor f = Tensor.zeros(h, w);
        for (int a = 0; a < h; a++) {
            for (int b = 0; b < w; b++) f.set(k.get(h - 1 - a, w - 1 - b), a, b);
        }
        return f;
    }

    /**
     * Multiple input channels: cross-correlate each channel with its kernel slice and sum (d2l 7.4.1).
     *
     * @param x input (c, h, w)
     * @param k kernel (c, kh, kw)
     * @return (h - kh + 1, w - kw + 1)
     */
    public static Tensor corr2dMultiIn(Tensor x, Tensor k) {
        Tensor.requireRank("X", x, 3, "(c, h, w)");
        Tensor.requireRank("K", k, 3, "(c, kh, kw)");
        if (x.dim(0) != k.dim(0)) {
            throw new IllegalArgumentException("channel mismatch: X has " + x.dim(0) + " channels (shape "
                    + Arrays.toString(x.shape()) + ") but K has " + k.dim(0) + " (shape " + Arrays.toString(k.shape()) + ")");
        }
        requireFits(x, k, x.dim(1), x.dim(2), k.dim(1), k.dim(2));
        Tensor sum = corr2d(x.at(0), k.at(0));
        for (int c = 1; c < x.dim(0); c++) sum = sum.add(corr2d(x.at(c), k.at(c)));
        return sum;
    }

    /**
     * Multiple output channels: one multi-input cross-correlation per output kernel, stacked (d2l 7.4.2).
     *
     * @param x input (c, h, w)
     * @param k kernels (c_out, c, kh, kw)
     * @return (c_out, h - kh + 1, w - kw + 1)
     */
    public static Tensor corr2dMultiInOut(Tensor x, Tensor k) {
        Tensor.requireRank("X", x, 3, "(c, h, w)");
        Tensor.requireRank("K", k, 4, "(c_out, c, kh, kw)");
        if (k.dim(0) == 0) throw new IllegalArgumentException("K " + Arrays.toString(k.shape()) + " has no output channel");
        Tensor[] outs = new Tensor[k.dim(0)];
        for (int o = 0; o < outs.length; o++) outs[o] = corr2dMultiIn(x, k.at(o));
        return Tensor.stack(outs);
    }

    /**
     * A 1x1 convolution is a fully connected layer applied at every pixel: {@code K.reshape(c_out, c) @ X.reshape(c, h*w)}
     * (d2l 7.4.3).
     *
     * <p>Against {@link #corr2dMultiInOut} (d2l's exercise 7.4.4, "are Y1 and Y2 exactly the same?"): both add the
     * products {@code k[o][c] * x[c][p]} in channel order, so with the plain loops they are bitwise equal; with the
     * vector loops ({@link convkit.compute.Simd#enabled()}, the default in the kernel and in tests) the matrix product
     * uses fused multiply-add, which rounds once per step instead of twice, so they differ in the last bits (within
     * 1e-12 relative). convkit says so rather than d2l's "the same up to rounding, different order": the order is the
     * same here, the rounding is not (OneByOneEqualityTest checks both settings).
     *
     * @param x input (c, h, w)
     * @param k kernels (c_out, c, 1, 1)
     * @return (c_out, h, w)
     */
    public static Tensor corr2dMultiInOut1x1(Tensor x, Tensor k) {
        Tensor.requireRank("X", x, 3, "(c, h, w)");
        Tensor.requireRank("K", k, 4, "(c_out, c, 1, 1)");
        int c = x.dim(0);
        int h = x.dim(1);
        int w = x.dim(2);
        if (k.dim(2) != 1 || k.dim(3) != 1) {
            throw new IllegalArgumentException("K must be (c_out, c, 1, 1) for a 1x1 convolution but has shape "
                    + Arrays.toString(k.shape()));
        }
        if (k.dim(1) != c) {
            throw new IllegalArgumentException("channel mismatch: X has " + c + " channels (shape "
                    + Arrays.toString(x.shape()) + ") but K expects " + k.dim(1) + " (shape " + Arrays.toString(k.shape()) + ")");
        }
        int co = k.dim(0);
        return k.reshape(co, c).matmul(x.reshape(c, h * w)).reshape(co, h, w);
    }

    /**
     * The 1x1 convolution written out as the two ways a matrix product can round (exercise 7.4.4): for every output
     * channel o and pixel p, {@code sum = 0; for c in 0..c_i-1: sum = sum + k[o][c] * x[c][p]} with the product rounded
     * before the addition ({@code fused == false}, what {@link #corr2dMultiInOut} and the plain loops do), or
     * {@code sum = Math.fma(k[o][c], x[c][p], sum)}, rounded once per step ({@code fused == true}, what the vector loops
     * do).
     *
     * @param x input (c, h, w); not modified
     * @param k kernels (c_out, c, 1, 1); not modified
     * @return a new (c_out, h, w)
     */
    public static Tensor oneByOneInChannelOrder(Tensor x, Tensor k, boolean fused) {
        Tensor.requireRank("X", x, 3, "(c, h, w)");
        Tensor.requireRank("K", k, 4, "(c_out, c, 1, 1)");
        int c = x.dim(0), hw = x.dim(1) * x.dim(2), co = k.dim(0);
        if (k.dim(1) != c || k.dim(2) != 1 || k.dim(3) != 1) {
            throw new IllegalArgumentException("K must be (c_out, " + c + ", 1, 1) for X of shape " + Arrays.toString(x.shape())
                    + " but has shape " + Arrays.toString(k.shape()));
        }
        double[] xd = x.data(), kd = k.data(), out = new double[co * hw];
        for (int o = 0; o < co; o++) {
            for (int p = 0; p < hw; p++) {
                double sum = 0;
                for (int ch = 0; ch < c; ch++) {
                    double a = kd[o * c + ch], b = xd[ch * hw + p];
                    sum = fused ? Math.fma(a, b, sum) : sum + a * b;
                }
                out[o * hw + p] = sum;
            }
        }
        return Tensor.wrap(out, co, x.dim(1), x.dim(2));
    }

    private static void requireFits(Tensor x, Tensor k, int h, int w, int kh, int kw) {
        if (kh > h || kw > w || kh == 0 || kw == 0) {
            throw new IllegalArgumentException("kernel K of shape " + Arrays.toString(k.shape())
                    + " does not fit in input X of shape " + Arrays.toString(x.shape()) + " (window " + kh + "x" + kw
                    + " vs image " + h + "x" + w + ")");
        }
    }
}
