package convkit.book;

import convkit.Tensor;

/**
 * d2l 7.1 "From Fully Connected Layers to Convolutions": the parameter counts of its argument, from a fully
 * connected layer on a megapixel image down to a small shared kernel, and the shift that shows translation
 * equivariance. Counts are {@code long} (10^12 does not fit in an {@code int}) and computed exactly; one that does
 * not fit in a {@code long} throws.
 *
 * <p>convkit writes d2l's locality window {@code |a|, |b| <= Δ} as a kernel of {@code (2Δ + 1) x (2Δ + 1)}, so the
 * exact count is {@code (2Δ + 1)^2}; d2l's "4Δ²" is its leading term (and d2l's "4 · 10^6" for the
 * translation-invariant layer is {@code (2 · 1000 - 1)^2 = 3,996,001} rounded), which is what {@link #local} and
 * {@link #translationInvariant} return exactly.
 */
public final class DenseToConv {
    private DenseToConv() {
    }

    /**
     * Weights of a fully connected layer from {@code inputs} values to {@code units} hidden units (d2l 7.1's opening
     * example: a megapixel image and 1000 units give 10^9).
     */
    public static long dense(long inputs, long units) {
        requirePositive("inputs", inputs);
        requirePositive("units", units);
        return multiply("dense(" + inputs + ", " + units + ")", inputs, units);
    }

    /**
     * Weights of d2l's fourth-order {@code W[i, j, k, l]}: every pixel of an {@code h x w} hidden representation
     * connected to every pixel of an {@code h x w} image, {@code (h w)^2}; 1000 x 1000 gives 10^12.
     */
    public static long fullyConnected(int h, int w) {
        requirePositive("h", h);
        requirePositive("w", w);
        long pixels = (long) h * w;
        return multiply("fullyConnected(" + h + ", " + w + ")", pixels, pixels);
    }

    /**
     * Weights after translation invariance: {@code V[a, b]} depends only on the offset, {@code a} in
     * {@code -(h-1) .. h-1} and {@code b} in {@code -(w-1) .. w-1}: {@code (2h - 1)(2w - 1)}; 1000 x 1000 gives
     * 3,996,001 (d2l: "4 · 10^6").
     */
    public static long translationInvariant(int h, int w) {
        requirePositive("h", h);
        requirePositive("w", w);
        return (2L * h - 1) * (2L * w - 1);
    }

    /** Weights after locality, {@code |a|, |b| <= delta}: {@code (2 delta + 1)^2} (d2l: about 4Δ²); delta 0 gives 1. */
    public static long local(int delta) {
        if (delta < 0) throw new IllegalArgumentException("delta must be >= 0 but was " + delta);
        long side = 2L * delta + 1;
        return side * side;
    }

    /**
     * Weights of d2l 7.1.4's {@code V[a, b, c, d]}: a local window for each pair of input channel {@code c} and
     * output channel {@code d}, {@code (2 delta + 1)^2 c_i c_o} (a convolution's weight without bias).
     */
    public static long localWithChannels(int delta, int ci, int co) {
        requirePositive("ci", ci);
        requirePositive("co", co);
        return multiply("localWithChannels(" + delta + ", " + ci + ", " + co + ")", local(delta), (long) ci * co);
    }

    /**
     * The image moved by {@code dy} rows down and {@code dx} columns right (negative: up, left), zeros entering
     * from the edge; the last two axes are (h, w), any leading axes are kept.
     *
     * @param x (..., h, w), rank at least 2; not modified
     * @return a new tensor of x's shape
     */
    public static Tensor shift(Tensor x, int dy, int dx) {
        if (x == null) throw new IllegalArgumentException("shift: x must not be null");
        int[] s = x.shape();
        if (s.length < 2) {
            throw new IllegalArgumentException("shift needs a tensor of rank >= 2 (..., h, w) but got shape " + java.util.Arrays.toString(s));
        }
        int h = s[s.length - 2], w = s[s.length - 1];
        Tensor out = Tensor.zeros(s);
        double[] in = x.data(), o = out.data();
        int planes = h * w == 0 ? 0 : in.length / (h * w);
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < h; i++) {
                int si = i - dy;
                if (si < 0 || si >= h) continue;
                for (int j = 0; j < w; j++) {
                    int sj = j - dx;
                    if (sj >= 0 && sj < w) o[(p * h + i) * w + j] = in[(p * h + si) * w + sj];
                }
            }
        }
        return out;
    }

    private static void requirePositive(String name, long v) {
        if (v < 1) throw new IllegalArgumentException(name + " must be >= 1 but was " + v);
    }

    private static long multiply(String what, long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new ArithmeticException(what + " = " + a + " * " + b + " does not fit in a long");
        }
    }
}
