package convkit.models;

import convkit.Tensor;
import convkit.nn.Conv2D;
import convkit.nn.Flatten;
import convkit.nn.Linear;
import convkit.nn.MaxPool2D;
import convkit.nn.ReLU;
import convkit.nn.Sequential;

import java.util.Random;

/**
 * DLFS 7.5's {@code SimpleConvNet}, built from the library's layers:
 * <pre>
 * Conv2D(C→30, 5x5, pad 0, stride 1) → ReLU → MaxPool2D(2, stride 2)
 * Flatten → Linear(30·12·12 = 4320 → 100) → ReLU → Linear(100 → 10)
 * </pre>
 * (the book's {@code SoftmaxWithLoss} is {@link convkit.nn.SoftmaxCrossEntropy}, applied by the trainer to the logits).
 * Input (N, 1, 28, 28) for {@link #dlfs}; output logits (N, 10).
 *
 * <p>Initialisation as the book's: every weight {@code weight_init_std · N(0, 1)} with {@code weight_init_std = 0.01},
 * every bias 0, drawn in layer order from {@code new java.util.Random(seed).nextGaussian()}. The book's affine
 * weights are stored (in, out); convkit's {@link Linear} stores (out, in) like PyTorch: the same layer. The book trains
 * it on MNIST; MNIST is not packaged in Debian, so notebook 07 uses Fashion-MNIST (same format, harder images).
 */
public final class SimpleConvNet {
    private SimpleConvNet() {
    }

    /** The book's network for (1, 28, 28) images: 30 filters of 5x5, 100 hidden units, 10 classes, std 0.01. */
    public static Sequential dlfs(long seed) {
        return of(1, 28, 28, 30, 5, 0, 1, 100, 10, 0.01, seed);
    }

    /**
     * The network with the book's constructor arguments ({@code input_dim}, {@code conv_param}, {@code hidden_size},
     * {@code output_size}, {@code weight_init_std}). DLFS's gradient check uses
     * {@code of(1, 10, 10, 10, 3, 0, 1, 10, 10, 0.01, seed)}.
     *
     * @throws IllegalArgumentException if a size is not positive, the filter does not fit, or the conv output is odd
     *                                  (the 2x2 pooling with stride 2 needs an even size, as in the book)
     */
    public static Sequential of(int channels, int height, int width, int filters, int filterSize, int pad, int stride,
                                int hidden, int classes, double weightInitStd, long seed) {
        if (channels < 1 || height < 1 || width < 1 || filters < 1 || filterSize < 1 || pad < 0 || stride < 1 || hidden < 1
                || classes < 1) {
            throw new IllegalArgumentException("SimpleConvNet needs positive sizes (pad >= 0) but got input (" + channels + ", "
                    + height + ", " + width + "), filters " + filters + " of " + filterSize + "x" + filterSize + ", pad " + pad
                    + ", stride " + stride + ", hidden " + hidden + ", classes " + classes);
        }
        if (!(weightInitStd > 0) || Double.isInfinite(weightInitStd)) {
            throw new IllegalArgumentException("weightInitStd must be positive and finite but was " + weightInitStd);
        }
        int oh = (height + 2 * pad - filterSize) / stride + 1, ow = (width + 2 * pad - filterSize) / stride + 1;
        if (height + 2 * pad < filterSize || width + 2 * pad < filterSize) {
            throw new IllegalArgumentException("filter " + filterSize + "x" + filterSize + " does not fit the input " + height + "x"
                    + width + " with pad " + pad);
        }
        if (oh % 2 != 0 || ow % 2 != 0) {
            throw new IllegalArgumentException("the convolution's output " + oh + "x" + ow + " must be even for the 2x2 pooling");
        }
        int pooled = filters * (oh / 2) * (ow / 2);
        Random rng = new Random(seed);
        Tensor w1 = gaussian(rng, weightInitStd, filters, channels, filterSize, filterSize);
        Tensor w2 = gaussian(rng, weightInitStd, hidden, pooled);
        Tensor w3 = gaussian(rng, weightInitStd, classes, hidden);
        return fromWeights(w1, Tensor.zeros(filters), w2, Tensor.zeros(hidden), w3, Tensor.zeros(classes), pad, stride);
    }

    /**
     * The network around given parameters (not copied: the layers' parameters wrap them), for loading weights or
     * comparing with another implementation.
     *
     * @param w1 (F, C, k, k) filters, b1 (F)
     * @param w2 (H, F * (oh/2) * (ow/2)) in (out, in) layout, b2 (H)
     * @param w3 (classes, H), b3 (classes)
     * @throws IllegalArgumentException if the shapes do not chain (the message names both shapes)
     */
    public static Sequential fromWeights(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Tensor w3, Tensor b3, int pad, int stride) {
        if (w1 == null || b1 == null || w2 == null || b2 == null || w3 == null || b3 == null) {
            throw new IllegalArgumentException("SimpleConvNet.fromWeights: no parameter may be null");
        }
        Tensor.requireRank("w1", w1, 4, "(F, C, k, k)");
        Tensor.requireRank("w2", w2, 2, "(H, in)");
        Tensor.requireRank("w3", w3, 2, "(classes, H)");
        if (w3.dim(1) != w2.dim(0)) {
            throw new IllegalArgumentException("w3 " + java.util.Arrays.toString(w3.shape()) + " must take the " + w2.dim(0)
                    + " outputs of w2 " + java.util.Arrays.toString(w2.shape()));
        }
        return new Sequential(
                Conv2D.fromWeights(w1, b1).padding(pad).stride(stride).build(),
                new ReLU(), MaxPool2D.of(2).stride(2).build(),
                new Flatten(),
                Linear.fromWeights(w2, b2), new ReLU(),
                Linear.fromWeights(w3, b3));
    }

    private static Tensor gaussian(Random rng, double std, int... shape) {
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = std * rng.nextGaussian();
        return t;
    }
}
