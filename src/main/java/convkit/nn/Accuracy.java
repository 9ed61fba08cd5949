package convkit.nn;

import convkit.Tensor;

import java.util.Arrays;

/** Classification accuracy from logits (d2l 3.6 {@code accuracy}): the predicted class is the row's argmax. */
public final class Accuracy {
    private Accuracy() {
    }

    /**
     * The number of rows of {@code logits} (N, K) whose argmax (first maximum on ties) equals the label.
     * Nothing is modified.
     */
    public static int correct(Tensor logits, int[] labels) {
        int[] pred = predict(logits);
        if (labels == null || labels.length != pred.length) {
            throw new IllegalArgumentException("labels must have length N = " + pred.length + " for logits "
                    + Arrays.toString(logits.shape()) + " but had " + (labels == null ? "null" : labels.length));
        }
        int c = 0;
        for (int s = 0; s < pred.length; s++) if (pred[s] == labels[s]) c++;
        return c;
    }

    /** {@link #correct} / N (NaN for N = 0). */
    public static double of(Tensor logits, int[] labels) {
        return correct(logits, labels) / (double) logits.dim(0);
    }

    /** The argmax of each row of {@code logits} (N, K) (first maximum on ties). */
    public static int[] predict(Tensor logits) {
        if (logits == null || logits.rank() != 2 || logits.dim(1) == 0) {
            throw new IllegalArgumentException("logits must be 2-D (N, K) with K > 0 but was "
                    + (logits == null ? "null" : Arrays.toString(logits.shape())));
        }
        int n = logits.dim(0), k = logits.dim(1);
        double[] z = logits.dtype() == Tensor.DType.FLOAT32 ? logits.toFloat64().data() : logits.data();
        int[] pred = new int[n];
        for (int s = 0; s < n; s++) {
            int best = 0;
            for (int j = 1; j < k; j++) if (z[s * k + j] > z[s * k + best]) best = j;
            pred[s] = best;
        }
        return pred;
    }
}
