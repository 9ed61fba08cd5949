/**
 * The command line: {@code java -jar target/convkit.jar COMMAND [ARGS]}, which {@code ./convkit} (bash) and
 * {@code convkit.cmd} (Windows) run after building the jar. One class per command, each a thin picocli
 * {@code @Command} that checks its options and calls the API of its area; {@link convkit.cli.Main#GROUPS} is the one
 * list of the commands, and {@code help} prints it (docs/commands.md is that output, checked by a test).
 * <table>
 *   <caption>Where each command goes</caption>
 *   <tr><th>commands</th><th>classes here</th><th>call</th></tr>
 *   <tr><td>setup, install-kernel, notebook, run-notebooks, kernel-check</td>
 *       <td>{@code SetupCommand}, {@code InstallKernelCommand}, {@code NotebookCommand}, {@code RunNotebooksCommand},
 *       {@code KernelCheckCommand}; {@code JupyterPython} finds Jupyter's Python</td>
 *       <td>the kernelspec; Jupyter and {@code scripts/*.py} on {@code /usr/bin/python3}</td></tr>
 *   <tr><td>train, bench lenet, bench conv, probe-last-batch</td>
 *       <td>{@code TrainCommand}, {@code BenchCommand}, {@code ProbeLastBatchCommand}</td>
 *       <td>{@code convkit.train.Train}, {@code convkit.bench}, {@code convkit.train.LastBatchProbe}, run with the
 *       SIMD loops on ({@code VectorModule})</td></tr>
 *   <tr><td>check, grade, generate, verify-kit, kit, grade-class, gradescope-zip, grading-bench</td>
 *       <td>{@code CheckCommand}, {@code GradeCommand}, ..., {@code GradingBenchCommand}</td>
 *       <td>{@code convkit.grading} and its {@code batch} and {@code gradescope} parts, {@code convkit.bench.GradingBench}</td></tr>
 * </table>
 * Errors: a bad option, a missing value or an unknown command prints what is wrong and exits with status 2
 * ({@code Main.badUsage}); a failure of the work prints its message and exits with 1 ({@code Main.failed}).
 * Nothing in the library uses this package.
 */
package convkit.cli;
