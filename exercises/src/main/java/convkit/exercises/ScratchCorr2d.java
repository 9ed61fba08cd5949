package convkit.exercises;

import convkit.Tensor;

/** From-scratch exercise 7.9.1 (notebook 05): the 2-D cross-correlation of d2l 7.2.1, written by you. */
public final class ScratchCorr2d {
    private ScratchCorr2d() {
    }

    /**
     * 7.9.1 {@code Y[i][j] = sum_a sum_b X[i+a][j+b] K[a][b]} (d2l's corr2d). On X = [[0,1,2],[3,4,5],[6,7,8]] and
     * K = [[0,1],[2,3]] it gives [[19, 25], [37, 43]].
     *
     * @param x (h, w); not modified
     * @param k (kh, kw); not modified
     * @return (h - kh + 1, w - kw + 1)
     * @throws IllegalArgumentException if x or k is not 2-D, or k is larger than x along an axis (say which shapes)
     */
    public static Tensor corr2d(Tensor x, Tensor k) {
        throw new UnsupportedOperationException("Exercise 7.9.1: implement corr2d with four loops (d2l 7.2.1); check the shapes first");
    }
}
