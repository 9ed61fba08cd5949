package convkit.kernel;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/**
 * jjava-jupyter's {@link JupyterIO} with attach/detach callable from the kernel: while a cell runs,
 * System.out/System.err are line-buffered streams onto Jupyter's stdout/stderr and System.in reads from the
 * front end.
 */
final class KernelIO extends JupyterIO {

    private PrintStream cellOut;
    private PrintStream cellErr;
    private PrintStream savedOut;
    private PrintStream savedErr;
    private InputStream savedIn;

    KernelIO() {
        super(StandardCharsets.UTF_8);
    }

    synchronized void attach(ShellReplyEnvironment env, boolean stdinAllowed) {
        setEnv(env);
        setJupyterInEnabled(stdinAllowed);
        savedOut = System.out;
        savedErr = System.err;
        savedIn = System.in;
        cellOut = new PrintStream(new LineBufferedOutputStream(out), false, StandardCharsets.UTF_8);
        cellErr = new PrintStream(new LineBufferedOutputStream(err), false, StandardCharsets.UTF_8);
        System.setOut(cellOut);
        System.setErr(cellErr);
        System.setIn(in);
    }

    synchronized void detach(ShellReplyEnvironment env) {
        flush();
        System.setOut(savedOut);
        System.setErr(savedErr);
        System.setIn(savedIn);
        cellOut = null;
        cellErr = null;
        retractEnv(env);
    }

    /** Publishes whatever the cell printed so far. */
    synchronized void flush() {
        if (cellOut != null) {
            cellOut.flush();
            cellErr.flush();
        }
        out.flush();
        err.flush();
    }
}
