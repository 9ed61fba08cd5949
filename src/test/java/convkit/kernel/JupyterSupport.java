package convkit.kernel;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.junit.jupiter.api.Assumptions;

/**
 * What the kernel and notebook tests share: finding Jupyter (Debian's /usr/bin/python3 with nbclient), a
 * kernelspec named {@code java} that runs THIS build's kernel (target/classes + the test classpath), and
 * running the committed Python scripts.
 */
final class JupyterSupport {

    static final Path ROOT = Path.of("").toAbsolutePath();
    static final String PYTHON = "/usr/bin/python3";

    /**
     * JVM flags for test kernels: C1 only and the serial GC start JShell's compiler 2-3 times faster on 2 shared
     * cores (the notebooks' numbers do not depend on the JIT: Java 17 double arithmetic is strict).
     */
    static final String[] QUICK_START_JVM_FLAGS = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

    private JupyterSupport() {
    }

    /**
     * Skips the calling test when Jupyter is missing, except on CI ({@code CI=true}) where that is a failure:
     * CI must exercise the real kernel.
     */
    static void requireJupyter() {
        boolean ok;
        try {
            Result r = run(List.of(PYTHON, "-c", "import nbclient, nbformat, jupyter_client"), Map.of(), null, 120);
            ok = r.exitCode == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (ok) {
            return;
        }
        String why = "Jupyter (" + PYTHON + " with nbclient, nbformat, jupyter_client) is not installed";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(why + " on CI: .ci/run must install the Debian packages jupyter-notebook jupyter-nbconvert "
                    + "python3-nbclient jupyter-client before mvn verify");
        }
        Assumptions.abort(why + ": run ./convkit setup to install it; skipping the Jupyter tests");
    }

    /** The classpath this test JVM runs with (surefire hides it behind a manifest-only jar otherwise). */
    static String testClasspath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** Writes {@code dir/kernels/java/kernel.json} running this build's kernel; use {@code JUPYTER_PATH=dir}. */
    static Path writeKernelspec(Path dir, String... jvmFlags) throws IOException {
        Path spec = dir.resolve("kernels/java/kernel.json");
        Files.createDirectories(spec.getParent());
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(List.of(jvmFlags));
        argv.addAll(List.of("-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-cp", testClasspath(),
                "convkit.kernel.Main", "{connection_file}"));
        Map<String, Object> json = Map.of(
                "argv", argv,
                "display_name", "Java (convkit, test build)",
                "language", "java",
                "interrupt_mode", "message");
        Files.writeString(spec, new GsonBuilder().setPrettyPrinting().create().toJson(json));
        return dir;
    }

    static final Gson GSON = new Gson();

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command (in the repository root unless told) with extra environment, feeding {@code stdin}. */
    static Result run(List<String> command, Map<String, String> env, String stdin, long timeoutSeconds)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile());
        pb.environment().putAll(env);
        pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Process p = pb.start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("timed out after " + timeoutSeconds + " s: " + command + "\nstderr so far:\n" + err.getNow(""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    /** Reads a pipe to its end on a thread of its own (never the common pool: 1 thread on 2 cores). */
    private static CompletableFuture<String> drain(InputStream s) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (s) {
                text.complete(new String(s.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.complete("<" + e + ">");
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
        return text;
    }
}
