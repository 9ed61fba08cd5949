package convkit.nn.optim;

import convkit.nn.Parameter;

import java.util.List;

/**
 * Plain stochastic gradient descent (PyTorch {@code torch.optim.SGD} without momentum or weight decay):
 * {@code value -= lr * grad} for every parameter.
 */
public final class Sgd implements Optimizer {
    private final List<Parameter> parameters;
    private double lr;

    /** @param lr learning rate, positive and finite */
    public Sgd(List<Parameter> parameters, double lr) {
        this.parameters = copy(parameters);
        setLr(lr);
    }

    static List<Parameter> copy(List<Parameter> parameters) {
        if (parameters == null) throw new IllegalArgumentException("parameters must not be null");
        return List.copyOf(parameters);
    }

    /** Momentum, AdaGrad and Adam keep float64 state: they refuse float32 parameters at once, naming the parameter. */
    static List<Parameter> float64Only(String optimizer, List<Parameter> parameters) {
        List<Parameter> ps = copy(parameters);
        for (Parameter p : ps) {
            if (p.value().dtype() != convkit.Tensor.DType.FLOAT64) {
                throw new IllegalArgumentException(optimizer + " works on float64 parameters but " + p.name() + " "
                        + java.util.Arrays.toString(p.value().shape()) + " is " + p.value().dtype() + " (convert with net.to(Tensor.DType.FLOAT64), or use Sgd)");
            }
        }
        return ps;
    }

    static double checkLr(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr must be positive and finite but was " + lr);
        return lr;
    }

    /** {@code value -= lr * grad} for every parameter, in place (the gradients are left as they are). */
    @Override
    public void step() {
        for (Parameter p : parameters) {
            if (p.value().dtype() == convkit.Tensor.DType.FLOAT32) {   // as torch.optim.SGD in float32: v - (float) lr * g
                float[] v = p.value().floatData(), g = p.grad().floatData();
                float r = (float) lr;
                for (int i = 0; i < v.length; i++) v[i] -= r * g[i];
                continue;
            }
            double[] v = p.value().data(), g = p.grad().data();
            for (int i = 0; i < v.length; i++) v[i] -= lr * g[i];
        }
    }

    /** Sets every parameter's gradient to zero (call before each backward, since backward accumulates). */
    @Override
    public void zeroGrad() {
        for (Parameter p : parameters) p.zeroGrad();
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        this.lr = checkLr(lr);
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
