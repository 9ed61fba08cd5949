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
        // BEGIN SOLUTION Exercise 7.9.1: implement corr2d with four loops (d2l 7.2.1); check the shapes first
        if (x == null || k == null || x.rank() != 2 || k.rank() != 2) {
            throw new IllegalArgumentException("corr2d needs 2-D x and k but got x " + (x == null ? "null" : java.util.Arrays.toString(x.shape()))
                    + " and k " + (k == null ? "null" : java.util.Arrays.toString(k.shape())));
        }
        int h = x.dim(0), w = x.dim(1), kh = k.dim(0), kw = k.dim(1);
        if (kh > h || kw > w) {
            throw new IllegalArgumentException("kernel k " + java.util.Arrays.toString(k.shape()) + " is larger than x "
                    + java.util.Arrays.toString(x.shape()));
        }
        Tensor y = Tensor.zeros(h - kh + 1, w - kw + 1);
        for (int i = 0; i < h - kh + 1; i++) {
            for (int j = 0; j < w - kw + 1; j++) {
                double s = 0;
                for (int a = 0; a < kh; a++) {
                    for (int b = 0; b < kw; b++) s += x.get(i + a, j + b) * k.get(a, b);
                }
                y.set(s, i, j);
            }
        }
        return y;
        // END SOLUTION
    }
}
