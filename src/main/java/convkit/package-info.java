/**
 * convkit: convolutional layers the way d2l chapter 7 and Deep Learning from Scratch chapter 7 teach them. This
 * package holds the two classes every notebook starts from; the rest of the library is one package per role.
 *
 * <table>
 *   <caption>Where to look</caption>
 *   <tr><th>concept</th><th>open</th></tr>
 *   <tr><td>n-d array of doubles, printed like NumPy; the one public matmul</td><td>{@link convkit.Tensor}</td></tr>
 *   <tr><td>every operation as one static call ({@code Ops.corr2d}, {@code Ops.conv2d}, ...)</td><td>{@link convkit.Ops}
 *       (a facade: it only delegates)</td></tr>
 *   <tr><td>the books' loops and formulas: corr2d, pool2d, padding, output sizes, example tensors</td>
 *       <td>{@link convkit.book}</td></tr>
 *   <tr><td>batched convolution and pooling, im2col/col2im, window geometry, shape checks</td><td>{@link convkit.ops}</td></tr>
 *   <tr><td>GEMM, vector (SIMD) loops, the thread pool</td><td>{@link convkit.compute}</td></tr>
 *   <tr><td>layers ({@code Conv2D.of(1, 1).kernel(1, 2).build()}), loss, gradient check; optimizers</td>
 *       <td>{@link convkit.nn}, {@link convkit.nn.optim}</td></tr>
 *   <tr><td>LeNet</td><td>{@link convkit.models}</td></tr>
 *   <tr><td>training loop, data-parallel step, histories, seed runs, the {@code train} command</td><td>{@link convkit.train}</td></tr>
 *   <tr><td>Fashion-MNIST and batches</td><td>{@link convkit.data}</td></tr>
 *   <tr><td>heatmaps and charts for notebooks</td><td>{@link convkit.viz}</td></tr>
 * </table>
 *
 * <p>Dependencies run one way (docs/architecture.md draws them; {@code ArchitectureTest} fails when one runs
 * backwards): {@code compute <- Tensor <- book, ops <- nn <- models <- train}; {@code Ops} sits on top of book and
 * ops; the Jupyter kernel ({@code convkit.jupyter}), the grader ({@code convkit.grading}) and the benchmarks
 * ({@code convkit.bench}) use the library, never the reverse.
 */
package convkit;
