package convkit.nn.optim;

import convkit.nn.Parameter;

import java.util.List;

/**
 * Adam (Kingma and Ba 2015), as PyTorch's {@code torch.optim.Adam} computes it (no weight decay, no amsgrad): at step
 * t, {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2},
 * {@code value -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)}; defaults lr 0.001, b1 0.9, b2 0.999,
 * eps 1e-8.
 *
 * <p>DLFS 6.1.6's {@code Adam} differs in one term: it adds its eps (1e-7) to {@code sqrt(v)} <em>before</em> the
 * bias correction ({@code value -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + 1e-7)}), so its eps is in effect
 * {@code 1e-7 / sqrt(1 - b2^t)}. convkit follows PyTorch so that it can be tested against {@code torch.optim.Adam} on
 * fixtures (fixtures/optimizers.json); the two differ only where {@code sqrt(v)} is as small as eps.
 */
public final class Adam implements Optimizer {
    private final List<Parameter> parameters;
    private final double lr, beta1, beta2, eps;
    private final double[][] m, v;
    private int t;

    /** PyTorch's and DLFS's defaults: b1 0.9, b2 0.999, eps 1e-8. */
    public Adam(List<Parameter> parameters, double lr) {
        this(parameters, lr, 0.9, 0.999, 1e-8);
    }

    /**
     * @param lr    learning rate, positive and finite
     * @param beta1 in [0, 1)
     * @param beta2 in [0, 1)
     * @param eps   at least 0
     */
    public Adam(List<Parameter> parameters, double lr, double beta1, double beta2, double eps) {
        this.parameters = Sgd.float64Only("Adam", parameters);
        this.lr = Sgd.checkLr(lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1) but was " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1) but was " + beta2);
        if (!(eps >= 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("eps must be >= 0 and finite but was " + eps);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[this.parameters.size()][];
        this.v = new double[this.parameters.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[this.parameters.get(i).value().size()];
            v[i] = new double[m[i].length];
        }
    }

    /** One step: updates every value in place and the moments {@code m}, {@code v}; gradients are only read. */
    @Override
    public void step() {
        t++;
        double bc1 = 1 - Math.pow(beta1, t), bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = lr / bc1;
        for (int k = 0; k < m.length; k++) {
            double[] x = parameters.get(k).value().data(), g = parameters.get(k).grad().data(), mk = m[k], vk = v[k];
            for (int i = 0; i < x.length; i++) {
                mk[i] = beta1 * mk[i] + (1 - beta1) * g[i];
                vk[i] = beta2 * vk[i] + (1 - beta2) * g[i] * g[i];
                x[i] -= stepSize * mk[i] / (Math.sqrt(vk[i]) / bc2Sqrt + eps);
            }
        }
    }

    /** Steps taken so far. */
    public int steps() {
        return t;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
