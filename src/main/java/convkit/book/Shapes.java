package convkit.book;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Output sizes and receptive fields (d2l 7.3; the formula O = (W + 2P - F) / S + 1 of the output-size note).
 *
 * <p>Decided semantics: padding {@code p} is added on <em>each</em> side, and the division uses floor, as PyTorch,
 * MXNet and TensorFlow do ("valid" windows only: a window that would stick out past the padding is dropped).
 * With dilation d a k-wide kernel spans {@code d * (k - 1) + 1} inputs.
 */
public final class Shapes {
    private Shapes() {
    }

    /**
     * {@code floor((n + 2p - k) / s) + 1}. Examples: n=224, k=11, p=0, s=1 gives 214; n=224, k=4, p=0, s=4 gives 56.
     *
     * @throws IllegalArgumentException if n < 1, k < 1, p < 0, s < 1 or the kernel is larger than the padded input
     */
    public static int outputSize(int n, int k, int p, int s) {
        return outputSize(n, k, p, s, 1);
    }

    /** {@code floor((n + 2p - d(k-1) - 1) / s) + 1}, the output size with dilation {@code d}. */
    public static int outputSize(int n, int k, int p, int s, int d) {
        return outputSize(n, k, p, p, s, d);
    }

    /** The output size with different padding before and after (asymmetric padding). */
    public static int outputSize(int n, int k, int padBefore, int padAfter, int s, int d) {
        if (n < 1) throw new IllegalArgumentException("input size n must be >= 1 but was " + n);
        if (k < 1) throw new IllegalArgumentException("kernel size k must be >= 1 but was " + k);
        if (padBefore < 0 || padAfter < 0) {
            throw new IllegalArgumentException("padding must be >= 0 but was " + padBefore + (padAfter != padBefore ? "/" + padAfter : ""));
        }
        if (s < 1) throw new IllegalArgumentException("stride s must be >= 1 but was " + s);
        if (d < 1) throw new IllegalArgumentException("dilation d must be >= 1 but was " + d);
        int span = d * (k - 1) + 1;
        int padded = n + padBefore + padAfter;
        if (span > padded) {
            throw new IllegalArgumentException("kernel of size " + k + (d > 1 ? " (dilation " + d + ", span " + span + ")" : "")
                    + " is larger than the padded input " + n + " + " + padBefore + " + " + padAfter + " = " + padded);
        }
        return Math.floorDiv(padded - span, s) + 1;
    }

    /**
     * One layer of a stack, for {@link #trace} and {@link #receptiveField}: a square kernel k, padding p per side,
     * stride s, dilation d. Pooling layers are layers too (a 2x2 pool with stride 2 is {@code layer(2, 0, 2)}).
     */
    public record Layer(int k, int p, int s, int d) {
        public Layer {
            if (k < 1 || p < 0 || s < 1 || d < 1) {
                throw new IllegalArgumentException("layer needs k >= 1, p >= 0, s >= 1, d >= 1 but got k=" + k + " p=" + p
                        + " s=" + s + " d=" + d);
            }
        }
    }

    /** A layer with dilation 1. */
    public static Layer layer(int k, int p, int s) {
        return new Layer(k, p, s, 1);
    }

    /** The spatial size after each layer of the stack, starting with {@code n} itself. */
    public static List<Integer> trace(int n, Layer... layers) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(n);
        for (Layer l : layers) {
            n = outputSize(n, l.k(), l.p(), l.s(), l.d());
            sizes.add(n);
        }
        return sizes;
    }

    /**
     * How many input pixels (along one axis) one output element of the stack sees: r = 1 + sum over layers of
     * (span_l - 1) * (product of the strides before l). Two stacked 2x2 convolutions see 3x3 inputs (d2l 7.2.6).
     */
    public static int receptiveField(Layer... layers) {
        if (layers == null) throw new IllegalArgumentException("layers must not be null");
        long r = 1;
        long jump = 1;
        for (Layer l : layers) {
            r += (long) (l.d() * (l.k() - 1)) * jump;
            jump *= l.s();
        }
        if (r > Integer.MAX_VALUE) throw new IllegalArgumentException("receptive field overflows int for " + Arrays.toString(layers));
        return (int) r;
    }
}
