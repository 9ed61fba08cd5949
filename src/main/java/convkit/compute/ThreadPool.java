package convkit.compute;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small fixed pool that splits a range of independent work items over the machine's cores.
 *
 * <p>One pool for the whole library (daemon threads, created once, size = available processors - 1; the
 * calling thread does one share itself). A call made from inside a worker runs serially, so nested
 * parallel regions (a parallel conv calling a GEMM) never deadlock or oversubscribe.
 */
public final class ThreadPool {
    /** Number of shares work is split into (the caller plus the pool's threads). */
    public static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private static final ThreadLocal<Boolean> INSIDE = ThreadLocal.withInitial(() -> false);
    private static final ExecutorService POOL = THREADS > 1 ? Executors.newFixedThreadPool(THREADS - 1, r -> {
        Thread t = new Thread(() -> {
            INSIDE.set(true);
            r.run();
        }, "convkit-worker");
        t.setDaemon(true);
        return t;
    }) : null;

    /** A body that processes items {@code [from, to)}. */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    private ThreadPool() {
    }

    /** True when a call should stay on the current thread (already inside a parallel region, or one core). */
    public static boolean serialHere() {
        return POOL == null || INSIDE.get();
    }

    /**
     * Runs {@code body} over {@code [0, n)}, split into at most {@link #THREADS} contiguous chunks, in parallel
     * when {@code parallel} is true and we are not already inside a worker. Returns when all chunks are done;
     * an exception thrown by a chunk is rethrown.
     */
    public static void forRange(int n, boolean parallel, Range body) {
        int shares = Math.min(n, THREADS);
        if (!parallel || shares <= 1 || serialHere()) {
            if (n > 0) body.run(0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(shares - 1);
        for (int s = 1; s < shares; s++) {
            int from = (int) ((long) n * s / shares), to = (int) ((long) n * (s + 1) / shares);
            futures.add(POOL.submit(() -> body.run(from, to)));
        }
        boolean before = INSIDE.get();
        INSIDE.set(true);
        try {
            body.run(0, (int) ((long) n / shares));
        } finally {
            INSIDE.set(before);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a worker", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) throw re;
                if (c instanceof Error er) throw er;
                throw new IllegalStateException(c);
            }
        }
    }
}
