package convkit.book;

import convkit.Tensor;

/**
 * The small example tensors of d2l chapter 7 and of the seed notes, built in one place so that notebooks,
 * exercises and tests use the same numbers. Only data construction lives here; every computation on these
 * tensors is written out where it is taught. Each call returns a fresh tensor that the caller may modify.
 */
public final class Examples {
    private Examples() {
    }

    /** The input of d2l's cross-correlation figure (7.2.1): {@code [[0,1,2],[3,4,5],[6,7,8]]}, shape (3, 3). */
    public static Tensor correlationX() {
        return Tensor.arange(9).reshape(3, 3);
    }

    /** The kernel of d2l's cross-correlation figure (7.2.1): {@code [[0,1],[2,3]]}, shape (2, 2). */
    public static Tensor correlationK() {
        return Tensor.arange(4).reshape(2, 2);
    }

    /**
     * The 6x8 "image" of d2l 7.2.3: ones (white) with columns 2..5 set to zero (black), shape (6, 8).
     * Its vertical edges are at columns 1|2 (white to black) and 5|6 (black to white).
     */
    public static Tensor edgeImage() {
        Tensor x = Tensor.ones(6, 8);
        for (int i = 0; i < 6; i++) {
            for (int j = 2; j < 6; j++) x.set(0, i, j);
        }
        return x;
    }

    /** The edge-detection kernel {@code [[1, -1]]} of d2l 7.2.3, shape (1, 2): x[i, j] - x[i, j+1]. */
    public static Tensor edgeKernel() {
        return Tensor.of(new double[][] {{1, -1}});
    }

    /**
     * An n x n image with a diagonal edge (d2l 7.2 exercise 1): {@code X[i, j] = 1} on and below the main
     * diagonal ({@code j <= i}), 0 above it.
     *
     * @throws IllegalArgumentException if n < 2
     */
    public static Tensor diagonalImage(int n) {
        if (n < 2) throw new IllegalArgumentException("n must be >= 2 for a diagonal edge but was " + n);
        Tensor x = Tensor.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) x.set(1, i, j);
        }
        return x;
    }

    /** The two-channel input of d2l 7.4.1: channel 0 is arange(9), channel 1 is arange(9) + 1; shape (2, 3, 3). */
    public static Tensor multiInX() {
        return Tensor.stack(correlationX(), correlationX().add(1));
    }

    /** The two-channel kernel of d2l 7.4.1: {@code [[[0,1],[2,3]], [[1,2],[3,4]]]}, shape (2, 2, 2). */
    public static Tensor multiInK() {
        return Tensor.stack(correlationK(), correlationK().add(1));
    }

    /** The output-channel kernels of d2l 7.4.2: {@code stack(K, K + 1, K + 2)} with K = {@link #multiInK()}; (3, 2, 2, 2). */
    public static Tensor multiInOutK() {
        Tensor k = multiInK();
        return Tensor.stack(k, k.add(1), k.add(2));
    }

    /** The 1x1-convolution input of the seed-003 note: {@code [[[1,1],[5,7]], [[2,6],[7,3]], [[1,8],[2,2]]]}, (3, 2, 2). */
    public static Tensor oneByOneX() {
        return Tensor.of(new double[][][] {{{1, 1}, {5, 7}}, {{2, 6}, {7, 3}}, {{1, 8}, {2, 2}}});
    }

    /** The seed-003 1x1 kernel: one output channel, every weight 4; shape (1, 3, 1, 1) (c_out, c_in, kh, kw). */
    public static Tensor oneByOneK() {
        return Tensor.full(4, 1, 3, 1, 1);
    }

    /** The pooling input of d2l 7.5.2: arange(16) as one 4x4 image in a batch of one, shape (1, 1, 4, 4). */
    public static Tensor poolingX() {
        return Tensor.arange(16).reshape(1, 1, 4, 4);
    }

    /** The input of DLFS 7.2.2's convolution example (its figure 7-3): a 4x4 image. */
    public static Tensor dlfsConvX() {
        return Tensor.of(new double[][] {{1, 2, 3, 0}, {0, 1, 2, 3}, {3, 0, 1, 2}, {2, 3, 0, 1}});
    }

    /** The filter of DLFS 7.2.2's example: 3x3. */
    public static Tensor dlfsConvK() {
        return Tensor.of(new double[][] {{2, 0, 1}, {0, 1, 2}, {1, 0, 2}});
    }

    /** The input of DLFS 7.3's max-pooling example (2x2 windows, stride 2): a 4x4 image. */
    public static Tensor dlfsPoolX() {
        return Tensor.of(new double[][] {{1, 2, 1, 0}, {0, 1, 2, 3}, {3, 0, 1, 2}, {2, 4, 0, 1}});
    }
}
