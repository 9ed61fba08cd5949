package convkit.exercises;

import convkit.Tensor;

/**
 * Exercises of d2l 7.1 "From Fully Connected Layers to Convolutions" (notebook 00). d2l's hidden representation is
 * {@code H[i, j] = sum over a, b in -Δ..Δ of V[a, b] X[i + a, j + b]}, with channels
 * {@code H[i, j, d] = sum over a, b, c of V[a, b, c, d] X[i + a, j + b, c]}. Exercises 7.1.2 (1, 3), 7.1.3 and
 * 7.1.4 have no checkable answer: they are discussed in the notebook.
 *
 * <p>Replace each {@code throw new UnsupportedOperationException(...)} by your answer, then run
 * {@code ./convkit check 7.1}.
 */
public final class Sec71DenseToConv {
    private Sec71DenseToConv() {
    }

    /** 7.1.1 With Δ = 0, how many weights does V[a, b, c, d] have for c_i input and c_o output channels? */
    public static long deltaZeroWeights(int ci, int co) {
        // BEGIN SOLUTION Exercise 7.1.1: count the values a and b can take when Δ = 0
        return (long) ci * co;
        // END SOLUTION
    }

    /**
     * 7.1.1 The layer with Δ = 0 written without any convolution: {@code H[d, i, j] = sum over c of V[d, c] X[c, i, j]},
     * the same dense layer (an MLP layer without activation) applied to the channel vector of every pixel.
     *
     * @param x (c_i, h, w); not modified
     * @param v (c_o, c_i); not modified
     * @return (c_o, h, w)
     */
    public static Tensor deltaZeroLayer(Tensor x, Tensor v) {
        // BEGIN SOLUTION Exercise 7.1.1: one matrix product over the channel axis, or three loops
        int ci = x.dim(0), h = x.dim(1), w = x.dim(2), co = v.dim(0);
        return v.matmul(x.reshape(ci, h * w)).reshape(co, h, w);
        // END SOLUTION
    }

    /**
     * 7.1.2 (part 2) The layer for audio: a 1-D sequence x and a kernel k of any length m (d2l's Δ gives
     * m = 2Δ + 1; even lengths are allowed too), {@code y[i] = sum over a < m of k[a] x[i + a]} for every i where
     * the window fits: locality and translation invariance in one dimension.
     *
     * @param x (n); not modified
     * @param k (m) with 1 <= m <= n; not modified
     * @return (n - m + 1)
     */
    public static Tensor audioLayer(Tensor x, Tensor k) {
        // BEGIN SOLUTION Exercise 7.1.2: one sum over the window per output position
        int n = x.dim(0), m = k.dim(0);
        Tensor y = Tensor.zeros(n - m + 1);
        for (int i = 0; i <= n - m; i++) {
            double s = 0;
            for (int a = 0; a < m; a++) s += k.get(a) * x.get(i + a);
            y.set(s, i);
        }
        return y;
        // END SOLUTION
    }

    /**
     * 7.1.5 An object at the boundary: an h x w image, a kh x kw kernel and "same" padding (kh - 1 rows and kw - 1
     * columns of zeros in total, however they are split between the two sides), so the output is h x w. How many
     * output pixels have a window that contains at least one padded zero? Kernels of any size, odd or even, with
     * kh <= h and kw <= w; the count can exceed an int.
     */
    public static long outputsTouchingPadding(int h, int w, int kh, int kw) {
        // BEGIN SOLUTION Exercise 7.1.5: count the outputs whose window lies inside the image, and subtract
        return (long) h * w - (long) (h - kh + 1) * (w - kw + 1);
        // END SOLUTION
    }

    /**
     * 7.1.6 The (full) discrete convolution of two sequences, {@code (f * g)[i] = sum over a of f[a] g[i - a]} for
     * i = 0 .. n + m - 2, where terms with an index outside a sequence are 0. Prove on paper that f * g = g * f;
     * the tests check your code against the definition and in both orders.
     *
     * @param f (n), n >= 1; not modified
     * @param g (m), m >= 1; not modified
     * @return (n + m - 1)
     */
    public static Tensor convolveFull(Tensor f, Tensor g) {
        // BEGIN SOLUTION Exercise 7.1.6: two loops, adding f[a] g[b] to position a + b
        int n = f.dim(0), m = g.dim(0);
        Tensor y = Tensor.zeros(n + m - 1);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < m; b++) y.set(y.get(a + b) + f.get(a) * g.get(b), a + b);
        }
        return y;
        // END SOLUTION
    }
}
