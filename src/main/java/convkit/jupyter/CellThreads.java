package convkit.jupyter;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import jdk.jshell.spi.ExecutionControl.StoppedException;

/**
 * Runs cell code (a JShell snippet, the rendering of a result) on a fresh thread in the cell's {@link CellThreadGroup}
 * while the calling (shell) thread waits, so that an interrupt can always end it:
 * <ol>
 *   <li>at once: the thread is marked ({@link CellGuard}: cell code throws {@link CellStop} at its next loop
 *       iteration, method call or catch block) and {@link Thread#interrupt() interrupted} (sleep, wait, join, blocking
 *       queues and {@code System.in} end);</li>
 *   <li>after {@value #HARD_STOP_MS} ms, or at once on a second interrupt: {@code Thread.stop} where the JDK still has
 *       it (Java 17-19; it also ends library code that never checks for interrupts), repeated every 100 ms;</li>
 *   <li>after {@value #ABANDON_MS} ms, or {@value #ABANDON_AFTER_SECOND_MS} ms after a second interrupt: the thread
 *       is left running in the background (still marked, so it stops as soon as it runs cell code again) and the
 *       cell ends. Only library code that neither checks interrupts nor can be stopped gets here (on Java 20+).</li>
 * </ol>
 * In every case the cell ends, with an error saying it was interrupted, and the kernel, its variables and its
 * classpath stay.
 */
final class CellThreads {

    static final long HARD_STOP_MS = 1000;
    static final long ABANDON_MS = 3000;
    static final long ABANDON_AFTER_SECOND_MS = 500;

    private static final long MS = 1_000_000L;

    private CellThreads() {
    }

    private static final class Outcome<T> {
        T value;
        Throwable failure;
    }

    /**
     * Runs {@code task} on a new thread of {@code cell}; its result or exception is this method's. Throws
     * {@link StoppedException} when the cell was stopped (interrupt or exit) while it ran, or before.
     */
    static <T> T run(CellContext cell, ClassLoader loader, String name, Callable<T> task) throws Exception {
        if (cell.stopRequested()) {
            throw new StoppedException();
        }
        Outcome<T> outcome = new Outcome<>();
        // a terminated Thread keeps its Runnable on Java 19+ (and the cell keeps its last thread): hand the task over
        // through a reference that is emptied, so that neither keeps a snippet's value alive (Java 25 kept 40 of them)
        AtomicReference<Callable<T>> work = new AtomicReference<>(task);
        Thread t = new Thread(cell.group, () -> {
            Callable<T> w = work.getAndSet(null);
            try {
                outcome.value = w.call();
            } catch (Throwable e) {
                outcome.failure = e;
            }
        }, name);
        t.setDaemon(true);
        if (loader != null) {
            t.setContextClassLoader(loader);
        }
        cell.setMainThread(t);
        t.start();
        boolean ended = await(cell, t);
        if (!ended) {
            cell.abandoned(t);
            KernelLog.warn("cell [" + cell.count + "]: thread " + t.getName()
                    + " did not stop after an interrupt; it is left running in the background");
            throw new StoppedException();
        }
        Throwable f = outcome.failure;
        T value = outcome.value;
        outcome.failure = null;
        outcome.value = null;
        cell.setMainThread(null);
        if (f instanceof InvocationTargetException && f.getCause() instanceof ExitBlocked) {
            // System.exit in this thread, or in another one of the cell (whose ExitBlocked this thread was stopped
            // with): JShell turns it into the cell's error, with the stack in the cell's own line numbers
            throw (Exception) f;
        }
        if (cell.stopRequested()) {
            throw new StoppedException();
        }
        if (f == null) {
            return value;
        }
        if (f instanceof Exception) {
            throw (Exception) f;
        }
        throw (Error) f;
    }

    /** Waits for {@code t}, stopping it when the cell is stopped; false if it had to be abandoned. */
    private static boolean await(CellContext cell, Thread t) throws InterruptedException {
        boolean marked = false;
        boolean canHardStop = true;
        long lastHardStop = 0;
        int secondInterruptAt = -1;
        long secondNanos = 0;
        while (true) {
            t.join(20);
            if (!t.isAlive()) {
                return true;
            }
            if (!cell.stopRequested()) {
                continue;
            }
            if (!marked) {
                CellGuard.stop(t, cell.stop() == CellContext.Stop.EXIT && cell.exit() != null
                        ? cell.exit() : new CellStop());
                t.interrupt();
                marked = true;
            }
            long since = cell.nanosSinceStop();
            if (cell.interrupts() >= 2 && secondInterruptAt < 0) {
                secondInterruptAt = cell.interrupts();
                secondNanos = System.nanoTime();
            }
            boolean escalate = since > HARD_STOP_MS * MS || secondInterruptAt >= 0;
            if (escalate && canHardStop && System.nanoTime() - lastHardStop > 100 * MS) {
                canHardStop = hardStop(t);
                lastHardStop = System.nanoTime();
            }
            if (since > ABANDON_MS * MS
                    || (secondInterruptAt >= 0 && System.nanoTime() - secondNanos > ABANDON_AFTER_SECOND_MS * MS)) {
                return !t.isAlive();
            }
        }
    }

    /** {@code Thread.stop}, where the JDK still supports it. */
    @SuppressWarnings({"deprecation", "removal"})
    private static boolean hardStop(Thread t) {
        try {
            t.stop();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
