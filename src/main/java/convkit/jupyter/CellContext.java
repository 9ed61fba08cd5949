package convkit.jupyter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * One execution of a cell (one {@code execute_request}): where its output goes (IOPub messages with the request's
 * header as parent), its thread group, its interrupt and exit state. Threads find the cell they belong to through
 * their thread group ({@link #ofThread}) and the cell they work for now with {@link #owner}: output of a thread a cell
 * started goes to that cell, also after it has finished (the Jupyter Notebook and JupyterLab show it there), unless
 * another cell is running then; output of threads that belong to no cell goes to the running cell, or to the last one,
 * as ipykernel does.
 */
final class CellContext {

    /** Why a cell is being stopped. */
    enum Stop { NONE, INTERRUPT, EXIT }

    private static volatile CellContext running;
    private static volatile CellContext last;
    private static final Deque<CellThreadGroup> OLD_GROUPS = new ArrayDeque<>();
    private static final int GROUPS_KEPT = 100;

    final WireMessage request;
    final int count;
    final boolean silent;
    final boolean allowStdin;
    final CellThreadGroup group;
    final StreamBuffer streams;
    private final IOPub iopub;

    private volatile Thread mainThread;
    private volatile boolean finished;
    private volatile Stop stop = Stop.NONE;
    private final AtomicInteger interrupts = new AtomicInteger();
    private volatile long firstStopNanos;
    private volatile ExitBlocked exit;
    private volatile Thread exitThread;
    private volatile String abandoned;

    /** {@code request} null: the kernel's own evaluations (start-up), whose output goes to the terminal. */
    CellContext(WireMessage request, int count, boolean silent, boolean allowStdin, IOPub iopub) {
        this.request = request;
        this.count = count;
        this.silent = silent;
        this.allowStdin = allowStdin;
        this.iopub = iopub;
        this.group = new CellThreadGroup(this);
        this.streams = new StreamBuffer(this);
    }

    // ------------------------------------------------------------------ which cell a thread belongs to

    /** The cell whose thread group {@code t} is in (also nested groups a cell created), or null. */
    static CellContext ofThread(Thread t) {
        ThreadGroup g = t.getThreadGroup();
        while (g != null) {
            if (g instanceof CellThreadGroup) {
                return ((CellThreadGroup) g).cell;
            }
            g = g.getParent();
        }
        return null;
    }

    /**
     * The cell thread {@code t} works for now: its own cell while that runs; once that has finished, the running cell
     * if there is one (a pool thread that an earlier cell happened to create now does the running cell's work: the
     * threads of convkit.compute's pool, of parallel streams), else still its own cell; a thread of no cell works for
     * the running cell, else the last one. Null before the first cell.
     */
    static CellContext owner(Thread t) {
        CellContext c = ofThread(t);
        CellContext r = running;
        if (c == null) {
            return r != null ? r : last;
        }
        if (c.finished && r != null && r.request != null) {
            return r;
        }
        return c;
    }

    /** Where output of the current thread goes ({@link #owner}). */
    static CellContext forOutput() {
        return owner(Thread.currentThread());
    }

    static CellContext running() {
        return running;
    }

    /** Marks this cell as the one running (the shell thread runs one cell at a time). */
    void begin() {
        running = this;
        if (request != null) {
            last = this;
        }
    }

    /** The cell has replied: its own output has been flushed; later output of its threads still reaches it. */
    void finish() {
        finished = true;
        streams.flush();
        if (running == this) {
            running = null;
        }
        CellGuard.prune();
        synchronized (OLD_GROUPS) {
            OLD_GROUPS.addLast(group);
            // Java 17 keeps every thread group until destroyed; destroy old empty ones (a no-op on Java 19+, where
            // groups are collected). Recent ones stay: a Thread created but not yet started still needs its group.
            while (OLD_GROUPS.size() > GROUPS_KEPT) {
                CellThreadGroup g = OLD_GROUPS.removeFirst();
                destroyIfEmpty(g);
            }
        }
    }

    @SuppressWarnings({"deprecation", "removal"})
    private static void destroyIfEmpty(ThreadGroup g) {
        try {
            if (g.activeCount() == 0) {
                g.destroy();
            }
        } catch (RuntimeException | LinkageError e) {
            // still in use, or a JDK without destroy(): leave it
        }
    }

    boolean finished() {
        return finished;
    }

    void setMainThread(Thread t) {
        mainThread = t;
    }

    boolean isMainThread(Thread t) {
        return t == mainThread;
    }

    // ------------------------------------------------------------------ interrupt and exit

    /** Jupyter's interrupt (or SIGINT): stop the cell. Each call counts (a second one escalates, see CellThreads). */
    void interrupt() {
        requestStop(Stop.INTERRUPT);
        interrupts.incrementAndGet();
    }

    private synchronized void requestStop(Stop why) {
        if (stop == Stop.NONE) {
            firstStopNanos = System.nanoTime();
            stop = why;
        }
    }

    Stop stop() {
        return stop;
    }

    boolean stopRequested() {
        return stop != Stop.NONE;
    }

    int interrupts() {
        return interrupts.get();
    }

    long nanosSinceStop() {
        return System.nanoTime() - firstStopNanos;
    }

    /** A thread of this cell called System.exit/Runtime.exit/halt ({@link CellGuard#exitCalled}). */
    void exitCalled(ExitBlocked e, Thread t) {
        synchronized (this) {
            if (exit == null) {
                exit = e;
                exitThread = t;
            }
        }
        if (!finished) {
            requestStop(Stop.EXIT);
        } else if (request != null && t != mainThread) {
            // a background thread of a cell that has already replied: show the error in that cell's output
            CellError err = CellError.of(e);
            publishError(err.ename(), err.evalue(), err.traceback());
        }
    }

    ExitBlocked exit() {
        return exit;
    }

    /** The cell ended while its thread {@code t} could not be stopped (it keeps running in the background). */
    void abandoned(Thread t) {
        abandoned = t.getName();
    }

    /** The error this stopped cell ends with: System.exit's, or the interrupt's; {@code what} says what ran. */
    CellError stoppedError(String what) {
        if (stop == Stop.EXIT && exit != null) {
            return CellError.of(exit);
        }
        String message = "the cell was interrupted" + what;
        List<String> tb = new java.util.ArrayList<>();
        tb.add("java.lang.InterruptedException: " + message);
        if (abandoned != null) {
            tb.add("Its thread \"" + abandoned + "\" ran code that neither checks for interrupts nor can be stopped on"
                    + " Java " + Runtime.version().feature() + " (library or JDK code); it keeps running in the"
                    + " background and may use a processor core. The variables are kept; Kernel > Restart ends it.");
        }
        return new CellError("InterruptedException", message, tb);
    }

    // ------------------------------------------------------------------ publishing

    /** Publishes an IOPub message caused by this cell, after the output it printed so far. */
    void publish(String type, JsonObject content) throws InterruptedException {
        streams.flush();
        publishNow(type, content);
    }

    void publishNow(String type, JsonObject content) throws InterruptedException {
        if (request == null) {
            return;
        }
        iopub.publish(request.header, type, content);
    }

    /** {@link #publish} from the kernel's own threads. */
    void publishFromKernel(String type, JsonObject content) {
        streams.flush();
        if (request != null) {
            iopub.publishUninterruptibly(request.header, type, content);
        }
    }

    void publishError(String ename, String evalue, List<String> traceback) {
        JsonObject c = new JsonObject();
        c.addProperty("ename", ename);
        c.addProperty("evalue", evalue);
        JsonArray tb = new JsonArray();
        traceback.forEach(tb::add);
        c.add("traceback", tb);
        publishFromKernel("error", c);
    }

    boolean toTerminal() {
        return request == null;
    }
}
