package convkit.grading.gradescope;

import convkit.grading.KitPaths;
import convkit.grading.Markers;
import convkit.grading.UnixZip;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the Gradescope autograder zip (instructor side: it holds the hidden tests):
 *
 * <pre>
 * setup.sh                         installs openjdk-17-jdk-headless and maven with apt (Gradescope's Ubuntu image)
 * run_autograder                   grades /autograder/submission into /autograder/results/results.json
 * lib/*.jar                        the grader and what it runs on: convkit, JUnit, opentest4j, apiguardian, Gson
 *                                  (not Tablesaw and its dependencies, nor the kernel's jars: grading needs none)
 * tests/src/test/java/...          the instructor's visible tests
 * tests/src/hidden/java/...        the hidden / after-due-date tests
 * stubs/convkit/exercises/*.java   the student stubs (a file that does not compile is replaced by its stub);
 *                                  no solution code is shipped
 * </pre>
 *
 * <pre>./convkit gradescope-zip [ZIP]</pre>
 * (default {@code target/convkit-gradescope-autograder.zip}; see {@link #write}).
 */
public final class GradescopeZip {
    private GradescopeZip() {
    }

    /**
     * What {@code ./convkit gradescope-zip [ZIP]} runs: builds the zip of the kit at {@link KitPaths#root()} with this
     * JVM's class path, to {@code zip} (null: {@code target/convkit-gradescope-autograder.zip}), and says what it holds.
     */
    public static void write(Path zip) throws IOException {
        Path root = KitPaths.root();
        if (zip == null) zip = root.resolve("target/convkit-gradescope-autograder.zip");
        List<String> entries = build(root, zip.toAbsolutePath(), runtimeClassPath());
        System.out.println("Wrote " + zip + " (" + entries.size() + " files: setup.sh, run_autograder, "
                + entries.stream().filter(e -> e.startsWith("lib/")).count() + " jars in lib/, "
                + entries.stream().filter(e -> e.startsWith("tests/")).count() + " test files incl. hidden, "
                + entries.stream().filter(e -> e.startsWith("stubs/")).count() + " stubs).");
        System.out.println("Upload it on Gradescope: assignment > Configure Autograder > Zip file upload. It holds the hidden tests: keep it private.");
    }

    /** The class path entries of this JVM (Surefire's real class path when under Maven), without test class folders. */
    public static List<Path> runtimeClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Set<Path> out = new LinkedHashSet<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (e.isBlank() || e.contains("surefirebooter") || e.endsWith("test-classes")) continue;
            Path p = Path.of(e).toAbsolutePath().normalize();
            if (Files.exists(p)) out.add(p);
        }
        return List.copyOf(out);
    }

    /** The jars (or class folders) of {@code classPath} that grading needs: where the grader's anchor classes come from. */
    static List<Path> graderOnly(List<Path> classPath) {
        Set<Path> needed = new LinkedHashSet<>();
        for (String a : new String[] {"convkit.grading.Grader", "com.google.gson.Gson", "org.junit.jupiter.api.Test",
            "org.junit.jupiter.params.ParameterizedTest", "org.junit.jupiter.engine.JupiterTestEngine",
            "org.junit.platform.engine.TestEngine", "org.junit.platform.commons.util.ReflectionUtils",
            "org.junit.platform.launcher.Launcher", "org.opentest4j.AssertionFailedError", "org.apiguardian.api.API"}) {
            try {
                var cs = Class.forName(a).getProtectionDomain().getCodeSource();
                if (cs != null) needed.add(Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize());
            } catch (ClassNotFoundException | java.net.URISyntaxException e) {
                throw new IllegalStateException("the grader's class path lacks " + a, e);
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path p : classPath) if (needed.contains(p.toAbsolutePath().normalize())) out.add(p);
        return out;
    }

    /**
     * Writes the autograder zip; returns its entry names. Of {@code classPath}, only what grading needs goes into
     * lib/ ({@link #graderOnly}); class folders are packed into jars ({@code lib/classes-N.jar}), jars are copied.
     */
    public static List<String> build(Path root, Path zip, List<Path> classPath) throws IOException {
        Path sol = KitPaths.solutions(root);
        if (!Files.isDirectory(sol.resolve("src/test/java"))) {
            throw new IllegalArgumentException("no instructor tests in " + sol.resolve("src/test/java") + ": build the zip from an instructor checkout");
        }
        Map<String, byte[]> files = new TreeMap<>();
        files.put("setup.sh", resource("setup.sh"));
        files.put("run_autograder", resource("run_autograder"));
        int n = 0;
        Set<String> names = new LinkedHashSet<>();
        for (Path e : graderOnly(classPath)) {
            if (Files.isDirectory(e)) {
                files.put("lib/classes-" + (++n) + ".jar", jarOf(e));
            } else if (e.toString().endsWith(".jar")) {
                String name = e.getFileName().toString();
                if (!names.add(name)) continue;
                files.put("lib/" + name, Files.readAllBytes(e));
            }
        }
        addTree(files, sol.resolve("src/test/java"), "tests/src/test/java/", false);
        addTree(files, sol.resolve("src/hidden/java"), "tests/src/hidden/java/", false);
        addTree(files, sol.resolve("src/main/java"), "stubs/", true);
        Files.createDirectories(zip.toAbsolutePath().getParent());
        // Gradescope runs setup.sh and run_autograder: they must unzip executable (UnixZip records the mode)
        try (UnixZip z = new UnixZip(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                boolean exec = f.getKey().equals("setup.sh") || f.getKey().equals("run_autograder");
                z.add(f.getKey(), f.getValue(), exec ? UnixZip.EXECUTABLE : UnixZip.FILE);
            }
        }
        return new ArrayList<>(files.keySet());
    }

    private static void addTree(Map<String, byte[]> files, Path dir, String prefix, boolean asStubs) throws IOException {
        if (!Files.isDirectory(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = dir.relativize(p).toString().replace(File.separatorChar, '/');
                byte[] content = Files.readAllBytes(p);
                if (asStubs) {
                    if (!rel.endsWith(".java")) continue;
                    content = Markers.stub(new String(content, java.nio.charset.StandardCharsets.UTF_8), rel)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                files.put(prefix + rel, content);
            }
        }
    }

    private static byte[] jarOf(Path dir) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes); Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(dir.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] resource(String name) {
        try (InputStream in = GradescopeZip.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource convkit/grading/gradescope/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
