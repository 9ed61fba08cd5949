package convkit;

import convkit.book.Corr2d;
import convkit.book.Padding;
import convkit.book.Pool2d;
import convkit.book.Shapes;
import convkit.ops.AvgPooling;
import convkit.ops.Convolution;
import convkit.ops.Im2Col;
import convkit.ops.MaxPooling;

/**
 * The one static facade notebooks import ({@code import static convkit.Ops.*;} or {@code Ops.corr2d(...)}). It only
 * delegates: each operation lives, documented and tested, in its own small class. Shapes are NCHW; no method
 * modifies its arguments.
 */
public final class Ops {
    private Ops() {
    }

    // the books' loops and formulas (convkit.book: Corr2d, Pool2d, Padding, Shapes)

    /** See {@link Corr2d#corr2d}: X (h, w), K (kh, kw) -> (h-kh+1, w-kw+1). */
    public static Tensor corr2d(Tensor x, Tensor k) {
        return Corr2d.corr2d(x, k);
    }

    /** See {@link Corr2d#convolve2d}: strict convolution, the kernel flipped both ways. */
    public static Tensor convolve2d(Tensor x, Tensor k) {
        return Corr2d.convolve2d(x, k);
    }

    /** See {@link Corr2d#flip}. */
    public static Tensor flip(Tensor k) {
        return Corr2d.flip(k);
    }

    /** See {@link Corr2d#corr2dMultiIn}: X (c, h, w), K (c, kh, kw). */
    public static Tensor corr2dMultiIn(Tensor x, Tensor k) {
        return Corr2d.corr2dMultiIn(x, k);
    }

    /** See {@link Corr2d#corr2dMultiInOut}: X (c, h, w), K (c_out, c, kh, kw). */
    public static Tensor corr2dMultiInOut(Tensor x, Tensor k) {
        return Corr2d.corr2dMultiInOut(x, k);
    }

    /** See {@link Corr2d#corr2dMultiInOut1x1}: X (c, h, w), K (c_out, c, 1, 1), as a matrix product. */
    public static Tensor corr2dMultiInOut1x1(Tensor x, Tensor k) {
        return Corr2d.corr2dMultiInOut1x1(x, k);
    }

    /** See {@link Pool2d#pool2d}: X (h, w), mode "max" or "avg", stride 1, no padding. */
    public static Tensor pool2d(Tensor x, int ph, int pw, String mode) {
        return Pool2d.pool2d(x, ph, pw, mode);
    }

    /** See {@link Padding#pad2d(Tensor, int)}: zero padding of the last two axes by p per side. */
    public static Tensor pad2d(Tensor x, int p) {
        return Padding.pad2d(x, p);
    }

    /** See {@link Shapes#outputSize(int, int, int, int)}: floor((n + 2p - k) / s) + 1. */
    public static int outputSize(int n, int k, int p, int s) {
        return Shapes.outputSize(n, k, p, s);
    }

    /** See {@link Shapes#outputSize(int, int, int, int, int)}: with dilation d. */
    public static int outputSize(int n, int k, int p, int s, int d) {
        return Shapes.outputSize(n, k, p, s, d);
    }

    // batched fast path (convkit.ops: Convolution, MaxPooling, AvgPooling, Im2Col)

    /** {@link Convolution#conv2d} with stride 1, no padding, no bias: x (N, C, H, W), w (F, C, kh, kw) -> (N, F, outH, outW). */
    public static Tensor conv2d(Tensor x, Tensor w) {
        return Convolution.conv2d(x, w, null, null, null, null, 1);
    }

    /** {@link Convolution#conv2d} with stride 1 and no padding: x (N, C, H, W), w (F, C, kh, kw), b (F). */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b) {
        if (b == null) throw new IllegalArgumentException("b must not be null: Ops.conv2d(x, w) convolves without bias");
        return Convolution.conv2d(x, w, b, null, null, null, 1);
    }

    /** {@link Convolution#conv2d}: x (N, C, H, W), w (F, C/groups, kh, kw), b (F) or null -> (N, F, outH, outW). */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        return Convolution.conv2d(x, w, b, stride, padding, dilation, groups);
    }

    /** {@link MaxPooling#maxPool2d}: x (N, C, H, W) -> (N, C, outH, outW); stride null = kernel; pads with -infinity. */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        return MaxPooling.maxPool2d(x, kernel, stride, padding);
    }

    /** {@link AvgPooling#avgPool2d}: x (N, C, H, W) -> (N, C, outH, outW); stride null = kernel. */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        return AvgPooling.avgPool2d(x, kernel, stride, padding, countIncludePad);
    }

    /** {@link Im2Col#im2col(Tensor, int, int, int, int)}: x (N, C, H, W) -> (N*outH*outW, C*kh*kw). */
    public static Tensor im2col(Tensor x, int kh, int kw, int stride, int pad) {
        return Im2Col.im2col(x, kh, kw, stride, pad);
    }

    /** {@link Im2Col#col2im(Tensor, int[], int, int, int, int)}: (N*outH*outW, C*kh*kw) -> xShape; overlaps add. */
    public static Tensor col2im(Tensor col, int[] xShape, int kh, int kw, int stride, int pad) {
        return Im2Col.col2im(col, xShape, kh, kw, stride, pad);
    }
}
