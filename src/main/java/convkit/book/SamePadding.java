package convkit.book;

import java.util.Arrays;

/**
 * The per-side padding behind the frameworks' {@code padding="same"} (TensorFlow's {@code padding='same'},
 * PyTorch's {@code padding='same'}), so that it can be passed to {@code Ops.conv2d} or {@code Conv2D}, whose padding
 * is always explicit and per side.
 *
 * <p>"same" asks for {@code out = ceil(n / s)}. The total padding is
 * {@code max((out - 1) * s + d * (k - 1) + 1 - n, 0)}; {@code floor(total / 2)} goes before (top/left) and the
 * rest after (bottom/right), which is where TensorFlow and PyTorch put the odd pixel. With stride 1 (the only
 * stride PyTorch accepts for "same") the total is {@code d * (k - 1)}, independent of n.
 */
public final class SamePadding {
    private SamePadding() {
    }

    /**
     * {before, after} along one axis of size n for kernel k, stride s, dilation d.
     *
     * @throws IllegalArgumentException if n, k, s or d is < 1
     */
    public static int[] of(int n, int k, int s, int d) {
        if (n < 1 || k < 1 || s < 1 || d < 1) {
            throw new IllegalArgumentException("same padding needs n, k, s, d >= 1 but got n=" + n + " k=" + k + " s=" + s
                    + " d=" + d);
        }
        int out = (n + s - 1) / s;
        int total = Math.max((out - 1) * s + d * (k - 1) + 1 - n, 0);
        return new int[] {total / 2, total - total / 2};
    }

    /**
     * The 4-element padding {top, bottom, left, right} for an (h, w) input: pass it to a layer's
     * {@code padding(...)} setting ({@code Conv2D.of(c, f).kernel(k).padding(same)}) or as {@code padding} to
     * {@code Ops.conv2d}.
     *
     * @param kernel   {k} or {kh, kw}
     * @param stride   {s} or {sh, sw}; null means 1
     * @param dilation {d} or {dh, dw}; null means 1
     */
    public static int[] padding2d(int h, int w, int[] kernel, int[] stride, int[] dilation) {
        int[] k = pair("kernel", kernel);
        int[] s = stride == null ? new int[] {1, 1} : pair("stride", stride);
        int[] d = dilation == null ? new int[] {1, 1} : pair("dilation", dilation);
        int[] ph = of(h, k[0], s[0], d[0]);
        int[] pw = of(w, k[1], s[1], d[1]);
        return new int[] {ph[0], ph[1], pw[0], pw[1]};
    }

    /** {@link #padding2d(int, int, int[], int[], int[])} for a square k x k kernel, stride 1, dilation 1. */
    public static int[] padding2d(int h, int w, int k) {
        return padding2d(h, w, k, 1);
    }

    /** {@link #padding2d(int, int, int[], int[], int[])} for a square k x k kernel, stride s on both axes, dilation 1. */
    public static int[] padding2d(int h, int w, int k, int s) {
        return padding2d(h, w, new int[] {k}, new int[] {s}, new int[] {1});
    }

    private static int[] pair(String name, int[] v) {
        if (v == null || (v.length != 1 && v.length != 2)) {
            throw new IllegalArgumentException(name + " must have 1 or 2 elements but was "
                    + (v == null ? "null" : Arrays.toString(v)));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }
}
