package convkit.kernel;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Starts convkit's Java kernel: {@code java -cp <convkit jar + deps> convkit.kernel.Main <connection file>}
 * (what the kernelspec's argv runs). Extra classpath entries for the cells may be given in the environment
 * variable {@code CONVKIT_CLASSPATH} (path-separator list, globs allowed).
 *
 * <p>Start-up order matters for never hanging: the handlers are installed <em>before</em> the
 * sockets are bound, so Jupyter's first request (kernel_info) always finds a handler; JShell's slow first
 * compile (the start-up imports) runs in the background meanwhile and the first cell waits for it.
 */
public final class Main {

    /** Set once Jupyter has asked the kernel to shut down (or the connection closed). */
    static volatile boolean closing;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -cp <classpath> convkit.kernel.Main <connection-file>");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        quietLoggerStart();
        quietShutdownRaces();
        Path connectionFile = Path.of(args[0]);
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(connectionFile));

        String classpath = System.getProperty("java.class.path");
        String extra = System.getenv("CONVKIT_CLASSPATH");
        if (extra != null && !extra.isBlank()) {
            classpath = classpath + File.pathSeparator + extra;
        }
        ConvkitKernel kernel = ConvkitKernel.create(classpath);
        kernel.onStartup();

        JupyterConnection connection = new JupyterConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        closing = true;
        System.exit(0);
    }

    /**
     * While the kernel shuts down, JeroMQ's I/O threads can race with the closing sockets and throw (seen once:
     * an {@code IndexOutOfBoundsException} in {@code zmq.socket.FQ.terminated}); the kernel is exiting anyway, so
     * such a trace would only alarm the user. Uncaught exceptions before shut-down are still printed.
     */
    private static void quietShutdownRaces() {
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (closing) return;
            if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                e.printStackTrace();
            }
        });
    }

    /**
     * jjava-jupyter logs through SLF4J 1.7, which prints a three-line "no binding" warning on stderr at every
     * kernel start when no logging backend is present (none is: the kernel does not log). Initialising SLF4J with
     * stderr muted keeps Jupyter's log clean; SLF4J then uses its no-op logger as it would anyway.
     */
    private static void quietLoggerStart() {
        PrintStream err = System.err;
        System.setErr(new PrintStream(OutputStream.nullOutputStream()));
        try {
            org.slf4j.LoggerFactory.getILoggerFactory();
        } finally {
            System.setErr(err);
        }
    }
}
