package convkit.nn;

import convkit.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Weight initialisation, seeded. Fan-in and fan-out follow PyTorch's {@code _calculate_fan_in_and_fan_out}: for a
 * weight of shape (out, in, k...) — a Linear (out, in) or a Conv2D (F, C, kh, kw) — fan_in = in * prod(k) and
 * fan_out = out * prod(k).
 */
public final class Init {
    private Init() {
    }

    /**
     * Glorot/Xavier uniform (PyTorch {@code nn.init.xavier_uniform_}, which d2l's LeNet uses): values drawn from
     * U(-a, a) with a = sqrt(6 / (fan_in + fan_out)).
     *
     * @param rng   the random source (advanced by one draw per element)
     * @param shape at least 2 axes: (out, in, k...)
     * @return a new tensor of {@code shape}
     */
    public static Tensor xavierUniform(Random rng, int... shape) {
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        if (shape == null || shape.length < 2) {
            throw new IllegalArgumentException("xavierUniform needs a shape with at least 2 axes (out, in, ...) but got "
                    + Arrays.toString(shape));
        }
        long receptive = 1;
        for (int a = 2; a < shape.length; a++) receptive *= shape[a];
        double fanIn = shape[1] * (double) receptive, fanOut = shape[0] * (double) receptive;
        double bound = Math.sqrt(6.0 / (fanIn + fanOut));
        Tensor t = Tensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (2 * rng.nextDouble() - 1) * bound;
        return t;
    }

    /**
     * PyTorch's default bias init of {@code nn.Linear} and {@code nn.Conv2d} (kept by d2l's {@code init_cnn}, which
     * only re-initialises weights): U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
     *
     * @param rng   the random source (advanced by one draw per element)
     * @param n     number of biases
     * @param fanIn the layer's fan-in (in for Linear, C*kh*kw for Conv2D)
     * @return a new tensor of shape (n)
     */
    public static Tensor uniformBias(Random rng, int n, int fanIn) {
        if (rng == null) throw new IllegalArgumentException("rng must not be null");
        if (n < 0 || fanIn <= 0) throw new IllegalArgumentException("uniformBias needs n >= 0 and fanIn > 0 but got n=" + n + ", fanIn=" + fanIn);
        double bound = 1.0 / Math.sqrt(fanIn);
        Tensor t = Tensor.zeros(n);
        double[] d = t.data();
        for (int i = 0; i < n; i++) d[i] = (2 * rng.nextDouble() - 1) * bound;
        return t;
    }
}
