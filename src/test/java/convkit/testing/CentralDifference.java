package convkit.testing;

import convkit.Tensor;
import convkit.nn.Layer;
import convkit.nn.Parameter;

import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test helper: checks a layer's backward against central differences in double precision. The scalar checked
 * is {@code L = sum(forward(x) * R)} for a fixed random R, so dL/dy = R.
 */
public final class CentralDifference {
    private CentralDifference() {
    }

    /** Checks dx and every parameter gradient of {@code layer} at {@code x}; returns the worst relative error. */
    public static double check(Layer layer, Tensor x, long seed, double tol) {
        Tensor y = layer.forward(x);
        Random rnd = new Random(seed);
        double[] r = new double[y.size()];
        for (int i = 0; i < r.length; i++) r[i] = rnd.nextGaussian();
        Tensor dy = Tensor.wrap(r.clone(), y.shape());
        layer.zeroGrad();
        Tensor dx = layer.backward(dy);
        double worst = 0;
        Supplier<Double> loss = () -> {
            double[] yy = layer.forward(x).data();
            double s = 0;
            for (int i = 0; i < yy.length; i++) s += yy[i] * r[i];
            return s;
        };
        worst = Math.max(worst, compare("dx", x.data(), dx.data(), loss, tol));
        for (Parameter p : layer.parameters()) {
            worst = Math.max(worst, compare(p.name(), p.value().data(), p.grad().data().clone(), loss, tol));
        }
        return worst;
    }

    private static double compare(String what, double[] v, double[] analytic, Supplier<Double> loss, double tol) {
        double h = 1e-6, worst = 0;
        for (int i = 0; i < v.length; i++) {
            double old = v[i];
            v[i] = old + h;
            double lp = loss.get();
            v[i] = old - h;
            double lm = loss.get();
            v[i] = old;
            double num = (lp - lm) / (2 * h);
            double err = Math.abs(num - analytic[i]) / Math.max(1.0, Math.abs(num) + Math.abs(analytic[i]));
            assertThat(err).as("%s[%d]: numeric %s vs analytic %s", what, i, num, analytic[i]).isLessThan(tol);
            worst = Math.max(worst, err);
        }
        return worst;
    }

    /** A seeded standard-normal tensor. */
    public static Tensor randn(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        Random r = new Random(seed);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = r.nextGaussian();
        return t;
    }
}
