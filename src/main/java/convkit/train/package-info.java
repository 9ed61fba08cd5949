/**
 * Training: d2l's {@code train_ch6} and what runs around it.
 *
 * <table>
 *   <caption>Where to look</caption>
 *   <tr><th>concept</th><th>open</th></tr>
 *   <tr><td>minibatch SGD over epochs, test accuracy after each</td><td>{@link convkit.train.Trainer}</td></tr>
 *   <tr><td>one step in two halves, one per core, on layer replicas</td><td>{@link convkit.train.DataParallel}</td></tr>
 *   <tr><td>the epochs of a run, as a Tablesaw table</td><td>{@link convkit.train.History}, {@link convkit.train.EpochResult}</td></tr>
 *   <tr><td>one recipe over several seeds: final accuracies and their spread</td><td>{@link convkit.train.SeedRuns}</td></tr>
 *   <tr><td>the {@code ./convkit train} command</td><td>{@link convkit.train.Train}</td></tr>
 *   <tr><td>why one run's last batch moves the accuracy (replay to the last step)</td><td>{@link convkit.train.LastBatchProbe}</td></tr>
 * </table>
 *
 * <p>Depends on {@link convkit.models}, {@link convkit.nn}, {@link convkit.nn.optim}, {@link convkit.data},
 * {@link convkit.compute} and {@link convkit.Tensor}; used by the benchmarks and notebook 06.
 */
package convkit.train;
