package convkit.data;

import convkit.Tensor;

/**
 * A mini-batch: images {@code x} of shape (N, 1, H, W) with pixels in [0, 1], and their class labels {@code y}
 * (length N, values 0..9).
 */
public record Batch(Tensor x, int[] y) {
    /** The number of examples N. */
    public int size() {
        return y.length;
    }
}
