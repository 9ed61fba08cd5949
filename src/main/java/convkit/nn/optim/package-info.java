/**
 * Optimizers: each updates {@link convkit.nn.Parameter} values in place from their accumulated gradients.
 * {@link convkit.nn.optim.Optimizer} is the interface ({@code step}, {@code zeroGrad}, {@code parameters});
 * {@link convkit.nn.optim.Sgd} is plain SGD ({@code torch.optim.SGD} without momentum). Depends on
 * {@link convkit.nn}; used by {@link convkit.train}.
 */
package convkit.nn.optim;
