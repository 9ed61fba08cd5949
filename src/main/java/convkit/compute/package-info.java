/**
 * The compute loops under everything else, on raw row-major {@code double[]} arrays (no tensors): the matrix
 * multiply, the vector-API (SIMD) versions of the hot loops, and the thread pool.
 *
 * <table>
 *   <caption>Where to look</caption>
 *   <tr><th>concept</th><th>open</th></tr>
 *   <tr><td>GEMM {@code C (+)= op(A) op(B)}, blocked, split over the cores when large</td><td>{@link convkit.compute.Gemm}</td></tr>
 *   <tr><td>whether the vector loops run, and why not</td><td>{@link convkit.compute.Simd}</td></tr>
 *   <tr><td>the vector-API sigmoid (same bits interpreted and compiled)</td><td>{@link convkit.compute.VectorMath}</td></tr>
 *   <tr><td>the vector-API GEMM loops (package-private, called by Gemm)</td><td>{@code VectorGemm}</td></tr>
 *   <tr><td>the register tiles of the float32 direct convolution (windows read straight from the image)</td><td>{@link convkit.compute.ConvKernelsF}</td></tr>
 *   <tr><td>the fixed pool that splits a range of work over the cores</td><td>{@link convkit.compute.ThreadPool}</td></tr>
 * </table>
 *
 * <p>Depends on nothing in convkit; used by {@link convkit.Tensor#matmul}, {@link convkit.ops}, {@link convkit.nn}
 * and {@link convkit.train}.
 */
package convkit.compute;
