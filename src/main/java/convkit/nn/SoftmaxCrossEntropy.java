package convkit.nn;

import convkit.Tensor;

import java.util.Arrays;

/**
 * Softmax followed by cross-entropy, averaged over the batch (PyTorch {@code nn.CrossEntropyLoss()} on logits,
 * DLFS {@code SoftmaxWithLoss}).
 *
 * <p>{@link #forward} takes logits (N, K) and labels (N, values in [0, K)) and returns
 * {@code mean_n( logsumexp(z_n) - z_n[y_n] )}, computed stably by subtracting each row's maximum.
 * {@link #backward} returns dL/dlogits = (softmax(z) - onehot(y)) / N. Float32 logits are read exactly as doubles, the
 * loss is computed in double and the gradient returned in float32 (rounded once).
 */
public final class SoftmaxCrossEntropy {
    private double[] probs;
    private int[] labels;
    private int n, k;
    private Tensor.DType dtype = Tensor.DType.FLOAT64;

    /** Returns the mean loss and caches the probabilities for {@link #backward}. Nothing is modified. */
    public double forward(Tensor logits, int[] labels) {
        if (logits == null || logits.rank() != 2) {
            throw new IllegalArgumentException("logits must be 2-D (N, K) but was "
                    + (logits == null ? "null" : Arrays.toString(logits.shape())));
        }
        int n = logits.dim(0), k = logits.dim(1);
        if (labels == null || labels.length != n) {
            throw new IllegalArgumentException("labels must have length N = " + n + " for logits "
                    + Arrays.toString(logits.shape()) + " but had " + (labels == null ? "null" : labels.length));
        }
        if (n == 0) throw new IllegalArgumentException("logits " + Arrays.toString(logits.shape()) + " hold no examples");
        double[] z = logits.dtype() == Tensor.DType.FLOAT32 ? logits.toFloat64().data() : logits.data(), p = new double[n * k];
        this.dtype = logits.dtype();
        double total = 0;
        for (int s = 0; s < n; s++) {
            int y = labels[s];
            if (y < 0 || y >= k) {
                throw new IllegalArgumentException("labels[" + s + "] = " + y + " is outside [0, " + k + ") for logits "
                        + Arrays.toString(logits.shape()));
            }
            int o = s * k;
            double m = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) m = Math.max(m, z[o + j]);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(z[o + j] - m);
                p[o + j] = e;
                sum += e;
            }
            for (int j = 0; j < k; j++) p[o + j] /= sum;
            total += m + Math.log(sum) - z[o + y];
        }
        this.probs = p;
        this.labels = labels.clone();
        this.n = n;
        this.k = k;
        return total / n;
    }

    /** dL/dlogits for the last forward: a new (N, K) tensor (softmax - onehot) / N. */
    public Tensor backward() {
        if (probs == null) throw new IllegalStateException("SoftmaxCrossEntropy.backward called before forward");
        double[] g = probs.clone();
        for (int s = 0; s < n; s++) g[s * k + labels[s]] -= 1.0;
        for (int i = 0; i < g.length; i++) g[i] /= n;
        Tensor t = Tensor.wrap(g, n, k);
        return dtype == Tensor.DType.FLOAT32 ? t.toFloat32() : t;
    }

    /** The softmax probabilities of the last forward, a new (N, K) tensor. */
    public Tensor probabilities() {
        if (probs == null) throw new IllegalStateException("SoftmaxCrossEntropy.probabilities called before forward");
        return Tensor.wrap(probs.clone(), n, k);
    }

    @Override
    public String toString() {
        return "SoftmaxCrossEntropy()";
    }
}
