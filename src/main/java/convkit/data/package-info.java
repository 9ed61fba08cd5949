/**
 * Data sets: {@link convkit.data.FashionMnist} (the 60,000 + 10,000 images, read from the IDX files of Debian's
 * {@code dataset-fashion-mnist}), {@link convkit.data.Dataset} (images and labels, shuffled into batches),
 * {@link convkit.data.Batch} (one mini-batch as a tensor and labels) and {@link convkit.data.Idx} (the IDX file
 * reader). Depends on {@link convkit.Tensor} only; used by {@link convkit.train}, the benchmarks and notebook 06.
 */
package convkit.data;
