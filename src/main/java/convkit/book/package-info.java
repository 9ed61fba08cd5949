/**
 * The books' loops and formulas, written as d2l (sections 7.2-7.5) and DLFS write them: plain loops on single
 * images, a few lines each, for reading next to the book. Depends on {@link convkit.Tensor} only.
 *
 * <table>
 *   <caption>Where to look</caption>
 *   <tr><th>concept</th><th>open</th></tr>
 *   <tr><td>cross-correlation {@code corr2d}, strict convolution, multiple input/output channels, 1x1 as a matmul</td>
 *       <td>{@link convkit.book.Corr2d}</td></tr>
 *   <tr><td>d2l's {@code pool2d} (max / avg, stride 1, no padding)</td><td>{@link convkit.book.Pool2d}</td></tr>
 *   <tr><td>padding per side: zeros, reflect, replicate</td><td>{@link convkit.book.Padding}</td></tr>
 *   <tr><td>{@code padding="same"} as per-side padding</td><td>{@link convkit.book.SamePadding}</td></tr>
 *   <tr><td>output size {@code floor((n + 2p - k) / s) + 1}, sizes through a stack, receptive field</td>
 *       <td>{@link convkit.book.Shapes}</td></tr>
 *   <tr><td>d2l 7.1's parameter counts (10^12 down to (2Δ+1)²) and the shift of the equivariance demo</td>
 *       <td>{@link convkit.book.DenseToConv}</td></tr>
 *   <tr><td>the example tensors of d2l's figures, DLFS's and the seed notes</td><td>{@link convkit.book.Examples}</td></tr>
 * </table>
 *
 * <p>The batched versions with stride, padding, dilation, groups and backward are in {@link convkit.ops} and, as
 * layers, in {@link convkit.nn}. Used by {@link convkit.Ops}, the notebooks and the exercises.
 */
package convkit.book;
