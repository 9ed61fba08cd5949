package convkit.jupyter;

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
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import org.junit.jupiter.api.Assumptions;

/**
 * What the kernel and notebook tests share: finding Jupyter (Debian's /usr/bin/python3 with nbclient), a
 * kernelspec named {@code java} that runs THIS build's kernel (target/classes + the test classpath), and
 * running the committed Python scripts.
 */
public final class JupyterSupport {

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

    /**
     * A jar holding only the manifest of target/convkit.jar's agent entries ({@code Premain-Class:
     * convkit.jupyter.ExitAgent}): {@code -javaagent:} needs a jar, and the test phase runs before the real jar is
     * packaged. The agent class itself is found on the test classpath.
     */
    static synchronized Path agentJar() throws IOException {
        Path jar = ROOT.resolve("target/test-kernel-agent.jar");
        if (!Files.isRegularFile(jar)) {
            Files.createDirectories(jar.getParent());
            Manifest mf = new Manifest();
            mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            mf.getMainAttributes().putValue("Premain-Class", "convkit.jupyter.ExitAgent");
            mf.getMainAttributes().putValue("Can-Retransform-Classes", "true");
            Path tmp = Files.createTempFile(jar.getParent(), "agent", ".jar");
            try (OutputStream os = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(os, mf)) {
                out.flush();
            }
            Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return jar;
    }

    /** The JVM flags of the installed kernelspec that the kernel itself needs (agent, Javadoc of the library). */
    static List<String> kernelFlags() throws IOException {
        return List.of("-javaagent:" + agentJar(), "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED");
    }

    /** Writes {@code dir/kernels/java/kernel.json} running this build's kernel; use {@code JUPYTER_PATH=dir}. */
    public static Path writeKernelspec(Path dir, String... jvmFlags) throws IOException {
        return writeKernelspec(dir, kernelJava(), jvmFlags);
    }

    /**
     * The {@code java} that runs test kernels: this JVM's, or {@code $CONVKIT_KERNEL_JAVA} (e.g.
     * {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java} to run the kernel tests on Java 25, where
     * {@code Thread.stop} and the SecurityManager are gone).
     */
    static String kernelJava() {
        String other = System.getenv("CONVKIT_KERNEL_JAVA");
        return other != null && !other.isBlank() ? other : Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** {@link #writeKernelspec(Path, String...)} with the {@code java} executable of another JDK. */
    static Path writeKernelspec(Path dir, String java, String... jvmFlags) throws IOException {
        Path spec = dir.resolve("kernels/java/kernel.json");
        Files.createDirectories(spec.getParent());
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(kernelFlags());
        argv.addAll(List.of(jvmFlags));
        argv.addAll(List.of("-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-cp", testClasspath(),
                "convkit.jupyter.Main", "{connection_file}"));
        Map<String, Object> json = Map.of(
                "argv", argv,
                "display_name", "Java (convkit, test build)",
                "language", "java",
                "interrupt_mode", "message");
        Files.writeString(spec, new GsonBuilder().setPrettyPrinting().create().toJson(json));
        return dir;
    }

    static final Gson GSON = new Gson();

    /** Compiles {@code source} (class {@code className}) into {@code outDir}, with its source under {@code tmp}. */
    static void compile(Path tmp, Path outDir, String className, String source) throws IOException {
        Path src = tmp.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Files.createDirectories(outDir);
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", outDir.toString(), src.toString());
        if (rc != 0) {
            fail("javac of " + className + " failed");
        }
    }

    /** A jar holding the one class {@code className} compiled from {@code source}. */
    static void buildJar(Path tmp, Path jar, String className, String source) throws IOException {
        Path classes = tmp.resolve("jarclasses");
        compile(tmp, classes, className, source);
        Files.createDirectories(jar.getParent());
        String entry = className.replace('.', '/') + ".class";
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
    }

    /**
     * Runs {@code steps} (see scripts/kernel_check.py drive) in ONE kernel of this build, started by jupyter_client
     * from a kernelspec in {@code dir}; one answer per step.
     */
    static com.google.gson.JsonArray drive(Path dir, List<Map<String, Object>> steps) throws IOException {
        Path specDir = writeKernelspec(dir.resolve("jupyter"), QUICK_START_JVM_FLAGS);
        Result r = run(List.of(PYTHON, "scripts/kernel_check.py", "drive", "--timeout", "120"),
                Map.of("JUPYTER_PATH", specDir.toString()), GSON.toJson(steps), 1200);
        if (r.exitCode() != 0) {
            fail("kernel_check.py drive failed:\n" + r.stderr());
        }
        com.google.gson.JsonArray answers = GSON.fromJson(r.stdout().trim(), com.google.gson.JsonArray.class);
        if (answers.size() != steps.size()) {
            fail("expected " + steps.size() + " answers, got " + answers.size());
        }
        return answers;
    }

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
