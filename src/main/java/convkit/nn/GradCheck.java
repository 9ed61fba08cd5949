package convkit.nn;

import convkit.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Central-difference gradient checker for a {@link Layer}, in double precision.
 *
 * <p>It uses the scalar loss {@code L = sum(layer.forward(x) * r)} with a fixed random {@code r} (uniform in
 * [-1, 1), seeded), so that {@code dL/dy = r}. The analytic gradients are {@code layer.backward(r)} (for the input)
 * and the parameters' {@code grad()} after {@link Layer#zeroGrad()}; the numeric ones are
 * {@code (L(v + h) - L(v - h)) / 2h} with {@code h = } {@value #STEP} for every element v of the input and of every
 * parameter. The error of one element is {@code |analytic - numeric| / max(1, |analytic|, |numeric|)} (relative
 * for large gradients, absolute for small ones); the check passes when every error is at most
 * {@value #TOLERANCE}. With h = 1e-5 the truncation error is about 1e-10 times the third derivative and the
 * rounding error about 1e-11 times |L|, far below the tolerance for the layers of this kit, while a missing or
 * wrong term gives errors of order 1.
 *
 * <p>It checks that backward is the derivative of this layer's own forward, not that forward is right: a layer whose
 * forward returns zeros and whose backward returns zeros passes. Compare forward (and, for graded work, the gradients)
 * with an oracle too, as the kit's exercise tests do ({@code LibraryOracle} in the exercises' tests).
 *
 * <p>Side effects: the parameters' gradients are zeroed and then hold the analytic gradient; values of {@code x}
 * and the parameters are perturbed and restored exactly. Piecewise-linear layers (max pooling) must be checked on
 * inputs without near-ties (distinct random values), as at a kink no derivative exists.
 */
public final class GradCheck {
    /** Finite-difference step. */
    public static final double STEP = 1e-5;
    /** Largest accepted error (see the class comment for its definition). */
    public static final double TOLERANCE = 1e-6;

    private GradCheck() {
    }

    /** The worst element of one tensor: its name ("input" or the parameter's name), flat index and both values. */
    public record Entry(String tensor, int[] shape, double maxError, int worstIndex, double analytic, double numeric) {
        /** The multi-index of the worst element. */
        public int[] worstIndexNd() {
            int[] idx = new int[shape.length];
            int r = worstIndex;
            for (int a = shape.length - 1; a >= 0; a--) {
                idx[a] = shape[a] == 0 ? 0 : r % shape[a];
                r = shape[a] == 0 ? 0 : r / shape[a];
            }
            return idx;
        }

        @Override
        public String toString() {
            return String.format("%s %s: max error %.3e at index %s (analytic %.17g, numeric %.17g)", tensor,
                    Arrays.toString(shape), maxError, Arrays.toString(worstIndexNd()), analytic, numeric);
        }
    }

    /** One {@link Entry} per checked tensor: the input first, then the parameters in {@link Layer#parameters()} order. */
    public record Report(List<Entry> entries) {
        /** The largest error over all tensors. */
        public double maxError() {
            double m = 0;
            for (Entry e : entries) m = Math.max(m, e.maxError());
            return m;
        }

        /** The entry of the named tensor. */
        public Entry entry(String tensor) {
            for (Entry e : entries) if (e.tensor().equals(tensor)) return e;
            throw new IllegalArgumentException("no tensor named " + tensor + " in this report");
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("GradCheck (tolerance " + TOLERANCE + ")");
            for (Entry e : entries) sb.append("\n  ").append(e);
            return sb.toString();
        }
    }

    /**
     * Compares analytic and numeric gradients of {@code layer} at input {@code x}.
     *
     * @param seed seed of the upstream gradient r
     */
    public static Report check(Layer layer, Tensor x, long seed) {
        if (layer == null) throw new IllegalArgumentException("layer must not be null");
        if (x == null) throw new IllegalArgumentException("x must not be null");
        Tensor y0 = layer.forward(x);
        Random rnd = new Random(seed);
        double[] r = new double[y0.size()];
        for (int i = 0; i < r.length; i++) r[i] = 2 * rnd.nextDouble() - 1;
        Tensor dy = Tensor.wrap(r, y0.shape());
        layer.zeroGrad();
        Tensor dx = layer.backward(dy);
        if (dx == null || !Arrays.equals(dx.shape(), x.shape())) {
            throw new AssertionError("backward returned shape " + (dx == null ? "null" : Arrays.toString(dx.shape()))
                    + " but the input has shape " + Arrays.toString(x.shape()));
        }
        List<Entry> entries = new ArrayList<>();
        entries.add(compare("input", x, dx.data().clone(), layer, x, r));
        for (Parameter p : layer.parameters()) {
            entries.add(compare(p.name(), p.value(), p.grad().data().clone(), layer, x, r));
        }
        return new Report(List.copyOf(entries));
    }

    /**
     * Like {@link #check} but throws an {@link AssertionError} naming the tensor, the index and both values when
     * an error exceeds {@link #TOLERANCE}.
     *
     * @return the report when the check passes
     */
    public static Report assertGradients(Layer layer, Tensor x, long seed) {
        Report rep = check(layer, x, seed);
        for (Entry e : rep.entries()) {
            if (!(e.maxError() <= TOLERANCE)) {
                throw new AssertionError("gradient check failed for " + layer + ": gradient of " + e.tensor()
                        + " " + Arrays.toString(e.shape()) + " at index " + Arrays.toString(e.worstIndexNd())
                        + " is " + e.analytic() + " but central differences give " + e.numeric() + " (error "
                        + String.format("%.3e", e.maxError()) + " > tolerance " + TOLERANCE + ")\n" + rep);
            }
        }
        return rep;
    }

    private static Entry compare(String name, Tensor t, double[] analytic, Layer layer, Tensor x, double[] r) {
        double[] v = t.data();
        double worst = -1, wa = 0, wn = 0;
        int wi = -1;
        for (int i = 0; i < v.length; i++) {
            double old = v[i];
            v[i] = old + STEP;
            double lp = loss(layer, x, r);
            v[i] = old - STEP;
            double lm = loss(layer, x, r);
            v[i] = old;
            double num = (lp - lm) / (2 * STEP);
            double a = analytic[i];
            double err = Math.abs(a - num) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(num)));
            if (Double.isNaN(err)) err = Double.POSITIVE_INFINITY;
            if (err > worst) {
                worst = err;
                wi = i;
                wa = a;
                wn = num;
            }
        }
        return new Entry(name, t.shape(), Math.max(worst, 0), Math.max(wi, 0), wa, wn);
    }

    private static double loss(Layer layer, Tensor x, double[] r) {
        double[] y = layer.forward(x).data();
        double s = 0;
        for (int i = 0; i < y.length; i++) s += y[i] * r[i];
        return s;
    }
}
