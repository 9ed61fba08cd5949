package convkit.exercises;

import convkit.Ops;
import convkit.Tensor;

/**
 * Exercises of d2l 7.5 "Pooling" (notebook 04).
 *
 * <p>Replace each {@code throw new UnsupportedOperationException(...)} by your answer, then run
 * {@code ./convkit check 7.5}.
 */
public final class Sec75Pooling {
    private Sec75Pooling() {
    }

    /**
     * 7.5.1 Average pooling as a convolution: the p x q kernel K with {@code Ops.corr2d(X, K)} equal to
     * {@code Ops.pool2d(X, p, q, "avg")} for every X.
     */
    public static Tensor averagePoolingKernel(int p, int q) {
        // BEGIN SOLUTION Exercise 7.5.1: which p x q kernel turns a window into its mean?
        return Tensor.full(1.0 / (p * q), p, q);
        // END SOLUTION
    }

    /** 7.5.2 Can max-pooling be written as a convolution alone (a fixed linear kernel)? */
    public static boolean maxPoolingIsAConvolution() {
        // BEGIN SOLUTION Exercise 7.5.2: what does every convolution satisfy that max pooling might not?
        return false;
        // END SOLUTION
    }

    /**
     * 7.5.3 max(a, b) with ReLUs only: a one-hidden-layer network {@code y = w2 . relu(W1 [a, b])} (no biases) whose
     * output is max(a, b) for all real a, b. Return {W1, w2} with W1 of shape (m, 2) and w2 of shape (1, m).
     * (Hint: max(a, b) = a + relu(b - a), and a = relu(a) - relu(-a).)
     */
    public static Tensor[] maxNetwork() {
        // BEGIN SOLUTION Exercise 7.5.3: write max(a, b) as a plus something that ReLU can compute
        Tensor w1 = Tensor.of(new double[][] {{-1, 1}, {1, 0}, {-1, 0}});
        Tensor w2 = Tensor.of(new double[][] {{1, 1, -1}});
        return new Tensor[] {w1, w2};
        // END SOLUTION
    }

    /**
     * 7.5.4 The cost of a pooling layer: the number of window elements it reads for an input c x h x w, window
     * p_h x p_w, padding (pad_h, pad_w) per side and stride (s_h, s_w).
     */
    public static long poolingCost(int c, int h, int w, int ph, int pw, int padH, int padW, int sh, int sw) {
        // BEGIN SOLUTION Exercise 7.5.4: count the windows, then the elements each one reads
        long oh = (h + 2L * padH - ph) / sh + 1, ow = (w + 2L * padW - pw) / sw + 1;
        return (long) c * oh * ow * ph * pw;
        // END SOLUTION
    }

    /**
     * 7.5.6 Minimum pooling (stride 1, as {@code Ops.pool2d}) without a new pooling routine: reuse max-pooling.
     *
     * @param x (h, w); not modified
     * @return (h - p + 1, w - q + 1)
     */
    public static Tensor minPool(Tensor x, int p, int q) {
        // BEGIN SOLUTION Exercise 7.5.6: what happens to the smallest value when you negate the input?
        return Ops.pool2d(x.neg(), p, q, "max").neg();
        // END SOLUTION
    }
}
