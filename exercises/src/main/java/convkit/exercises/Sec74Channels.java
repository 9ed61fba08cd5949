package convkit.exercises;

import convkit.Tensor;

/**
 * Exercises of d2l 7.4 "Multiple Input and Multiple Output Channels" (notebook 03). A convolution here has
 * input c_i x h x w, kernel c_o x c_i x k_h x k_w, padding (p_h, p_w) per side and stride (s_h, s_w); its
 * output is c_o x o_h x o_w with o = floor((n + 2p - k) / s) + 1. Count one multiply-add per product of an input
 * value with a weight; count memory in stored numbers.
 *
 * <p>Replace each {@code throw new UnsupportedOperationException(...)} by your answer, then run
 * {@code ./convkit check 7.4}.
 */
public final class Sec74Channels {
    private Sec74Channels() {
    }

    /** How two results compare (answer of 7.4.4). */
    public enum Equality {
        EXACTLY_EQUAL, EQUAL_UP_TO_ROUNDING, DIFFERENT
    }

    /** 7.4.1 The kernel size of the single convolution equivalent to a k1 x k1 convolution followed by a k2 x k2 one. */
    public static int composedKernelSize(int k1, int k2) {
        throw new UnsupportedOperationException("Exercise 7.4.1: how far apart are the first and the last input an output depends on?");
    }

    /**
     * 7.4.1 The single kernel K with {@code corr2d(corr2d(X, k1), k2) == corr2d(X, K)} for every X (no nonlinearity
     * in between): the two kernels composed.
     *
     * @param k1 (a, b); not modified
     * @param k2 (c, d); not modified
     * @return (a + c - 1, b + d - 1)
     */
    public static Tensor composeKernels(Tensor k1, Tensor k2) {
        throw new UnsupportedOperationException("Exercise 7.4.1: write out corr2d(corr2d(X, k1), k2)[i][j] and collect the weight of X[i + u][j + v]");
    }

    /** 7.4.2 Multiply-adds of the forward pass (no bias). */
    public static long forwardMultiplyAdds(int ci, int h, int w, int co, int kh, int kw, int ph, int pw, int sh, int sw) {
        throw new UnsupportedOperationException("Exercise 7.4.2: count the outputs, then the products each one needs");
    }

    /** 7.4.2 Numbers stored by the forward pass: the input, the kernel and the output (no bias, no padding copy). */
    public static long forwardMemory(int ci, int h, int w, int co, int kh, int kw, int ph, int pw, int sh, int sw) {
        throw new UnsupportedOperationException("Exercise 7.4.2: list the tensors the forward pass stores, with their shapes");
    }

    /**
     * 7.4.2 Numbers stored while the backward pass runs (no bias): what it reads (what forward kept, and the gradient
     * dY arriving from above) and what it writes (the gradients with respect to the input and the kernel).
     */
    public static long backwardMemory(int ci, int h, int w, int co, int kh, int kw, int ph, int pw, int sh, int sw) {
        throw new UnsupportedOperationException("Exercise 7.4.2: list the tensors backward reads and writes, with their shapes");
    }

    /**
     * 7.4.2 Multiply-adds of the backward pass: the gradient with respect to the input and the gradient with
     * respect to the kernel (no bias).
     */
    public static long backwardMultiplyAdds(int ci, int h, int w, int co, int kh, int kw, int ph, int pw, int sh, int sw) {
        throw new UnsupportedOperationException("Exercise 7.4.2: relate the products of the backward pass to those of the forward pass");
    }

    /** 7.4.3 By what factor do the forward multiply-adds grow when c_i and c_o both double? */
    public static double costFactorDoublingChannels() {
        throw new UnsupportedOperationException("Exercise 7.4.3: look at which factors of your forward count contain c_i and c_o");
    }

    /** 7.4.3 By what factor do the forward multiply-adds grow when the padding (p_h, p_w) doubles? */
    public static double costFactorDoublingPadding(int h, int w, int kh, int kw, int ph, int pw, int sh, int sw) {
        throw new UnsupportedOperationException("Exercise 7.4.3: which factors of the forward count depend on the padding?");
    }

    /**
     * 7.4.4 d2l's last example computes Y1 = corr2dMultiInOut1x1(X, K) (one matrix product, K.reshape(c_o, c_i) times
     * X.reshape(c_i, h*w)) and Y2 = corr2dMultiInOut(X, K) (channel by channel: corr2d of each channel, the results
     * added in channel order). Over many random X and K of the example's shapes (X 3 x 3 x 3, K 2 x 3 x 1 x 1), are
     * Y1 and Y2 always exactly the same in convkit? Answer for each way convkit's matrix product can run:
     * {@code simd == false}, the plain loops ({@code -Dconvkit.simd=false} or no {@code jdk.incubator.vector}): each
     * product {@code k * x} is rounded to a double, then added to the running sum; {@code simd == true}, the vector
     * loops ({@code convkit.compute.Simd.enabled()}, the default in the kernel and in {@code mvn test}): each step
     * is a fused multiply-add {@code fma(k, x, sum)}. {@link #compare} tells you what you see in your JVM.
     */
    public static Equality y1VersusY2(boolean simd) {
        throw new UnsupportedOperationException("Exercise 7.4.4: for each case, write out how one element of Y1 and of Y2 is rounded, step by step");
    }

    /**
     * 7.4.4 How two results compare: {@code EXACTLY_EQUAL} when they have the same shape and every element is the
     * same double (as {@link Tensor#equals}), {@code EQUAL_UP_TO_ROUNDING} when they have the same shape and differ
     * only within {@code a.allClose(b, 1e-12, 1e-12)}, {@code DIFFERENT} otherwise (other shapes included).
     *
     * @param a not modified
     * @param b not modified
     */
    public static Equality compare(Tensor a, Tensor b) {
        throw new UnsupportedOperationException("Exercise 7.4.4: check the shapes first, then the strict test, then the tolerant one");
    }

    /**
     * 7.4.5 Convolution as a matrix product: the matrix M with {@code M.matmul(X.reshape(h*w, 1))} equal to
     * {@code corr2d(X, k).reshape(oh*ow, 1)} for every h x w image X (no padding, stride 1).
     *
     * @param k (kh, kw); not modified
     * @return (oh*ow, h*w) with oh = h - kh + 1, ow = w - kw + 1
     */
    public static Tensor convolutionMatrix(Tensor k, int h, int w) {
        throw new UnsupportedOperationException("Exercise 7.4.5: which entries of X does output (i, j) multiply, and by which weights?");
    }
}
