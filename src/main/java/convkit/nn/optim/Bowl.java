package convkit.nn.optim;

import convkit.Tensor;
import convkit.nn.Parameter;

import java.util.List;
import java.util.function.Function;

/**
 * DLFS 6.1's test function for comparing optimizers, {@code f(x, y) = x^2 / 20 + y^2} (a long, flat valley along x),
 * started at (-7, 2) as in the book's {@code optimizer_compare_naive.py}. Notebook 07 draws the paths of
 * {@link Sgd} (lr 0.95), {@link Momentum} (lr 0.1), {@link AdaGrad} (lr 1.5) and {@link Adam} (lr 0.3), the book's
 * learning rates; OptimizersTorchFixtureTest compares them with PyTorch's.
 */
public final class Bowl {
    /** The book's start. */
    public static final double X0 = -7, Y0 = 2;

    private Bowl() {
    }

    /** {@code x^2 / 20 + y^2}. */
    public static double f(double x, double y) {
        return x * x / 20 + y * y;
    }

    /**
     * The path of an optimizer: {@code steps} steps from (-7, 2) on the gradient {@code (x / 10, 2 y)}.
     *
     * @param optimizer makes the optimizer from the one parameter (x, y)
     * @return {xs, ys}, each of {@code steps + 1} points, the start first
     */
    public static double[][] path(Function<List<Parameter>, Optimizer> optimizer, int steps) {
        if (optimizer == null) throw new IllegalArgumentException("optimizer must not be null");
        if (steps < 0) throw new IllegalArgumentException("steps must be >= 0 but was " + steps);
        Parameter p = new Parameter("xy", Tensor.wrap(new double[] {X0, Y0}, 2));
        Optimizer opt = optimizer.apply(List.of(p));
        double[] xs = new double[steps + 1], ys = new double[steps + 1];
        double[] v = p.value().data(), g = p.grad().data();
        xs[0] = v[0];
        ys[0] = v[1];
        for (int t = 1; t <= steps; t++) {
            g[0] = v[0] / 10;
            g[1] = 2 * v[1];
            opt.step();
            xs[t] = v[0];
            ys[t] = v[1];
        }
        return new double[][] {xs, ys};
    }
}
