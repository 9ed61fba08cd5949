package convkit.nn;

import convkit.Tensor;

import java.util.List;

/**
 * A layer in the style of Deep Learning from Scratch's {@code common/layers.py}: {@link #forward} caches
 * what {@link #backward} needs; {@code backward} returns the gradient with respect to the input and
 * <em>accumulates</em> (adds) the gradients of the layer's parameters into {@link Parameter#grad()}.
 */
public interface Layer {
    /** Computes the output for {@code x} and caches what {@link #backward} needs. */
    Tensor forward(Tensor x);

    /**
     * Given dL/dy for the last {@link #forward} call, returns dL/dx and adds dL/dθ to each parameter's grad.
     *
     * @throws IllegalStateException if forward has not been called
     */
    Tensor backward(Tensor dy);

    /** The trainable parameters, in a fixed order (empty for parameter-free layers). */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** Sets every parameter's gradient to zero. */
    default void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /**
     * Lets this layer hand out the same output and dL/dx arrays from one call to the next (while their size stays the
     * same) instead of a new array each time, so that what it returned is overwritten by its next call. Only for a
     * network whose outputs never outlive one training step, such as the private replicas of
     * {@code convkit.train.DataParallel}: it spares the allocation, the zeroing and the garbage collection of some
     * 30 MB per LeNet step. The default does nothing (a layer without such arrays, or one written in a notebook);
     * {@link Sequential} passes the call on to its layers.
     */
    default void reuseArrays() {
    }

    /**
     * A layer computing the same function with the <em>same</em> parameter values (shared tensors, not copies) but
     * its own gradients and its own forward cache, so that several sub-batches can go through forward and backward
     * at the same time ({@code convkit.train.DataParallel}). Its {@link #parameters()} correspond one to one, in order, to this
     * layer's.
     *
     * @throws UnsupportedOperationException for a layer that cannot be replicated (the default)
     */
    default Layer replica() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support replica()");
    }

    /**
     * This layer computing in {@code dtype} (PyTorch's {@code net.to(torch.float32)}): inputs of that type give outputs
     * and gradients of that type. A layer with parameters returns itself when they already have that type, otherwise a
     * new layer with the same settings around converted copies of its parameters (gradients start at zero; this layer
     * is unchanged). A layer without parameters runs in the type of its input: the default returns a new one with the
     * same settings ({@link #replica()}, so that the two networks do not share its forward cache), or this layer when
     * it has no replica.
     *
     * @throws UnsupportedOperationException for a layer with parameters that does not override this
     */
    default Layer to(Tensor.DType dtype) {
        if (!parameters().isEmpty()) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support to(" + dtype + ")");
        }
        try {
            return replica();
        } catch (UnsupportedOperationException e) {
            return this;
        }
    }

    /** The dtype of this layer's first parameter, or float64 for a layer without parameters. */
    default Tensor.DType dtype() {
        List<Parameter> ps = parameters();
        return ps.isEmpty() ? Tensor.DType.FLOAT64 : ps.get(0).value().dtype();
    }
}
