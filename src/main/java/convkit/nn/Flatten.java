package convkit.nn;

import convkit.Tensor;

import java.util.Arrays;

/**
 * Flattens every axis after the first: (N, d1, d2, ...) -> (N, d1*d2*...), like PyTorch {@code nn.Flatten()}.
 * The output shares the input's data (a view); backward reshapes dy back to the input shape, also without copying.
 */
public final class Flatten implements Layer {
    private int[] inShape;

    @Override
    public Tensor forward(Tensor x) {
        if (x == null || x.rank() < 1) {
            throw new IllegalArgumentException("Flatten needs x with a batch axis but got "
                    + (x == null ? "null" : Arrays.toString(x.shape())));
        }
        inShape = x.shape();
        int n = inShape[0];
        return x.reshape(n, n == 0 ? 0 : x.size() / n);
    }

    @Override
    public Tensor backward(Tensor dy) {
        if (inShape == null) throw new IllegalStateException("Flatten.backward called before forward");
        long size = 1;
        for (int d : inShape) size *= d;
        if (dy == null || dy.size() != size || dy.rank() != 2 || dy.dim(0) != inShape[0]) {
            throw new IllegalArgumentException("Flatten.backward needs dy of shape (" + inShape[0] + ", "
                    + (inShape[0] == 0 ? 0 : size / inShape[0]) + ") for input " + Arrays.toString(inShape) + " but got "
                    + (dy == null ? "null" : Arrays.toString(dy.shape())));
        }
        return dy.reshape(inShape);
    }

    /** A new, independent {@code Flatten} (it has no parameters). */
    @Override
    public Flatten replica() {
        return new Flatten();
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
