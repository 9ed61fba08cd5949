package convkit.grading.batch;

import com.google.gson.Gson;
import convkit.grading.Grader;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A pool of warm child JVMs ({@link WarmWorker}) that the {@link Grader} uses instead of starting a new
 * JVM per submission ({@link Grader#launcher}). Each run gets a worker to itself; the run's deadline,
 * heap limit and per-test timeout are the grader's as before. The isolation of a one-shot JVM is kept
 * where it matters:
 * <ul>
 *   <li>each submission's classes live in their own class loader (fresh statics);</li>
 *   <li>a worker that dies (System.exit past the guard, OutOfMemoryError, a crash) or is killed at the
 *       deadline is never reused; the grader sees a dead child and re-runs the remaining tests, which gets
 *       a fresh worker;</li>
 *   <li>a worker whose run left a thread running (an infinite loop that timed out) is retired after the
 *       run, so no spinning thread slows the next submission;</li>
 *   <li>every worker is retired after {@link #MAX_USES} runs.</li>
 * </ul>
 */
public final class WarmPool implements Grader.ChildLauncher, AutoCloseable {
    /** Runs per worker before it is replaced. */
    static final int MAX_USES = 40;
    private static final String CHILD_MAIN = "convkit.grading.ChildRunner";

    private final Path logDir;
    private final Deque<Worker> idle = new ArrayDeque<>();
    private final List<Worker> all = new ArrayList<>();
    private final AtomicInteger started = new AtomicInteger();
    private volatile boolean closed;

    public WarmPool() {
        try {
            this.logDir = Files.createTempDirectory("convkit-warm-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many worker JVMs were started so far. */
    public int workersStarted() {
        return started.get();
    }

    @Override
    public Process start(List<String> command, Path log) throws IOException {
        int main = command.indexOf(CHILD_MAIN);
        int cpAt = command.indexOf("-cp");
        if (main < 0 || cpAt < 0 || cpAt > main) throw new IllegalArgumentException("not a ChildRunner command: " + command);
        String cp = command.get(cpAt + 1);
        int cut = cp.lastIndexOf(File.pathSeparatorChar);
        String baseCp = cp.substring(0, cut), classes = cp.substring(cut + 1);
        List<String> jvm = new ArrayList<>(command.subList(0, cpAt));
        jvm.addAll(List.of("-cp", baseCp));
        List<String> request = new ArrayList<>();
        request.add(classes);
        request.addAll(command.subList(main + 1, command.size()));
        Worker w = take(jvm);
        return w.run(request, log);
    }

    private Worker take(List<String> jvm) throws IOException {
        synchronized (this) {
            if (closed) throw new IOException("the pool is closed");
            for (var it = idle.iterator(); it.hasNext(); ) {
                Worker w = it.next();
                it.remove();
                if (w.jvm.equals(jvm) && w.process.isAlive()) return w;
                w.kill();
            }
        }
        return startWorker(jvm);
    }

    private Worker startWorker(List<String> jvm) throws IOException {
        List<String> cmd = new ArrayList<>(jvm);
        cmd.add(WarmWorker.class.getName());
        Path wlog = logDir.resolve("worker-" + started.incrementAndGet() + ".log");
        Process p = new ProcessBuilder(cmd).redirectError(wlog.toFile()).start();
        Worker w = new Worker(jvm, p, wlog);
        synchronized (this) {
            all.add(w);
        }
        String first = w.readLine();
        if (!"ready".equals(first)) {
            w.kill();
            throw new IOException("a warm grading JVM did not start (" + first + "); its log: " + tail(wlog));
        }
        return w;
    }

    private synchronized void release(Worker w, boolean reusable) {
        if (reusable && !closed && w.uses < MAX_USES && w.process.isAlive()) idle.push(w);
        else w.kill();
    }

    @Override
    public void close() {
        List<Worker> ws;
        synchronized (this) {
            closed = true;
            ws = new ArrayList<>(all);
            idle.clear();
        }
        for (Worker w : ws) w.kill();
        BatchGrade.deleteTree(logDir);
    }

    static String tail(Path f) {
        try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "r")) {
            long n = Math.min(2000, r.length());
            r.seek(r.length() - n);
            byte[] b = new byte[(int) n];
            r.readFully(b);
            return new String(b, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "";
        }
    }

    /** One warm JVM. */
    private final class Worker {
        final List<String> jvm;
        final Process process;
        final Path log;
        final BufferedReader replies;
        final Writer requests;
        int uses;

        Worker(List<String> jvm, Process process, Path log) {
            this.jvm = jvm;
            this.process = process;
            this.log = log;
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.requests = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        String readLine() {
            try {
                return replies.readLine();
            } catch (IOException e) {
                return null;
            }
        }

        void kill() {
            process.destroyForcibly();
        }

        /** Sends one run and returns a Process view of it (the reply line ends it; the worker's death too). */
        Process run(List<String> request, Path runLog) throws IOException {
            uses++;
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            try {
                requests.write(new Gson().toJson(request) + "\n");
                requests.flush();
            } catch (IOException e) {
                kill();
                throw e;
            }
            Thread reader = new Thread(() -> {
                String reply = readLine();
                if ("ok".equals(reply) || "dirty".equals(reply)) {
                    release(this, "ok".equals(reply));
                    exit.complete(0);
                    return;
                }
                int code;
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                    code = process.isAlive() ? 137 : process.exitValue();
                } catch (InterruptedException e) {
                    code = 137;
                }
                kill();
                try {
                    String t = tail(log);
                    if (Files.size(log) > logStart && !t.isEmpty()) Files.writeString(runLog, t + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException e) {
                    // the log is only for the message
                }
                exit.complete(code);
            }, "warm-worker-reply");
            reader.setDaemon(true);
            reader.start();
            return new RunProcess(this, exit);
        }
    }

    /** The grader's view of one run on a warm worker. */
    private static final class RunProcess extends Process {
        private final Worker worker;
        private final CompletableFuture<Integer> exit;

        RunProcess(Worker worker, CompletableFuture<Integer> exit) {
            this.worker = worker;
            this.exit = exit;
        }

        @Override
        public OutputStream getOutputStream() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InputStream getInputStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public InputStream getErrorStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public int waitFor() throws InterruptedException {
            try {
                return exit.get();
            } catch (ExecutionException e) {
                return 1;
            }
        }

        @Override
        public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
            try {
                exit.get(timeout, unit);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                return true;
            }
        }

        @Override
        public int exitValue() {
            Integer v = exit.getNow(null);
            if (v == null) throw new IllegalThreadStateException("still running");
            return v;
        }

        @Override
        public void destroy() {
            destroyForcibly();
        }

        @Override
        public Process destroyForcibly() {
            if (!exit.isDone()) worker.kill(); // the run is abandoned: this JVM is never reused
            return this;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public Stream<ProcessHandle> descendants() {
            return Stream.empty();
        }
    }
}
