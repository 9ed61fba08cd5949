package convkit.exercises;

import convkit.Tensor;

/**
 * Exercises of d2l 7.2 "Convolutions for Images" (notebook 01). Kernels here are used by
 * cross-correlation, as {@code Ops.corr2d} computes it: {@code Y[i][j] = sum_a sum_b X[i+a][j+b] K[a][b]},
 * with i the row (height, downwards) and j the column (width, rightwards).
 *
 * <p>Replace each {@code throw new UnsupportedOperationException(...)} by your answer, then run
 * {@code ./convkit check 7.2} (or {@code Check.run("7.2")} in a notebook).
 */
public final class Sec72Kernels {
    private Sec72Kernels() {
    }

    /** What the output of a kernel looks like (answers of 7.2.1). */
    public enum Response {
        /** All zeros. */
        VANISHES,
        /** +1 along one diagonal line, 0 elsewhere. */
        PLUS_ONES_ON_A_DIAGONAL,
        /** -1 along one diagonal line, 0 elsewhere. */
        MINUS_ONES_ON_A_DIAGONAL,
        /** Non-zero on a full column. */
        VERTICAL_LINE,
        /** Non-zero on a full row. */
        HORIZONTAL_LINE
    }

    /** Image structures (answer of 7.2.2, second derivative). */
    public enum Structure {
        FLAT_REGION, LINEAR_RAMP, STRAIGHT_EDGE, ISOLATED_DOT
    }

    /**
     * 7.2.1 An n x n image with a diagonal edge: {@code X[i][j] = 1} where {@code j <= i} (on and below the
     * main diagonal), 0 elsewhere.
     *
     * @return shape (n, n)
     */
    public static Tensor diagonalEdgeImage(int n) {
        // BEGIN SOLUTION Exercise 7.2.1: build the n x n image with X[i][j] = 1 where j <= i, else 0
        Tensor x = Tensor.zeros(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) x.set(1, i, j);
        }
        return x;
        // END SOLUTION
    }

    /** 7.2.1 (a) What does the kernel K = [[1, -1]] of section 7.2.3 give on {@link #diagonalEdgeImage}? */
    public static Response kOnDiagonalImage() {
        // BEGIN SOLUTION Exercise 7.2.1a: compute Ops.corr2d(diagonalEdgeImage(6), K) and pick the Response you see
        return Response.PLUS_ONES_ON_A_DIAGONAL;
        // END SOLUTION
    }

    /** 7.2.1 (b) And on the transposed image {@code diagonalEdgeImage(n).transpose()}? */
    public static Response kOnTransposedImage() {
        // BEGIN SOLUTION Exercise 7.2.1b: compute Ops.corr2d(X.transpose(), K) and pick the Response you see
        return Response.MINUS_ONES_ON_A_DIAGONAL;
        // END SOLUTION
    }

    /** 7.2.1 (c) And the transposed kernel [[1], [-1]] on the (untransposed) image? */
    public static Response transposedKOnImage() {
        // BEGIN SOLUTION Exercise 7.2.1c: compute Ops.corr2d(X, K.transpose()) and pick the Response you see
        return Response.MINUS_ONES_ON_A_DIAGONAL;
        // END SOLUTION
    }

    /**
     * 7.2.2 A kernel (at most 3 x 3) that detects edges orthogonal to the direction v = (v1, v2), where v1 points
     * along the width (columns, j) and v2 along the height (rows, i). On a ramp that changes along v,
     * {@code f(i, j) = v1*j + v2*i}, its response must be a non-zero constant; on a ramp that is constant along v,
     * {@code f(i, j) = v2*j - v1*i}, it must be zero.
     */
    public static Tensor directionalEdgeKernel(double v1, double v2) {
        // BEGIN SOLUTION Exercise 7.2.2 (direction): an edge orthogonal to v is a change along v; write that change with differences along the two axes
        // x[i][j] - x[i][j+1] weighted by v1, plus x[i][j] - x[i+1][j] weighted by v2
        return Tensor.of(new double[][] {{v1 + v2, -v1}, {-v2, 0}});
        // END SOLUTION
    }

    /**
     * 7.2.2 (second derivative) The finite-difference kernel of the second derivative along the width, of the smallest size:
     * on {@code f(j) = j*j} its response is 2, on constants and linear ramps 0.
     *
     * @return shape (1, k)
     */
    public static Tensor secondDerivativeKernel() {
        // BEGIN SOLUTION Exercise 7.2.2 (second derivative): take the difference of two neighbouring differences
        return Tensor.of(new double[][] {{1, -2, 1}});
        // END SOLUTION
    }

    /**
     * 7.2.2 (second derivative) A 2-D Laplacian kernel (the sum of the second derivatives along both axes): its response is 2 on
     * {@code i*i} and on {@code j*j}, and 0 on {@code i*j}, linear ramps and constants.
     *
     * @return shape (3, 3)
     */
    public static Tensor laplacianKernel() {
        // BEGIN SOLUTION Exercise 7.2.2 (second derivative): combine second differences along both axes
        return Tensor.of(new double[][] {{0, 1, 0}, {1, -4, 1}, {0, 1, 0}});
        // END SOLUTION
    }

    /** 7.2.2 (second derivative) The minimum size (number of taps along one axis) of a second-derivative kernel. */
    public static int minSecondDerivativeKernelSize() {
        // BEGIN SOLUTION Exercise 7.2.2 (second derivative): how many neighbouring values does a second difference need?
        return 3;
        // END SOLUTION
    }

    /** 7.2.2 (second derivative) To which structure does the Laplacian respond most strongly (largest |response| for a unit contrast)? */
    public static Structure strongestLaplacianResponse() {
        // BEGIN SOLUTION Exercise 7.2.2 (second derivative): apply laplacianKernel() to a flat image, a ramp, a step edge and a single bright pixel
        return Structure.ISOLATED_DOT;
        // END SOLUTION
    }

    /**
     * 7.2.2 (blur) A k x k blur kernel: non-negative, symmetric (unchanged by flips and transposition), summing to one
     * (so flat regions keep their brightness).
     */
    public static Tensor blurKernel(int k) {
        // BEGIN SOLUTION Exercise 7.2.2 (blur): which k x k kernel makes every output a local mean?
        return Tensor.full(1.0 / (k * k), k, k);
        // END SOLUTION
    }

    /** 7.2.2 (order d) The minimum size of a finite-difference kernel for the derivative of order d (d >= 0). */
    public static int minKernelSizeForDerivative(int d) {
        // BEGIN SOLUTION Exercise 7.2.2 (order d): count the points a d-th difference needs
        if (d < 0) throw new IllegalArgumentException("d must be >= 0 but was " + d);
        return d + 1;
        // END SOLUTION
    }
}
