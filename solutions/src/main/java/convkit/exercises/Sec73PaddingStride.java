package convkit.exercises;

import convkit.Tensor;

/**
 * Exercises of d2l 7.3 "Padding and Stride" (notebook 02). Padding is per side: p rows are added at the top
 * and p at the bottom. Output sizes round down (floor), as in d2l, PyTorch and {@code Ops.outputSize}.
 *
 * <p>Replace each {@code throw new UnsupportedOperationException(...)} by your answer, then run
 * {@code ./convkit check 7.3}.
 */
public final class Sec73PaddingStride {
    private Sec73PaddingStride() {
    }

    /** What a stride means (answers of 7.3.3 and 7.3.7). */
    public enum StrideMeaning {
        /** Keep every s-th sample: fewer outputs than inputs. */
        DOWNSAMPLING,
        /** Insert samples between the inputs (a transposed convolution): more outputs than inputs. */
        UPSAMPLING_TRANSPOSED_CONVOLUTION,
        /** Spread the kernel taps apart. */
        DILATION,
        /** Nothing changes. */
        NO_EFFECT
    }

    /**
     * 7.3.1 The output size along one axis of a convolution with input size n, kernel size k, padding p per side,
     * stride s and dilation d (d = 1: no dilation; a dilated kernel spans d*(k-1)+1 inputs).
     */
    public static int outputSize(int n, int k, int p, int s, int d) {
        // BEGIN SOLUTION Exercise 7.3.1: the output size with padding p per side, stride s and dilation d (notebook 02)
        return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s) + 1;
        // END SOLUTION
    }

    /** 7.3.2 A 224 x 224 image, an 11 x 11 kernel, no padding, stride 1: the output side. */
    public static int side224Kernel11() {
        // BEGIN SOLUTION Exercise 7.3.2: use your outputSize
        return 214;
        // END SOLUTION
    }

    /** 7.3.2 A 224 x 224 image, a 4 x 4 kernel, no padding, stride 4: the output side. */
    public static int side224Kernel4Stride4() {
        // BEGIN SOLUTION Exercise 7.3.2: use your outputSize
        return 56;
        // END SOLUTION
    }

    /**
     * 7.3.2 (same size) The padding per side that keeps the size (stride 1) for an odd kernel size k.
     *
     * @throws IllegalArgumentException for an even k (no symmetric padding keeps the size)
     */
    public static int paddingThatKeepsSize(int k) {
        // BEGIN SOLUTION Exercise 7.3.2 (same size): which padding per side keeps the size? (and for which k is there one?)
        if (k < 1 || k % 2 == 0) {
            throw new IllegalArgumentException("k must be odd and positive for a size-keeping symmetric padding but was " + k);
        }
        return (k - 1) / 2;
        // END SOLUTION
    }

    /**
     * 7.3.2 (ten layers) The side of an n x n image after {@code layers} convolutions with k x k kernels, no padding, stride 1
     * (d2l: ten 5 x 5 layers turn 240 x 240 into 200 x 200).
     */
    public static int sideAfterLayers(int n, int k, int layers) {
        // BEGIN SOLUTION Exercise 7.3.2 (ten layers): follow the size through the layers
        return n - layers * (k - 1);
        // END SOLUTION
    }

    /**
     * 7.3.1 (the last example) The output shape {h, w} of d2l's last example: an 8 x 8 input, kernel (3, 5), padding (0, 1),
     * stride (3, 4).
     */
    public static int[] shapeOfLastExample() {
        // BEGIN SOLUTION Exercise 7.3.1 (the last example): apply outputSize to each axis
        return new int[] {2, 2};
        // END SOLUTION
    }

    /**
     * 7.3.2 (LeNet) The shapes through LeNet (d2l 7.6) for one 1 x 28 x 28 image, after each of: conv 6@5x5 pad 2,
     * avg-pool 2x2 stride 2, conv 16@5x5, avg-pool 2x2 stride 2, flatten, dense 120, dense 84, dense 10
     * (activations keep shapes). Rows are NCHW shapes ({1, 6, 28, 28}) or {1, features} after flatten.
     */
    public static int[][] lenetShapes() {
        // BEGIN SOLUTION Exercise 7.3.2 (LeNet): one shape per layer of d2l's LeNet, from the layers' settings
        return new int[][] {{1, 6, 28, 28}, {1, 6, 14, 14}, {1, 16, 10, 10}, {1, 16, 5, 5}, {1, 400}, {1, 120}, {1, 84}, {1, 10}};
        // END SOLUTION
    }

    /**
     * 7.3.4 Mirror padding of a 2-D image by p on every side: the border is reflected without repeating the
     * edge pixel (NumPy's mode="reflect", PyTorch's ReflectionPad2d): [1, 2, 3] padded by 1 is [2, 1, 2, 3, 2].
     *
     * @param x (h, w); not modified
     * @return (h + 2p, w + 2p)
     * @throws IllegalArgumentException if p < 0 or p >= h or p >= w (nothing to reflect)
     */
    public static Tensor mirrorPad(Tensor x, int p) {
        // BEGIN SOLUTION Exercise 7.3.4: map every index outside the image back into it by reflection at the border
        int h = x.dim(0), w = x.dim(1);
        if (p < 0 || p >= h || p >= w) {
            throw new IllegalArgumentException("mirror padding p must be in [0, min(h, w)) but p = " + p + " for x of shape ("
                    + h + ", " + w + ")");
        }
        Tensor out = Tensor.zeros(h + 2 * p, w + 2 * p);
        for (int i = 0; i < h + 2 * p; i++) {
            for (int j = 0; j < w + 2 * p; j++) out.set(x.get(reflect(i - p, h), reflect(j - p, w)), i, j);
        }
        return out;
        // END SOLUTION
    }

    // BEGIN SOLUTION-ONLY
    private static int reflect(int i, int n) {
        if (i < 0) return -i;
        if (i >= n) return 2 * (n - 1) - i;
        return i;
    }
    // END SOLUTION-ONLY

    /**
     * 7.3.5 The computational benefit of a stride: by what factor does stride s (on both axes) reduce the
     * multiply-adds of a convolution of an n x n input with a k x k kernel (k odd or even) and padding p per side,
     * compared with stride 1? Every output costs the same, so compare the numbers of outputs; n can be large.
     */
    public static double strideSavings(int n, int k, int p, int s) {
        // BEGIN SOLUTION Exercise 7.3.5: count the outputs with stride 1 and with stride s
        double one = (n + 2L * p - k) + 1, strided = (n + 2L * p - k) / s + 1;
        return (one * one) / (strided * strided);
        // END SOLUTION
    }

    /** 7.3.3 For an audio signal (one axis: time), what does a stride of 2 correspond to? */
    public static StrideMeaning audioStride2() {
        // BEGIN SOLUTION Exercise 7.3.3: what happens to the sampling rate?
        return StrideMeaning.DOWNSAMPLING;
        // END SOLUTION
    }

    /** 7.3.7 What would a stride of 1/2 correspond to? */
    public static StrideMeaning strideOneHalf() {
        // BEGIN SOLUTION Exercise 7.3.7: a step of half a pixel produces two outputs per input
        return StrideMeaning.UPSAMPLING_TRANSPOSED_CONVOLUTION;
        // END SOLUTION
    }
}
