package convkit;

import java.util.Arrays;

/**
 * The sliding-window geometry shared by im2col, convolution and pooling, with argument checking.
 *
 * <p>Input is one NCHW batch {@code (n, c, h, w)}; the window is {@code kh x kw} with per-axis stride
 * {@code sh, sw}, dilation {@code dh, dw} and per-side padding {@code pt, pb, pl, pr} (top, bottom, left,
 * right). Output size per axis is {@code floor((n + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1}.
 */
final class ConvGeometry {
    final int n, c, h, w;
    final int kh, kw;
    final int sh, sw;
    final int pt, pb, pl, pr;
    final int dh, dw;
    final int outH, outW;

    ConvGeometry(int n, int c, int h, int w, int kh, int kw, int sh, int sw,
                 int pt, int pb, int pl, int pr, int dh, int dw, String inputDescription) {
        this.n = n;
        this.c = c;
        this.h = h;
        this.w = w;
        this.kh = kh;
        this.kw = kw;
        this.sh = sh;
        this.sw = sw;
        this.pt = pt;
        this.pb = pb;
        this.pl = pl;
        this.pr = pr;
        this.dh = dh;
        this.dw = dw;
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
        this.outH = (int) ((padH - effH) / sh + 1);
        this.outW = (int) ((padW - effW) / sw + 1);
    }

    /** Input spatial size h*w. */
    int inPlane() {
        return h * w;
    }

    /** Output spatial size outH*outW. */
    int outPlane() {
        return outH * outW;
    }

    /** True when the window is 1x1 with stride 1 and no padding: im2col is then the identity. */
    boolean isPointwise() {
        return kh == 1 && kw == 1 && sh == 1 && sw == 1 && pt == 0 && pb == 0 && pl == 0 && pr == 0;
    }

    // ---- argument helpers ----

    /**
     * Expands a stride / dilation / kernel argument of length 1 (both axes) or 2 ({h, w}) to {h, w}; null gives
     * {@code dflt} on both axes ({@code dflt <= 0} means null is not allowed). Each value must be >= {@code min}.
     */
    static int[] pair(String name, int[] v, int dflt, int min) {
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
    static int[] pad4(String name, int[] v) {
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

    /** Checks that {@code t} is non-null with the given rank; {@code what} describes the expected layout. */
    static void requireRank(String name, Tensor t, int rank, String what) {
        if (t == null) throw new IllegalArgumentException(name + " must not be null");
        if (t.rank() != rank) {
            throw new IllegalArgumentException(name + " must have rank " + rank + " " + what + " but has shape "
                    + Arrays.toString(t.shape()));
        }
    }

    /**
     * Validates pooling arguments and returns the geometry (dilation 1). {@code stride == null} means "equal to the
     * kernel"; {@code padding == null} means 0. Padding may be at most {@code kernel - 1} on each side, so that every
     * window contains at least one real element (MXNet's example pads 2 with a window of 3).
     */
    static ConvGeometry pool(Tensor x, int[] kernel, int[] stride, int[] padding) {
        requireRank("x", x, 4, "(N, C, H, W)");
        int[] k = pair("kernel", kernel, 0, 1);
        int[] st = stride == null ? k.clone() : pair("stride", stride, 0, 1);
        int[] pd = pad4("padding", padding);
        if (pd[0] > k[0] - 1 || pd[1] > k[0] - 1 || pd[2] > k[1] - 1 || pd[3] > k[1] - 1) {
            throw new IllegalArgumentException("padding " + Arrays.toString(padding) + " (top, bottom, left, right = "
                    + Arrays.toString(pd) + ") must be at most kernel - 1 on each side (kernel " + k[0] + "x" + k[1]
                    + " allows " + (k[0] - 1) + " on top/bottom and " + (k[1] - 1)
                    + " on left/right); otherwise a window could lie entirely in the padding");
        }
        int[] s = x.shape();
        return new ConvGeometry(s[0], s[1], s[2], s[3], k[0], k[1], st[0], st[1], pd[0], pd[1], pd[2], pd[3], 1, 1,
                "x shape " + Arrays.toString(s));
    }
}
