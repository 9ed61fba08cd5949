package convkit.jupyter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the bytecode of cell classes calls ({@link CellInstrumenter} inserts the calls; they must stay public and
 * static): {@link #check()} at every method entry and before every backward jump, {@link #caught} at the start of
 * every {@code catch} block, and {@link #systemExit}/{@link #runtimeExit}/{@link #runtimeHalt} instead of
 * {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}.
 *
 * <p>A thread is stopped by marking it ({@link #stop}): its next check throws {@link CellStop} (or
 * {@link ExitBlocked}), and a {@code catch (Throwable t)} in cell code rethrows it instead of swallowing it. So an
 * interrupt ends even {@code while (true) { try { ... } catch (Throwable t) { } }}. While no thread is marked a check
 * costs one volatile read.
 */
public final class CellGuard {

    private static final Map<Thread, Error> STOPS = new ConcurrentHashMap<>();
    private static volatile int marked;

    private CellGuard() {
    }

    /** Throws the stop signal of the current thread, if it has one. Called very often: keep it tiny. */
    public static void check() {
        if (marked != 0) {
            throwIfMarked();
        }
    }

    /**
     * Called with the exception a {@code catch} block of cell code is about to handle: a stop signal is thrown on
     * (cell code cannot swallow an interrupt or a blocked exit), anything else is handled normally unless the thread
     * is marked.
     */
    public static void caught(Throwable t) {
        if (t instanceof CellStop) {
            throw (CellStop) t;
        }
        if (t instanceof ExitBlocked) {
            throw (ExitBlocked) t;
        }
        check();
    }

    /** Replaces {@code System.exit(status)} in cell code. */
    public static void systemExit(int status) {
        throw exitCalled("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)} in cell code. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw exitCalled("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)} in cell code. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw exitCalled("Runtime.halt", status);
    }

    /**
     * A cell (or a thread it started, or library code it called: {@link ExitAgent}) asked the JVM to end. The thread
     * is marked so that it cannot carry on, the cell it works for is told ({@link CellContext#owner},
     * {@link CellContext#exitCalled}), and the caller throws the returned error.
     */
    static ExitBlocked exitCalled(String how, int status) {
        Thread t = Thread.currentThread();
        CellContext cell = CellContext.owner(t);
        if (cell != null && cell.toTerminal()) {
            cell = null; // the kernel's own start-up code
        }
        ExitBlocked e = new ExitBlocked(how, status, t, cell);
        if (cell != null) {
            if (CellContext.ofThread(t) == cell) {
                stop(t, e); // the cell's own thread may not carry on (a pool thread shared with later cells may)
            }
            cell.exitCalled(e, t);
        }
        return e;
    }

    private static void throwIfMarked() {
        Error e = STOPS.get(Thread.currentThread());
        if (e instanceof CellStop) {
            throw new CellStop();
        }
        if (e instanceof ExitBlocked) {
            throw ((ExitBlocked) e).again();
        }
    }

    /** Marks {@code t}: from its next check on it throws (a copy of) {@code signal}. */
    static void stop(Thread t, Error signal) {
        synchronized (STOPS) {
            STOPS.putIfAbsent(t, signal);
            marked = STOPS.size();
        }
    }

    static boolean isMarked(Thread t) {
        return STOPS.containsKey(t);
    }

    /** Forgets marks of threads that have ended. */
    static void prune() {
        synchronized (STOPS) {
            STOPS.keySet().removeIf(t -> !t.isAlive());
            marked = STOPS.size();
        }
    }

    /** Number of threads currently marked (alive or not yet pruned). */
    static int markedThreads() {
        return STOPS.size();
    }
}
