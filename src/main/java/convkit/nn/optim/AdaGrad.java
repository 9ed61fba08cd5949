package convkit.nn.optim;

import convkit.nn.Parameter;

import java.util.List;

/**
 * AdaGrad, DLFS 6.1.5's {@code AdaGrad}: {@code h += grad^2; value -= lr * grad / (sqrt(h) + eps)}, {@code h}
 * starting at 0. PyTorch's {@code torch.optim.Adagrad} (lr_decay 0, initial accumulator 0) is the same formula; its
 * default {@code eps} is 1e-10 where DLFS writes 1e-7: convkit's default is DLFS's 1e-7, because this class is the
 * book's optimizer (pass {@code eps} to get PyTorch's). Tested against PyTorch with both (fixtures/optimizers.json).
 */
public final class AdaGrad implements Optimizer {
    /** DLFS's eps, added to sqrt(h). */
    public static final double DLFS_EPS = 1e-7;
    private final List<Parameter> parameters;
    private final double lr;
    private final double eps;
    private final double[][] h;

    public AdaGrad(List<Parameter> parameters, double lr) {
        this(parameters, lr, DLFS_EPS);
    }

    /**
     * @param lr  learning rate, positive and finite
     * @param eps added to sqrt(h), at least 0
     */
    public AdaGrad(List<Parameter> parameters, double lr, double eps) {
        this.parameters = Sgd.float64Only("AdaGrad", parameters);
        this.lr = Sgd.checkLr(lr);
        if (!(eps >= 0) || Double.isInfinite(eps)) throw new IllegalArgumentException("eps must be >= 0 and finite but was " + eps);
        this.eps = eps;
        this.h = new double[this.parameters.size()][];
        for (int i = 0; i < h.length; i++) h[i] = new double[this.parameters.get(i).value().size()];
    }

    /** Updates every value in place and the sums of squares {@code h}; gradients are only read. */
    @Override
    public void step() {
        for (int k = 0; k < h.length; k++) {
            double[] x = parameters.get(k).value().data(), g = parameters.get(k).grad().data(), hk = h[k];
            for (int i = 0; i < x.length; i++) {
                hk[i] += g[i] * g[i];
                x[i] -= lr * g[i] / (Math.sqrt(hk[i]) + eps);
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
