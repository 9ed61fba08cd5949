package convkit;

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
     * A layer computing the same function with the <em>same</em> parameter values (shared tensors, not copies) but
     * its own gradients and its own forward cache, so that several sub-batches can go through forward and backward
     * at the same time ({@link DataParallel}). Its {@link #parameters()} correspond one to one, in order, to this
     * layer's.
     *
     * @throws UnsupportedOperationException for a layer that cannot be replicated (the default)
     */
    default Layer replica() {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not support replica()");
    }
}
