package convkit.jupyter;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Starts convkit's Java kernel: {@code java -javaagent:<convkit jar> -cp <convkit jar + deps> convkit.jupyter.Main
 * <connection file>} (what the kernelspec's argv runs). Extra classpath entries for the cells may be given in the
 * environment variable {@code CONVKIT_CLASSPATH} (path-separator list, globs allowed).
 *
 * <p>Start-up order matters for answering fast and never hanging: the sockets are bound and served first, so
 * Jupyter's first request (kernel_info) is answered at once; JShell is built and compiles its first snippet (seconds)
 * in the background meanwhile, and the first cell waits for it.
 */
public final class Main {

    /** Set once the kernel is shutting down. */
    static volatile boolean closing;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java -javaagent:<convkit.jar> -cp <classpath> convkit.jupyter.Main <connection-file>");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        quietShutdownRaces();
        JsonObject connection = JsonParser.parseString(Files.readString(Path.of(args[0]))).getAsJsonObject();
        Wire wire = new Wire(WireMessage.string(connection, "key", ""),
                WireMessage.string(connection, "signature_scheme", "hmac-sha256"));
        IOPub iopub = new IOPub(wire);
        Stdin stdin = new Stdin(wire);
        Output.install(stdin);

        Evaluator evaluator = new Evaluator();
        KernelServer server = new KernelServer(connection, wire, iopub, stdin);
        Requests requests = new Requests(evaluator, iopub, wire, connection, server::stop);
        server.start(requests);
        JsonObject starting = new JsonObject();
        starting.addProperty("execution_state", "starting");
        iopub.publishUninterruptibly(null, "status", starting);
        interruptOnSigint();

        String classpath = System.getProperty("java.class.path");
        String extra = System.getenv("CONVKIT_CLASSPATH");
        if (extra != null && !extra.isBlank()) {
            classpath = classpath + File.pathSeparator + extra;
        }
        CellContext kernel = new CellContext(null, 0, true, false, iopub);
        String cp = classpath;
        Thread start = new Thread(() -> evaluator.start(cp, kernel), "convkit-jshell-start");
        start.setDaemon(true);
        start.start();

        server.awaitStop();
        closing = true;
        evaluator.close();
        System.exit(0);
    }

    /**
     * Ctrl-C in the terminal that runs Jupyter (SIGINT to the whole process group) or a kernelspec with
     * {@code interrupt_mode: signal}: interrupt the running cell instead of ending the JVM, as ipykernel does.
     */
    private static void interruptOnSigint() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> {
                CellContext running = CellContext.running();
                if (running != null) {
                    running.interrupt();
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            KernelLog.warn("SIGINT cannot be handled on this JVM (" + e + "); interrupt with Jupyter's button");
        }
    }

    /**
     * While the kernel shuts down, JeroMQ's I/O threads can race with the closing sockets and throw (seen once:
     * an {@code IndexOutOfBoundsException} in {@code zmq.socket.FQ.terminated}); the kernel is exiting anyway, so
     * such a trace would only alarm the user. Uncaught exceptions before shut-down are still printed.
     */
    private static void quietShutdownRaces() {
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (closing) {
                return;
            }
            KernelLog.warn("uncaught exception in thread \"" + thread.getName() + "\"", e);
        });
    }
}
