package convkit.jupyter;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The kernel's own diagnostics: written to the process's real standard error (the terminal that runs Jupyter, where
 * ipykernel logs too), never to a notebook. Cells' {@code System.err} is something else (see {@link Output}).
 */
final class KernelLog {

    /** The process's standard error, whatever System.err has been replaced with. */
    static final PrintStream TERMINAL_ERR =
            new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    /** The process's standard output. */
    static final PrintStream TERMINAL_OUT =
            new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);

    private KernelLog() {
    }

    static void warn(String message) {
        TERMINAL_ERR.println("[convkit kernel] " + message);
    }

    static void warn(String message, Throwable t) {
        synchronized (TERMINAL_ERR) {
            warn(message);
            t.printStackTrace(TERMINAL_ERR);
        }
    }
}
