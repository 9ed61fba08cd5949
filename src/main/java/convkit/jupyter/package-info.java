/**
 * convkit's Jupyter kernel for Java (was {@code convkit.kernel}; renamed by issue 13 because "kernel" also means a
 * convolution kernel and a compute kernel in this project). Cells are Java, evaluated by the JDK's JShell inside the
 * kernel's JVM; the wire protocol is Jupyter's messaging protocol 5.3 (plus 5.5's {@code iopub_welcome}). What a
 * user sees is described in {@code docs/kernel.md}.
 *
 * <p>Map of the package, from the wire inwards:
 * <ul>
 *   <li>{@link convkit.jupyter.Main}: the entry point a kernelspec's {@code argv} runs;
 *       {@link convkit.jupyter.ExitAgent}: its {@code -javaagent}, which turns {@code System.exit} in cells into an
 *       error.</li>
 *   <li>Wire: {@link convkit.jupyter.KernelServer} (the five ZeroMQ sockets and their threads),
 *       {@link convkit.jupyter.Wire} and {@link convkit.jupyter.WireMessage} (framing, HMAC signatures, headers),
 *       {@link convkit.jupyter.IOPub} (ordered, lossless broadcasts), {@link convkit.jupyter.Stdin}
 *       ({@code input_request}).</li>
 *   <li>Protocol: {@link convkit.jupyter.Requests} (one answer per request type, busy/idle, silent, store_history,
 *       user_expressions, stop_on_error), {@link convkit.jupyter.History}.</li>
 *   <li>Cells: {@link convkit.jupyter.CellContext} (one execution: parent header, thread group, interrupt and exit
 *       state), {@link convkit.jupyter.CellThreadGroup}, {@link convkit.jupyter.CellThreads} (cell code on
 *       interruptible threads), {@link convkit.jupyter.Output} and {@link convkit.jupyter.StreamBuffer}
 *       (System.out/err/in, coalesced stream messages).</li>
 *   <li>Java: {@link convkit.jupyter.Evaluator} (JShell: evaluation, magics, completion, inspection, is_complete),
 *       {@link convkit.jupyter.CellExecutionControl} and {@link convkit.jupyter.CellExecutionControlProvider}
 *       (JShell's execution engine in this JVM), {@link convkit.jupyter.CellInstrumenter} (interrupt checks and exit
 *       redirection in the cells' bytecode), {@link convkit.jupyter.CellGuard}, {@link convkit.jupyter.CellStop},
 *       {@link convkit.jupyter.ExitBlocked} (what that bytecode calls and throws), {@link convkit.jupyter.CellParts}
 *       (code and line magics), {@link convkit.jupyter.CellError} (what an error output shows),
 *       {@link convkit.jupyter.JavadocText}.</li>
 *   <li>Showing values: {@link convkit.jupyter.Rendering} (value to MIME bundle: the one place to add MIME types) and
 *       {@link convkit.jupyter.Display} ({@code display(x)}, {@code clearOutput()} for cells).</li>
 * </ul>
 *
 * <p>jjava-jupyter (JJava's library, Maven Central) still provides {@code DisplayData} and the classpath glob
 * helper; the wire layer is this package's own, because the library's drops IOPub messages under load, polls its
 * sockets every 50 ms, lacks the {@code status} field in four replies and cannot answer unknown request types.
 */
package convkit.jupyter;
