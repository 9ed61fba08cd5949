/**
 * Optimizers: each updates {@link convkit.nn.Parameter} values in place from their accumulated gradients.
 * {@link convkit.nn.optim.Optimizer} is the interface ({@code step}, {@code zeroGrad}, {@code parameters});
 * {@link convkit.nn.optim.Sgd} is plain SGD ({@code torch.optim.SGD} without momentum); DLFS chapter 6's set
 * continues with {@link convkit.nn.optim.Momentum}, {@link convkit.nn.optim.AdaGrad} and {@link convkit.nn.optim.Adam}
 * (PyTorch's Adam; where DLFS writes a formula differently, the class says so). Each is tested against PyTorch on
 * fixtures (OptimizersTorchFixtureTest). Depends on
 * {@link convkit.nn}; used by {@link convkit.train}.
 */
package convkit.nn.optim;
