package convkit.ops;

import convkit.Tensor;

import java.util.Arrays;

/**
 * Every argument and shape check of the batched operations and of the layers built on them, in one place, so that
 * the same mistake gets the same message whichever entry point it came through. Each check throws an
 * {@link IllegalArgumentException} that names the argument, the value and the shapes involved. (The rank check
 * itself is {@link Tensor#requireRank}, shared with the book's loops.)
 */
public final class Checks {
    private Checks() {
    }

    /**
     * Expands a stride / dilation / kernel argument of length 1 (both axes) or 2 ({h, w}) to {h, w}; null gives
     * {@code dflt} on both axes ({@code dflt <= 0} means null is not allowed). Each value must be >= {@code min}.
     */
    public static int[] pair(String name, int[] v, int dflt, int min) {
        if (v == null) {
            if (dflt <= 0) throw new IllegalArgumentException(name + " must not be null");
            return new int[] {dflt, dflt};
        }
        if (v.length != 1 && v.length != 2) {
            throw new IllegalArgumentException(name + " must have length 1 (both axes) or 2 ({h, w}) but was "
                    + Arrays.toString(v));
        }
        int[] r = v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
        if (r[0] < min || r[1] < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + " on each axis but was " + Arrays.toString(v));
        }
        return r;
    }

    /**
     * Expands a padding argument of length 1 (all sides), 2 ({h, w}, each applied to both sides of its axis) or
     * 4 ({top, bottom, left, right}) to {top, bottom, left, right}; null means no padding. Negative values are
     * rejected.
     */
    public static int[] pad4(String name, int[] v) {
        if (v == null) return new int[4];
        int[] r;
        switch (v.length) {
            case 1 -> r = new int[] {v[0], v[0], v[0], v[0]};
            case 2 -> r = new int[] {v[0], v[0], v[1], v[1]};
            case 4 -> r = v.clone();
            default -> throw new IllegalArgumentException(name + " must have length 1, 2 ({h, w}) or 4 "
                    + "({top, bottom, left, right}) but was " + Arrays.toString(v));
        }
        for (int p : r) {
            if (p < 0) throw new IllegalArgumentException(name + " must not be negative but was " + Arrays.toString(v));
        }
        return r;
    }

    /**
     * Pooling padding ({top, bottom, left, right} = {@code pd}, as given: {@code padding}) may be at most
     * {@code kernel - 1} on each side, otherwise a window could lie entirely in the padding.
     */
    public static void poolPadding(int[] padding, int[] pd, int[] k) {
        if (pd[0] > k[0] - 1 || pd[1] > k[0] - 1 || pd[2] > k[1] - 1 || pd[3] > k[1] - 1) {
            throw new IllegalArgumentException("padding " + Arrays.toString(padding) + " (top, bottom, left, right = "
                    + Arrays.toString(pd) + ") must be at most kernel - 1 on each side (kernel " + k[0] + "x" + k[1]
                    + " allows " + (k[0] - 1) + " on top/bottom and " + (k[1] - 1)
                    + " on left/right); otherwise a window could lie entirely in the padding");
        }
    }

    /** A non-empty image, a window of at least 1x1, and a window (with its dilation) that fits in the padded input. */
    static void windowFits(int h, int w, int kh, int kw, int pt, int pb, int pl, int pr, int dh, int dw,
                           String inputDescription) {
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("input must have height and width >= 1 but " + inputDescription
                    + " has an empty image (" + h + "x" + w + ")");
        }
        if (kh < 1 || kw < 1) {
            throw new IllegalArgumentException("kernel must be >= 1 on each axis but was " + kh + "x" + kw);
        }
        long effH = (long) dh * (kh - 1) + 1, effW = (long) dw * (kw - 1) + 1;
        long padH = (long) h + pt + pb, padW = (long) w + pl + pr;
        if (effH > padH || effW > padW) {
            throw new IllegalArgumentException("kernel " + kh + "x" + kw
                    + (dh != 1 || dw != 1 ? " (dilation " + dh + "x" + dw + " spans " + effH + "x" + effW + ")" : "")
                    + " is larger than the padded input " + padH + "x" + padW + " (" + inputDescription
                    + ", padding {top, bottom, left, right} = [" + pt + ", " + pb + ", " + pl + ", " + pr + "])");
        }
    }

    /**
     * The tensors of a convolution: x {@code (N, C, H, W)}, w {@code (F, C/groups, kh, kw)}, b {@code (F)} or null,
     * and {@code groups >= 1} dividing C and F.
     */
    public static void convolution(Tensor x, Tensor w, Tensor b, int groups) {
        Tensor.requireRank("x", x, 4, "(N, C, H, W)");
        Tensor.requireRank("w", w, 4, "(F, C/groups, kh, kw)");
        requireGroups(groups);
        int[] xs = x.shape(), ws = w.shape();
        int c = xs[1];
        if (c % groups != 0) {
            throw new IllegalArgumentException("groups = " + groups + " does not divide the input channels C_in = " + c
                    + " (x shape " + Arrays.toString(xs) + ")");
        }
        requireOutputGroups(w, groups);
        if (ws[1] * groups != c) {
            throw new IllegalArgumentException("channel mismatch: x has C_in = " + c + " channels (shape "
                    + Arrays.toString(xs) + ") but w shape " + Arrays.toString(ws) + " with groups = " + groups
                    + " expects C_in = w.shape[1] * groups = " + (ws[1] * groups));
        }
        requireBias(w, b);
    }

    /** The parameters of a convolution layer: w {@code (F, C/groups, kh, kw)}, b {@code (F)} or null, groups dividing F. */
    public static void convWeights(Tensor w, Tensor b, int groups) {
        Tensor.requireRank("w", w, 4, "(F, C/groups, kh, kw)");
        requireGroups(groups);
        requireOutputGroups(w, groups);
        requireBias(w, b);
    }

    private static void requireGroups(int groups) {
        if (groups < 1) throw new IllegalArgumentException("groups must be >= 1 but was " + groups);
    }

    private static void requireOutputGroups(Tensor w, int groups) {
        if (w.dim(0) % groups != 0) {
            throw new IllegalArgumentException("groups = " + groups + " does not divide the output channels F = "
                    + w.dim(0) + " (w shape " + Arrays.toString(w.shape()) + ")");
        }
    }

    private static void requireBias(Tensor w, Tensor b) {
        if (b != null && (b.rank() != 1 || b.dim(0) != w.dim(0))) {
            throw new IllegalArgumentException("bias b must have shape [" + w.dim(0) + "] (one per output channel of w shape "
                    + Arrays.toString(w.shape()) + ") but has shape " + Arrays.toString(b.shape()));
        }
    }

    /**
     * dL/dy of an operation with geometry {@code g} and {@code channels} output channels must have the output shape
     * {@code (g.n, channels, g.outH, g.outW)}; {@code layout} names the axes, e.g. {@code "(N, F, outH, outW)"}.
     */
    public static void outputGradient(Tensor dy, WindowGeometry g, int channels, String layout) {
        Tensor.requireRank("dy", dy, 4, layout);
        int[] want = {g.n, channels, g.outH, g.outW};
        if (!Arrays.equals(dy.shape(), want)) {
            throw new IllegalArgumentException("dy must have the output shape " + Arrays.toString(want) + " but has shape "
                    + Arrays.toString(dy.shape()));
        }
    }

    /** A result of {@code rows x cols} elements must fit in one Java array. */
    public static void arraySize(long rows, long cols) {
        if (rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("result of " + rows + " x " + cols + " elements is too large for one array");
        }
    }
}
