package convkit.nn.optim;

import convkit.nn.Parameter;

import java.util.List;

/**
 * SGD with momentum, DLFS 6.1.4's {@code Momentum}: {@code v = momentum * v - lr * grad; value += v}, with
 * {@code v} starting at 0. This is PyTorch's {@code torch.optim.SGD(momentum=m)} (dampening 0, no Nesterov), which
 * keeps {@code b = m * b + grad} and subtracts {@code lr * b}: with a constant lr the two are the same update
 * ({@code v = -lr * b}); convkit stores DLFS's {@code v}. Tested against PyTorch (fixtures/optimizers.json).
 */
public final class Momentum implements Optimizer {
    private final List<Parameter> parameters;
    private final double lr;
    private final double momentum;
    private final double[][] v;

    /** DLFS's default momentum 0.9. */
    public Momentum(List<Parameter> parameters, double lr) {
        this(parameters, lr, 0.9);
    }

    /**
     * @param lr       learning rate, positive and finite
     * @param momentum in [0, 1)
     */
    public Momentum(List<Parameter> parameters, double lr, double momentum) {
        this.parameters = Sgd.float64Only("Momentum", parameters);
        this.lr = Sgd.checkLr(lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1) but was " + momentum);
        this.momentum = momentum;
        this.v = new double[this.parameters.size()][];
        for (int i = 0; i < v.length; i++) v[i] = new double[this.parameters.get(i).value().size()];
    }

    /** Updates every value in place and the velocity {@code v}; gradients are only read. */
    @Override
    public void step() {
        for (int k = 0; k < v.length; k++) {
            double[] x = parameters.get(k).value().data(), g = parameters.get(k).grad().data(), vk = v[k];
            for (int i = 0; i < x.length; i++) {
                vk[i] = momentum * vk[i] - lr * g[i];
                x[i] += vk[i];
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
