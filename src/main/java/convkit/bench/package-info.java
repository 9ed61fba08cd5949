/**
 * Benchmarks: {@code main} classes that print figures (never timed tests). {@link convkit.bench.ConvBench}
 * ({@code ./convkit bench conv}: convolution and pooling on five shapes), {@link convkit.bench.LeNetBench}
 * ({@code ./convkit bench lenet}: seconds per epoch, layer profile) and {@link convkit.bench.GradingBench}
 * ({@code ./convkit grading-bench}: batch grading of a generated class). They sit on top: they use the library and
 * the grader; nothing uses them.
 */
package convkit.bench;
