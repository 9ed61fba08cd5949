package convkit.book;

import convkit.Tensor;

import java.util.Arrays;

/**
 * Padding of the last two axes (height, width) of a tensor of rank >= 2, per side: {@code top, bottom, left, right}
 * rows or columns are added (d2l 7.3.1). Zero padding is what convolution layers use; reflect ("mirror", NumPy's
 * {@code mode="reflect"}, the edge pixel not repeated) and replicate (edge pixel repeated) are the alternatives
 * frameworks offer as {@code padding_mode}. No argument is modified.
 */
public final class Padding {
    /** How padded cells are filled. */
    public enum Mode { ZEROS, REFLECT, REPLICATE }

    private Padding() {
    }

    /** Zero padding by {@code p} on every side. @param x (..., h, w) @return (..., h + 2p, w + 2p) */
    public static Tensor pad2d(Tensor x, int p) {
        return pad2d(x, p, p, p, p, Mode.ZEROS);
    }

    /**
     * Pads per side with the given mode.
     *
     * @param x (..., h, w)
     * @return (..., h + top + bottom, w + left + right)
     * @throws IllegalArgumentException for negative padding, or reflect padding of {@code >= h} (or w) rows
     */
    public static Tensor pad2d(Tensor x, int top, int bottom, int left, int right, Mode mode) {
        if (x == null) throw new IllegalArgumentException("x must not be null");
        if (mode == null) throw new IllegalArgumentException("mode must not be null");
        if (x.rank() < 2) {
            throw new IllegalArgumentException("x must have rank >= 2 (..., h, w) but has shape " + Arrays.toString(x.shape()));
        }
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be >= 0 but was top=" + top + " bottom=" + bottom + " left="
                    + left + " right=" + right);
        }
        int[] s = x.shape();
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        if (mode != Mode.ZEROS && (h == 0 || w == 0)) {
            throw new IllegalArgumentException(mode + " padding needs a non-empty image but x has shape " + Arrays.toString(s));
        }
        if (mode == Mode.REFLECT && (Math.max(top, bottom) >= h || Math.max(left, right) >= w)) {
            throw new IllegalArgumentException("reflect padding must be smaller than the image: padding (top=" + top
                    + ", bottom=" + bottom + ", left=" + left + ", right=" + right + ") for x of shape " + Arrays.toString(s));
        }
        int oh = h + top + bottom;
        int ow = w + left + right;
        int[] os = s.clone();
        os[s.length - 2] = oh;
        os[s.length - 1] = ow;
        Tensor out = Tensor.zeros(os);
        double[] src = x.data();
        double[] dst = out.data();
        int planes = h * w == 0 ? (int) (Tensor.product(os) / Math.max(1, (long) oh * ow)) : src.length / (h * w);
        for (int pl = 0; pl < planes; pl++) {
            for (int i = 0; i < oh; i++) {
                int si = source(i - top, h, mode);
                for (int j = 0; j < ow; j++) {
                    int sj = source(j - left, w, mode);
                    if (si >= 0 && sj >= 0) dst[(pl * oh + i) * ow + j] = src[(pl * h + si) * w + sj];
                }
            }
        }
        return out;
    }

    private static int source(int i, int n, Mode mode) {
        if (i >= 0 && i < n) return i;
        switch (mode) {
            case REFLECT:
                return i < 0 ? -i : 2 * (n - 1) - i;
            case REPLICATE:
                return i < 0 ? 0 : n - 1;
            default:
                return -1;
        }
    }
}
