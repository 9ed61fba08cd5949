/**
 * Whole networks built from {@link convkit.nn} layers: {@link convkit.models.LeNet} (d2l 7.6's LeNet-5 with
 * sigmoid and average pooling, and the modern variant with ReLU and max pooling), initialised as d2l's
 * {@code init_cnn}; {@link convkit.models.SimpleConvNet} (DLFS 7.5), initialised as the book's. Depends on {@link convkit.nn} and {@link convkit.Tensor}; used by {@link convkit.train},
 * the benchmarks and notebook 06.
 */
package convkit.models;
