package convkit.grading.batch;

import com.google.gson.Gson;
import convkit.grading.ChildRunner;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * A child JVM that stays up and grades one submission after another (started by {@link WarmPool}; not
 * meant to be run by hand). Each request is one line of JSON on stdin: {@code [classesDir, ChildRunner
 * arguments...]}. The submission's compiled classes (its exercises and the instructor's tests) get a
 * fresh class loader, so no static state of a submission survives into the next; the library, JUnit and
 * the grader are shared (and warm). The answer is one line on the original stdout: {@code ok}, or
 * {@code dirty} when the run left a thread running (a test that timed out keeps spinning): the pool
 * then retires this JVM. An Error escaping the run (OutOfMemoryError, StackOverflowError outside a
 * test) ends the JVM like it ends a one-shot child: the grader sees the death and re-runs the
 * remaining tests in a fresh JVM.
 */
public final class WarmWorker {
    private WarmWorker() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream reply = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Gson gson = new Gson();
        reply.println("ready");
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) continue;
            String[] req = gson.fromJson(line, String[].class);
            Path classes = Path.of(req[0]);
            String[] childArgs = Arrays.copyOfRange(req, 1, req.length);
            Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            try (URLClassLoader loader = new URLClassLoader("submission", new URL[] {classes.toUri().toURL()},
                    WarmWorker.class.getClassLoader())) {
                Thread.currentThread().setContextClassLoader(loader);
                ChildRunner.execute(childArgs);
            } catch (Throwable t) {
                err.println("warm worker: the run ended with " + t);
                err.flush();
                Runtime.getRuntime().halt(t instanceof Error ? 3 : 4);
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
            reply.println(leftRunning(before) ? "dirty" : "ok");
        }
        Runtime.getRuntime().halt(0);
    }

    /** True if a thread started during the run is still running (not waiting) after a short grace period. */
    static boolean leftRunning(Set<Thread> before) throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            boolean running = false;
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (before.contains(t) || !t.isAlive() || t == Thread.currentThread()) continue;
                if (t.getState() == Thread.State.RUNNABLE || t.getState() == Thread.State.BLOCKED) running = true;
            }
            if (!running) return false;
            Thread.sleep(20);
        }
        return true;
    }
}
