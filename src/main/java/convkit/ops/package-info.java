/**
 * The batched fast path on NCHW tensors: forward and backward of convolution and pooling, with per-axis stride,
 * per-side padding, dilation and groups. Each class has a {@code Tensor} entry point (what {@link convkit.Ops}
 * calls) and raw {@code double[]} loops (what the layers of {@link convkit.nn} call).
 *
 * <table>
 *   <caption>Where to look</caption>
 *   <tr><th>concept</th><th>open</th></tr>
 *   <tr><td>convolution (cross-correlation) via im2col + GEMM, forward and backward</td>
 *       <td>{@link convkit.ops.Convolution}</td></tr>
 *   <tr><td>max pooling, forward and backward (ties to the first maximum)</td><td>{@link convkit.ops.MaxPooling}</td></tr>
 *   <tr><td>average pooling, forward and backward ({@code countIncludePad})</td><td>{@link convkit.ops.AvgPooling}</td></tr>
 *   <tr><td>DLFS's im2col / col2im</td><td>{@link convkit.ops.Im2Col}</td></tr>
 *   <tr><td>the float32 convolution of the vector path without im2col (package-private, called by Convolution)</td>
 *       <td>{@code DirectConv}</td></tr>
 *   <tr><td>where the windows lie: output size, padding per side, stride, dilation</td>
 *       <td>{@link convkit.ops.WindowGeometry}</td></tr>
 *   <tr><td>every argument and shape check, with the messages they give</td><td>{@link convkit.ops.Checks}</td></tr>
 * </table>
 *
 * <p>Depends on {@link convkit.Tensor} and {@link convkit.compute}; used by {@link convkit.Ops} and {@link convkit.nn}.
 */
package convkit.ops;
