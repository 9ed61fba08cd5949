package convkit.notebooks;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/** Runs the real tools these tests drive (the ./convkit script, Debian's Python with Jupyter, node). */
final class Processes {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final String PYTHON = "/usr/bin/python3";

    private Processes() {
    }

    record Result(int exitCode, String stdout, String stderr) {
        String both() {
            return stdout + (stderr.isEmpty() ? "" : "\n--- stderr ---\n" + stderr);
        }
    }

    static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips the test with {@code why}, except on CI ({@code CI=true}), where what is missing is a failure. */
    static void require(boolean present, String why) {
        if (present) return;
        if (onCi()) fail(why + " on CI: .ci/run must install it before mvn verify");
        Assumptions.abort(why + ": skipping");
    }

    static boolean jupyterInstalled() {
        try {
            return run(List.of(PYTHON, "-c", "import nbclient, nbformat, jupyter_client, notebook"), Map.of(), 120).exitCode == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code command} in the repository root with extra environment; fails the test after the timeout. */
    static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) throws IOException {
        // output into files, not pipes: nothing to drain, and a killed command's output so far is still there
        Path out = Files.createTempFile("convkit-run", ".out");
        Path err = Files.createTempFile("convkit-run", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
            Process p = pb.start();
            boolean done;
            try {
                done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (!done) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("timed out after " + timeoutSeconds + " s: " + command + "\nstdout so far:\n" + Files.readString(out)
                        + "\nstderr so far:\n" + Files.readString(err));
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
