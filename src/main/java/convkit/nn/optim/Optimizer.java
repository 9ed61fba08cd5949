package convkit.nn.optim;

import convkit.nn.Parameter;

import java.util.List;

/**
 * An optimizer updates parameter values from their accumulated gradients (PyTorch {@code torch.optim.Optimizer},
 * DLFS {@code common/optimizer.py}). A training step is {@code zeroGrad(); net.backward(...); step();}.
 */
public interface Optimizer {
    /** Updates every parameter's value in place from its accumulated gradient (the gradients are left as they are). */
    void step();

    /** Sets every parameter's gradient to zero (call before each backward, since backward accumulates). */
    default void zeroGrad() {
        for (Parameter p : parameters()) p.zeroGrad();
    }

    /** The parameters this optimizer updates, in a fixed order. */
    List<Parameter> parameters();
}
