package convkit.nn;

import convkit.Tensor;

import java.util.Arrays;

/** A trainable tensor and the gradient accumulated for it (same shape and dtype, starts at zero). */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    /** Wraps {@code value} (not copied: updates to the parameter are updates to that tensor). */
    public Parameter(String name, Tensor value) {
        if (value == null) throw new IllegalArgumentException("value of parameter " + name + " must not be null");
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.dtype(), value.shape());
    }

    public String name() {
        return name;
    }

    /** The value; modify it in place (e.g. {@code value().data()[i] -= lr * grad().data()[i]}) to update. */
    public Tensor value() {
        return value;
    }

    /** The accumulated gradient dL/dvalue, same shape as {@link #value()}. */
    public Tensor grad() {
        return grad;
    }

    /** Sets the gradient to zero. */
    public void zeroGrad() {
        grad.fill(0.0);
    }

    @Override
    public String toString() {
        return "Parameter " + name + " " + Arrays.toString(value.shape());
    }
}
