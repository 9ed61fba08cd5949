package convkit.ops;

import convkit.Tensor;

import java.util.Arrays;

/**
 * The sliding-window geometry shared by im2col, convolution and pooling: where every window of one NCHW batch lies.
 *
 * <p>Input is one NCHW batch {@code (n, c, h, w)}; the window is {@code kh x kw} with per-axis stride
 * {@code sh, sw}, dilation {@code dh, dw} and per-side padding {@code pt, pb, pl, pr} (top, bottom, left,
 * right). Output size per axis is {@code floor((n + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1}.
 *
 * <p>Build one with {@link #conv}, {@link #pool} or {@link #of}: they check every argument ({@link Checks}) and
 * throw an {@link IllegalArgumentException} that names the argument and the shapes. The fields are final; the raw
 * loops of {@link Convolution}, {@link MaxPooling}, {@link AvgPooling} and {@link Im2Col} read them directly.
 */
public final class WindowGeometry {
    /** Batch size, channels, input height and width. */
    public final int n, c, h, w;
    /** Window height and width. */
    public final int kh, kw;
    /** Stride along the height and the width. */
    public final int sh, sw;
    /** Padding on the top, bottom, left and right. */
    public final int pt, pb, pl, pr;
    /** Dilation along the height and the width. */
    public final int dh, dw;
    /** Output height and width. */
    public final int outH, outW;

    WindowGeometry(int n, int c, int h, int w, int kh, int kw, int sh, int sw,
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
        Checks.windowFits(h, w, kh, kw, pt, pb, pl, pr, dh, dw, inputDescription);
        this.outH = (int) (((long) h + pt + pb - ((long) dh * (kh - 1) + 1)) / sh + 1);
        this.outW = (int) (((long) w + pl + pr - ((long) dw * (kw - 1) + 1)) / sw + 1);
    }

    /**
     * The geometry of a convolution, its arguments checked ({@link Checks#convolution}).
     *
     * @param x        input {@code (N, C, H, W)}
     * @param w        weight {@code (F, C/groups, kh, kw)}
     * @param b        bias {@code (F)}, or null for none
     * @param stride   {s} or {sh, sw}; null = 1
     * @param padding  {p}, {ph, pw} (each applied to both sides) or {top, bottom, left, right}; null = 0
     * @param dilation {d} or {dh, dw}; null = 1
     * @param groups   number of channel groups, >= 1, dividing both C and F
     */
    public static WindowGeometry conv(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        Checks.convolution(x, w, b, groups);
        int[] xs = x.shape(), ws = w.shape();
        int[] st = Checks.pair("stride", stride, 1, 1);
        int[] pd = Checks.pad4("padding", padding);
        int[] dl = Checks.pair("dilation", dilation, 1, 1);
        return new WindowGeometry(xs[0], xs[1], xs[2], xs[3], ws[2], ws[3], st[0], st[1], pd[0], pd[1], pd[2], pd[3],
                dl[0], dl[1], "x shape " + Arrays.toString(xs) + ", w shape " + Arrays.toString(ws));
    }

    /**
     * The geometry of a pooling window (dilation 1). {@code stride == null} means "equal to the kernel";
     * {@code padding == null} means 0. Padding may be at most {@code kernel - 1} on each side, so that every window
     * contains at least one real element (MXNet's example pads 2 with a window of 3).
     *
     * @param x input {@code (N, C, H, W)}
     */
    public static WindowGeometry pool(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Tensor.requireRank("x", x, 4, "(N, C, H, W)");
        int[] k = Checks.pair("kernel", kernel, 0, 1);
        int[] st = stride == null ? k.clone() : Checks.pair("stride", stride, 0, 1);
        int[] pd = Checks.pad4("padding", padding);
        Checks.poolPadding(padding, pd, k);
        int[] s = x.shape();
        return new WindowGeometry(s[0], s[1], s[2], s[3], k[0], k[1], st[0], st[1], pd[0], pd[1], pd[2], pd[3], 1, 1,
                "x shape " + Arrays.toString(s));
    }

    /**
     * The geometry of im2col's windows over the batch {@code x} (named {@code name} in error messages).
     *
     * @param kernel   {k} or {kh, kw}
     * @param stride   {s} or {sh, sw}; null = 1
     * @param padding  {p}, {ph, pw} or {top, bottom, left, right}; null = 0
     * @param dilation {d} or {dh, dw}; null = 1
     */
    public static WindowGeometry of(String name, Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        Tensor.requireRank(name, x, 4, "(N, C, H, W)");
        return of(x.shape(), name + " shape " + Arrays.toString(x.shape()), kernel, stride, padding, dilation);
    }

    /** Like {@link #of(String, Tensor, int[], int[], int[], int[])} for an input of shape {@code s}. */
    static WindowGeometry of(int[] s, String desc, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        int[] k = Checks.pair("kernel", kernel, 0, 1);
        int[] st = Checks.pair("stride", stride, 1, 1);
        int[] pd = Checks.pad4("padding", padding);
        int[] dl = Checks.pair("dilation", dilation, 1, 1);
        return new WindowGeometry(s[0], s[1], s[2], s[3], k[0], k[1], st[0], st[1], pd[0], pd[1], pd[2], pd[3],
                dl[0], dl[1], desc);
    }

    /** Input spatial size h*w. */
    public int inPlane() {
        return h * w;
    }

    /** Output spatial size outH*outW. */
    public int outPlane() {
        return outH * outW;
    }

    /** True when the window is 1x1 with stride 1 and no padding: im2col is then the identity. */
    public boolean isPointwise() {
        return kh == 1 && kw == 1 && sh == 1 && sw == 1 && pt == 0 && pb == 0 && pl == 0 && pr == 0;
    }
}
