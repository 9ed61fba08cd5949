package convkit.models;

import convkit.Tensor;
import convkit.nn.AvgPool2D;
import convkit.nn.Conv2D;
import convkit.nn.Flatten;
import convkit.nn.Init;
import convkit.nn.Layer;
import convkit.nn.Linear;
import convkit.nn.MaxPool2D;
import convkit.nn.ReLU;
import convkit.nn.Sequential;
import convkit.nn.Sigmoid;

import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * LeNet-5 as in d2l 7.6 (PyTorch edition):
 * <pre>
 * Conv2D(1→6, 5x5, pad 2) → Sigmoid → AvgPool2D(2, stride 2)
 * Conv2D(6→16, 5x5)       → Sigmoid → AvgPool2D(2, stride 2)
 * Flatten → Linear(400→120) → Sigmoid → Linear(120→84) → Sigmoid → Linear(84→10)
 * </pre>
 * and the "modern" variant with ReLU instead of Sigmoid and max-pooling instead of average pooling.
 *
 * <p>Input (N, 1, 28, 28); output logits (N, 10). Shapes after each layer for one image: 6x28x28, 6x28x28,
 * 6x14x14, 16x10x10, 16x10x10, 16x5x5, 400, 120, 120, 84, 84, 10.
 *
 * <p>Initialisation as d2l's {@code init_cnn}: every Conv2D and Linear weight Xavier-uniform
 * ({@link Init#xavierUniform}); biases keep PyTorch's default U(-1/sqrt(fan_in), 1/sqrt(fan_in))
 * ({@link Init#uniformBias}); all drawn in layer order (weight, then bias) from one {@code java.util.Random(seed)}.
 *
 * <p>The first convolution does not compute the gradient of its input (the images), so {@code net.backward(g)}
 * returns null; build the layers yourself to inspect dL/dx.
 */
public final class LeNet {
    private LeNet() {
    }

    /** d2l's LeNet: sigmoid activations and average pooling. */
    public static Sequential d2l(long seed) {
        return build(seed, Sigmoid::new, () -> AvgPool2D.of(2).stride(2).build());
    }

    /** The modern variant: ReLU activations and max pooling (d2l 7.6 exercises). */
    public static Sequential modern(long seed) {
        return build(seed, ReLU::new, () -> MaxPool2D.of(2).stride(2).build());
    }

    /**
     * The model called {@code name}: "d2l" or "modern".
     *
     * @throws IllegalArgumentException for another name
     */
    public static Sequential byName(String name, long seed) {
        return switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "d2l" -> d2l(seed);
            case "modern" -> modern(seed);
            default -> throw new IllegalArgumentException("model must be \"d2l\" or \"modern\" but was \"" + name + "\"");
        };
    }

    private static Sequential build(long seed, Supplier<Layer> act, Supplier<Layer> pool) {
        Random rng = new Random(seed);
        return new Sequential(
                conv(rng, 1, 6, 2).inputGradient(false), act.get(), pool.get(),
                conv(rng, 6, 16, 0), act.get(), pool.get(),
                new Flatten(),
                Linear.of(16 * 5 * 5, 120).random(rng).build(), act.get(),
                Linear.of(120, 84).random(rng).build(), act.get(),
                Linear.of(84, 10).random(rng).build());
    }

    private static Conv2D conv(Random rng, int in, int out, int pad) {
        Tensor w = Init.xavierUniform(rng, out, in, 5, 5);
        Tensor b = Init.uniformBias(rng, out, in * 25);
        return Conv2D.fromWeights(w, b).padding(pad).build();
    }
}
