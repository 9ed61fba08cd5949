/**
 * Layers in the style of DLFS's {@code common/layers.py} ({@code forward} caches what {@code backward} needs;
 * {@code backward(dy)} returns dL/dx and adds the parameter gradients), built with named settings as in PyTorch:
 * {@code Conv2D.of(1, 1).kernel(1, 2).noBias().seed(42).build()}.
 *
 * <table>
 *   <caption>Where to look</caption>
 *   <tr><th>concept</th><th>open</th></tr>
 *   <tr><td>what a layer is: forward, backward, parameters, replicas</td><td>{@link convkit.nn.Layer}</td></tr>
 *   <tr><td>a trainable tensor and its gradient</td><td>{@link convkit.nn.Parameter}</td></tr>
 *   <tr><td>convolution layer ({@code nn.Conv2d})</td><td>{@link convkit.nn.Conv2D}</td></tr>
 *   <tr><td>max / average pooling layers</td><td>{@link convkit.nn.MaxPool2D}, {@link convkit.nn.AvgPool2D}</td></tr>
 *   <tr><td>fully connected layer</td><td>{@link convkit.nn.Linear}</td></tr>
 *   <tr><td>activations, flattening, a chain of layers</td><td>{@link convkit.nn.ReLU}, {@link convkit.nn.Sigmoid},
 *       {@link convkit.nn.Flatten}, {@link convkit.nn.Sequential}</td></tr>
 *   <tr><td>softmax cross-entropy loss; accuracy</td><td>{@link convkit.nn.SoftmaxCrossEntropy}, {@link convkit.nn.Accuracy}</td></tr>
 *   <tr><td>weight initialisation (Xavier, PyTorch's bias init)</td><td>{@link convkit.nn.Init}</td></tr>
 *   <tr><td>gradient check by central differences</td><td>{@link convkit.nn.GradCheck}</td></tr>
 *   <tr><td>optimizers (SGD, ...)</td><td>{@link convkit.nn.optim}</td></tr>
 * </table>
 *
 * <p>Depends on {@link convkit.Tensor}, {@link convkit.ops} and {@link convkit.compute}; used by
 * {@link convkit.models}, {@link convkit.train}, the notebooks and the exercises.
 */
package convkit.nn;
