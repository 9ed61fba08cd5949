package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import convkit.grading.batch.BatchGradeTest;
import convkit.grading.gradescope.GradescopeZip;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/**
 * Issue 12, "Done when": hostile hand-ins (one per way the issue lists to cheat or to harm others, plus a compile
 * error, System.exit, an infinite loop, running out of memory and tampered tests) are graded in ONE grade-class run
 * next to correct control hand-ins, in each isolation mode this machine has (bubblewrap; the unprivileged-user
 * fallback when the tests run as root): every hostile one gets at most what its real answers earn, every control
 * keeps exactly its score and its files, and the run completes. The same hand-ins through {@code grade} and
 * Gradescope's {@code run_autograder} get the same scores. Real bwrap, real JVMs, no mocks.
 */
class HostileHandInsTest {
    static final Path ROOT = KitPaths.root();
    static final Path SOLUTION = ROOT.resolve("solutions/src/main/java/convkit/exercises");
    static final String[] ARGS = {"--timeout", "3", "--deadline", "90", "--heap", "128m", "--jobs", "2", "--quiet"};
    static Path tmp, subs;
    /** mode -> gradebook folder of the grade-class run in that mode. */
    static final Map<String, Path> books = new LinkedHashMap<>();
    static final Map<String, String> logs = new LinkedHashMap<>();
    static Map<String, String> controlHashes;
    /** Suffix of a mode whose test JVMs run JUnit's engine (the others run the lean runner, the default). */
    static final String JUNIT = "+junit";

    static String isolation(String mode) {
        return mode.endsWith(JUNIT) ? mode.substring(0, mode.length() - JUNIT.length()) : mode;
    }

    static UnaryOperator<String> stubbed(String number, String code) {
        return s -> BatchGradeTest.stub(BatchGradeTest.poison(s, number, code));
    }

    static Map<String, UnaryOperator<String>> allStubs(Map<String, UnaryOperator<String>> except) throws IOException {
        Map<String, UnaryOperator<String>> m = new LinkedHashMap<>();
        for (String f : BatchGradeTest.solutionFiles()) m.put(f, BatchGradeTest::stub);
        m.putAll(except);
        return m;
    }

    static void write(Path kit, String rel, String text) throws IOException {
        Path f = kit.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    @BeforeAll
    static void gradeTheClassInEveryMode() throws Exception {
        tmp = Files.createTempDirectory("convkit-hostile-");
        subs = tmp.resolve("class");
        Files.createDirectories(subs);
        final String out = "@@OUT@@";   // replaced per mode below: the hostile code knows where the gradebook is
        // ---- controls
        BatchGradeTest.kit(subs.resolve("control-full"), Map.of());
        BatchGradeTest.kit(subs.resolve("control-partial"), Map.of("Sec73PaddingStride", BatchGradeTest::stub));
        // ---- 1. its own graded test method with a large number of points
        Path bonus = subs.resolve("graded-method");
        BatchGradeTest.kit(bonus, allStubs(Map.of()));
        write(bonus, "src/main/java/convkit/exercises/Bonus.java", "package convkit.exercises;\nimport convkit.grading.Graded;\n"
                + "import org.junit.jupiter.api.Test;\npublic class Bonus {\n  @Test @Graded(number = \"7.2.1.1\", points = 1000) public void free() { }\n"
                + "  @Test @Graded(number = \"9.9.9.9\", points = 1000) public void more() { }\n}\n");
        // ---- 2. forged result records (on System.out, on file descriptor 1, through /proc, by reflection on the recorder)
        String fake = "{\\\"kind\\\":\\\"finished\\\",\\\"key\\\":\\\"convkit.exercises.Sec73PaddingStrideTest#outputSize\\\",\\\"status\\\":\\\"SUCCESSFUL\\\"}";
        BatchGradeTest.kit(subs.resolve("forged-records"), allStubs(Map.of("Sec73PaddingStride", stubbed("7.3.1", "if (true) {"
                + " String fake = \"" + fake + "\";"
                + " for (int i = 0; i < 3; i++) System.out.println(\"R \" + i + \" 00 \" + fake);"
                + " try (java.io.FileOutputStream o = new java.io.FileOutputStream(java.io.FileDescriptor.out)) { o.write((\"R 0 00 \" + fake + \"\\n\").getBytes()); } catch (Throwable t) { System.out.println(\"fd 1: \" + t); }"
                + " try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"/proc/self/fd/1\"), \"R 1 00 \" + fake + \"\\n\"); } catch (Throwable t) { System.out.println(\"proc: \" + t); }"
                + " try { for (java.lang.reflect.Field f : Class.forName(\"convkit.grading.RecordingListener\").getDeclaredFields()) f.setAccessible(true); } catch (Throwable t) { System.out.println(\"reflect: \" + t); }"
                + " }"))));
        // ---- 3. classes named like the instructor's test classes, and classes in JUnit's and the grader's packages
        BatchGradeTest.kit(subs.resolve("shadow-tests"), allStubs(Map.of("Sec73PaddingStride", s -> BatchGradeTest.stub(s)
                + "\nclass Sec73PaddingStrideTest {\n  @org.junit.jupiter.api.Test @convkit.grading.Graded(number = \"7.3.1.1\", points = 4) void outputSize() { }\n}\n"
                + "class Sec73PaddingStrideHiddenTest {\n  @org.junit.jupiter.api.Test @convkit.grading.Graded(number = \"7.3.1.2\", points = 1) void outputSizeAgainstEnumeration() { }\n}\n")));
        Path junit = subs.resolve("shadow-junit");
        BatchGradeTest.kit(junit, allStubs(Map.of()));
        write(junit, "src/main/java/convkit/exercises/Assertions.java", "package org.junit.jupiter.api;\npublic class Assertions {\n"
                + "  public static void assertEquals(Object a, Object b) { }\n  public static void assertTrue(boolean b) { }\n}\n");
        write(junit, "src/main/java/convkit/exercises/Numbers.java", "package convkit.grading;\npublic class Numbers { }\n");
        // ---- 4. finding and compiling solutions/ at run time; a hand-in that is a link to solutions/; a linked file
        String solutionFile = SOLUTION.resolve("Sec73PaddingStride.java").toString();
        BatchGradeTest.kit(subs.resolve("reads-solutions"), allStubs(Map.of("Sec73PaddingStride", stubbed("7.3.1", "if (true) {"
                + " try { String sol = java.nio.file.Files.readString(java.nio.file.Path.of(\"" + solutionFile + "\"));"
                + " if (sol.contains(\"floorDiv\")) return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s) + 1; } catch (Throwable t) { System.out.println(\"no solutions: \" + t); }"
                + " try { System.out.println(\"javac: \" + javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, \"-d\", \"x\", \"" + solutionFile + "\")); } catch (Throwable t) { System.out.println(\"javac: \" + t); }"
                + " }"))));
        Files.createSymbolicLink(subs.resolve("symlink-to-solutions"), ROOT.resolve("solutions"));
        Path linked = subs.resolve("linked-file");
        BatchGradeTest.kit(linked, allStubs(Map.of()));
        Files.delete(linked.resolve("src/main/java/convkit/exercises/Sec73PaddingStride.java"));
        Files.createSymbolicLink(linked.resolve("src/main/java/convkit/exercises/Sec73PaddingStride.java"), SOLUTION.resolve("Sec73PaddingStride.java"));
        // ---- 5. visible tests that print the hidden tests (class path, class loader, stack, file system)
        BatchGradeTest.kit(subs.resolve("prints-hidden"), allStubs(Map.of("Sec73PaddingStride", stubbed("7.3.1", "if (true) {"
                + " StringBuilder leak = new StringBuilder();"
                + " for (String c : new String[] {\"convkit.exercises.Sec73PaddingStrideHiddenTest\", \"convkit.exercises.Sec72KernelsHiddenTest\"}) {"
                + "   try { String m = java.util.Arrays.toString(Class.forName(c).getDeclaredMethods()); leak.append(\"LEAK-CLASS \").append(m); } catch (Throwable t) { }"
                + "   try { java.io.InputStream in = ClassLoader.getSystemResourceAsStream(c.replace('.', '/') + \".class\"); if (in != null) leak.append(\"LEAK-BYTES \").append(new String(in.readAllBytes(), \"ISO-8859-1\")); } catch (Throwable t) { }"
                + "   try { StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).forEach(f -> { try { Class<?> h = f.getDeclaringClass().getClassLoader().loadClass(c); leak.append(\"LEAK-STACK \").append(java.util.Arrays.toString(h.getDeclaredMethods())); } catch (Throwable t) { } }); } catch (Throwable t) { }"
                + " }"
                + " for (String root : new String[] {\"/\", \"" + ROOT + "\", \"/tmp\"}) {"
                + "   try (java.util.stream.Stream<java.nio.file.Path> w = java.nio.file.Files.walk(java.nio.file.Path.of(root))) { w.filter(x -> x.toString().contains(\"HiddenTest\")).limit(5).forEach(x -> leak.append(\"LEAK-FILE \").append(x)); } catch (Throwable t) { }"
                + " }"
                + " System.out.println(leak.length() == 0 ? \"nothing hidden found\" : leak.toString());"
                + " }"))));
        // ---- 6. (grade-class) rewriting other hand-ins and results, deleting the grader's files, killing, leaving a thread
        BatchGradeTest.kit(subs.resolve("vandal"), Map.of("Sec75Pooling", s -> BatchGradeTest.poison(s, "7.5.2", "if (true) {"
                + " for (String target : new String[] {\"" + subs + "\", \"" + out + "\", \"" + tmp + "\", \"/tmp/convkit-runs-0\", \"" + ChildJvm.get().dir + "\"}) {"
                + "   try (java.util.stream.Stream<java.nio.file.Path> w = java.nio.file.Files.walk(java.nio.file.Path.of(target))) {"
                + "     w.sorted(java.util.Comparator.reverseOrder()).limit(20000).forEach(f -> { try { if (java.nio.file.Files.isRegularFile(f)) java.nio.file.Files.writeString(f, \"vandalised\"); else java.nio.file.Files.delete(f); } catch (Throwable t) { } });"
                + "   } catch (Throwable t) { System.out.println(\"vandal \" + target + \": \" + t); }"
                + " }"
                + " try { ProcessHandle.allProcesses().forEach(ProcessHandle::destroyForcibly); } catch (Throwable t) { System.out.println(\"kill: \" + t); }"
                + " Thread th = new Thread(() -> { while (true) { try { java.nio.file.Files.writeString(java.nio.file.Path.of(\"" + out + "/students/control-full/results.json\"), \"{}\"); } catch (Throwable t) { } Thread.onSpinWait(); } });"
                + " th.start();"
                + " }")));
        // ---- 7. answers that fool the oracle: a layer that zeroes its own weights and returns zeros (a gradient check alone
        // passes it), a function that zeroes its arguments when the test computes the expected value from them afterwards
        BatchGradeTest.kit(subs.resolve("fools-the-oracle"), Map.of(
                "ScratchConvolution", s -> s.replace("        // BEGIN SOLUTION Exercise 7.9.4: implement forward",
                        "        if (true) { xShape = x.shape(); int[] ws = weight.value().shape(); weight.value().fill(0); bias.value().fill(0);"
                        + " return Tensor.zeros(x.dim(0), ws[0], (x.dim(2) + 2 * pad - ws[2]) / stride + 1, (x.dim(3) + 2 * pad - ws[3]) / stride + 1); }\n"
                        + "        // BEGIN SOLUTION Exercise 7.9.4: implement forward")
                        .replace("        // BEGIN SOLUTION Exercise 7.9.4: implement backward",
                                "        if (true) return Tensor.zeros(xShape);\n        // BEGIN SOLUTION Exercise 7.9.4: implement backward"),
                "Sec74Channels", s -> s.replace("        // BEGIN SOLUTION Exercise 7.4.1: write out corr2d",
                        "        if (true) { k1.fill(0); k2.fill(0); return Tensor.zeros(k1.dim(0) + k2.dim(0) - 1, k1.dim(1) + k2.dim(1) - 1); }\n"
                        + "        // BEGIN SOLUTION Exercise 7.4.1: write out corr2d")));
        // ---- the existing cases: compile error, System.exit, infinite loop, out of memory, tampered tests
        BatchGradeTest.kit(subs.resolve("compile-error"), Map.of("Sec74Channels", s -> s.replaceFirst("public final class Sec74Channels \\{",
                "public final class Sec74Channels { int broken = ;")));
        BatchGradeTest.kit(subs.resolve("exits"), Map.of("Sec75Pooling", s -> BatchGradeTest.poison(s, "7.5.2", "if (true) { System.exit(0); }")));
        BatchGradeTest.kit(subs.resolve("loops"), Map.of("Sec72Kernels", s -> BatchGradeTest.poison(s, "7.2.2", "if (true) { while (true) { } }")));
        BatchGradeTest.kit(subs.resolve("out-of-memory"), Map.of("Sec74Channels", s -> BatchGradeTest.poison(s, "7.4.4",
                "if (true) { java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) { hog.add(new long[1 << 24]); } }")));
        Path tampered = subs.resolve("tampered-tests");
        BatchGradeTest.kit(tampered, Map.of("Sec72Kernels", BatchGradeTest::stub));
        String fakeTest = "package convkit.exercises;\nimport convkit.grading.Graded;\nimport org.junit.jupiter.api.Test;\n"
                + "class Sec72KernelsTest {\n  @Test @Graded(number = \"7.2.1.1\", points = 100) void diagonalEdgeImage() { }\n}\n";
        write(tampered, "src/test/java/convkit/exercises/Sec72KernelsTest.java", fakeTest);
        write(tampered, "src/main/java/convkit/exercises/Sec72KernelsTest.java", fakeTest);
        // ---- item 6: encodings, a kit nested in extra folders, files that are not sources, a FIFO named like a source
        Path latin1 = subs.resolve("latin1");
        BatchGradeTest.kit(latin1, Map.of());
        Path l1 = latin1.resolve("src/main/java/convkit/exercises/Sec72Kernels.java");
        Files.write(l1, (Files.readString(l1) + "\n// Übung für Schüler: é à ç\n").getBytes(StandardCharsets.ISO_8859_1));
        Path bom = subs.resolve("bom");
        BatchGradeTest.kit(bom, Map.of());
        Path b1 = bom.resolve("src/main/java/convkit/exercises/Sec73PaddingStride.java");
        byte[] text = Files.readAllBytes(b1);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);
        Files.write(b1, withBom);
        Path nested = tmp.resolve("nested-kit");
        BatchGradeTest.kit(nested, Map.of());
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(subs.resolve("nested-zip.zip"))); Stream<Path> s = Files.walk(nested)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry("Downloads/homework/final/convkit/exercises/" + nested.relativize(p)));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
        Files.write(subs.resolve("paula.pdf"), "%PDF-1.4\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n".getBytes(StandardCharsets.ISO_8859_1));
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(subs.resolve("jay.jar")))) {
            z.putNextEntry(new ZipEntry("convkit/exercises/Sec72Kernels.class"));
            z.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            z.closeEntry();
        }
        Path classes = subs.resolve("classes-only/src/main/java/convkit/exercises");
        Files.createDirectories(classes);
        Files.write(classes.resolve("Sec72Kernels.class"), new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61});
        Path fifo = subs.resolve("fifo");
        BatchGradeTest.kit(fifo, Map.of());
        Path f1 = fifo.resolve("src/main/java/convkit/exercises/Sec72Kernels.java");
        Files.delete(f1);
        assertThat(new ProcessBuilder("mkfifo", f1.toString()).inheritIO().start().waitFor()).isZero();

        controlHashes = Map.of("control-full", hash(subs.resolve("control-full")), "control-partial", hash(subs.resolve("control-partial")));
        // ---- one grade-class run per isolation mode this machine has; the hostile code knows the gradebook's path
        List<String> modes = new ArrayList<>();
        if (Sandbox.bwrapWorks()) modes.add("bwrap");
        if (Sandbox.isRoot() && Sandbox.which("setpriv") != null) modes.add("user");
        assertThat(modes).as("an isolation mode to test (install bubblewrap, or run as root)").isNotEmpty();
        modes.add(modes.get(0) + JUNIT);   // the same isolation with JUnit's engine in the test JVM instead of the lean runner
        String previous = out;
        for (String mode : modes) {
            Path book = tmp.resolve("gradebook-" + mode);
            Path vandal = subs.resolve("vandal/src/main/java/convkit/exercises/Sec75Pooling.java");
            Files.writeString(vandal, Files.readString(vandal).replace(previous, book.toString()));
            previous = book.toString();
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dconvkit.home=" + ROOT, "-Dconvkit.grading.isolation=" + isolation(mode),
                    "-Dconvkit.grading.runner=" + (mode.endsWith(JUNIT) ? "junit" : "auto"), "-cp",
                    System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                    convkit.cli.Main.class.getName(), "grade-class", subs.toString(), "--out", book.toString()));
            cmd.addAll(List.of(ARGS));
            Path log = tmp.resolve("grade-class-" + mode + ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("grade-class in mode %s finished", mode).isTrue();
            logs.put(mode, Files.readString(log));
            assertThat(p.exitValue()).as("grade-class in mode %s (log: %s)", mode, logs.get(mode)).isZero();
            books.put(mode, book);
        }
    }

    @AfterAll
    static void cleanUp() {
        Grader.deleteTree(tmp);
    }

    static String hash(Path dir) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                md.update(dir.relativize(p).toString().getBytes());
                if (Files.isRegularFile(p)) md.update(Files.readAllBytes(p));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static Table grades(String mode) throws IOException {
        return Table.read().csv(books.get(mode).resolve("grades.csv").toFile());
    }

    static String notes(Table g, String student) {
        for (var r : g) if (r.getString("student").equals(student)) return r.getString("notes");
        throw new AssertionError("no row for " + student);
    }

    static String file(String mode, String student, String name) throws IOException {
        return Files.readString(books.get(mode).resolve("students").resolve(student).resolve(name));
    }

    /** Points per exercise of a full score (the control's row). */
    static Map<String, Double> full(Table g) {
        return BatchGradeTest.row(g, "control-full");
    }

    static void onlyLoses(Table g, Map<String, Double> full, String student, String exercise) {
        Map<String, Double> row = BatchGradeTest.row(g, student);
        for (String ex : full.keySet()) {
            if (Set.of("total", "max", "percent").contains(ex)) continue;
            if (ex.equals(exercise)) assertThat(row.get(ex)).as("%s: exercise %s", student, ex).isLessThan(full.get(ex));
            else assertThat(row.get(ex)).as("%s: exercise %s", student, ex).isEqualTo(full.get(ex));
        }
    }

    static double pointsOf(Map<String, Double> full, Set<String> exercises) {
        return exercises.stream().mapToDouble(full::get).sum();
    }

    static Set<String> exercisesOf(String file) throws IOException {
        Set<String> s = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("BEGIN SOLUTION Exercise (\\d+\\.\\d+\\.\\d+)")
                .matcher(Files.readString(SOLUTION.resolve(file + ".java")));
        while (m.find()) s.add(m.group(1));
        return s;
    }

    @Test
    void everyHandInGetsAtMostWhatItsAnswersEarnAndTheControlsKeepTheirScoreAndFiles() throws IOException {
        for (String mode : books.keySet()) {
            Table g = grades(mode);
            Map<String, Double> full = full(g);
            double max = full.get("max");
            assertThat(g.stringColumn("student").asList()).as("mode %s: a row for every hand-in", mode).containsExactlyInAnyOrder(
                    "bom", "classes-only", "compile-error", "control-full", "control-partial", "exits", "fifo", "fools-the-oracle", "forged-records",
                    "graded-method", "jay.jar", "latin1", "linked-file", "loops", "nested-zip", "out-of-memory", "paula.pdf", "prints-hidden",
                    "reads-solutions", "shadow-junit", "shadow-tests", "symlink-to-solutions", "tampered-tests", "vandal");
            Map<String, Double> expected = new TreeMap<>();
            // controls and hand-ins whose answers are all right
            for (String s : List.of("control-full", "latin1", "bom", "nested-zip", "vandal")) expected.put(s, max);
            expected.put("control-partial", max - pointsOf(full, exercisesOf("Sec73PaddingStride")));
            // hostile hand-ins whose real answers are the stubs: nothing
            for (String s : List.of("graded-method", "forged-records", "shadow-tests", "shadow-junit", "reads-solutions", "symlink-to-solutions",
                    "linked-file", "prints-hidden", "paula.pdf", "jay.jar", "classes-only")) expected.put(s, 0.0);
            expected.put("compile-error", max - pointsOf(full, exercisesOf("Sec74Channels")));
            expected.put("tampered-tests", max - pointsOf(full, exercisesOf("Sec72Kernels")));
            expected.put("fifo", max - pointsOf(full, exercisesOf("Sec72Kernels")));
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                Map<String, Double> row = BatchGradeTest.row(g, e.getKey());
                assertThat(row.get("total")).as("mode %s: %s (notes: %s)", mode, e.getKey(), notes(g, e.getKey())).isEqualTo(e.getValue());
                assertThat(row.get("max")).as("mode %s: %s's maximum", mode, e.getKey()).isEqualTo(max);
            }
            assertThat(full.get("total")).isEqualTo(max).isGreaterThan(0);
            // a System.exit, a loop, an allocation without end in one exercise: that exercise loses, every other one is whole
            // fooling the oracle earns nothing: 7.9.4 is all zero, and of 7.4.1 only composedKernelSize (7.4.1.1, 1 point) is left
            Map<String, Double> fools = BatchGradeTest.row(g, "fools-the-oracle");
            for (String ex : full.keySet()) {
                if (Set.of("total", "max", "percent").contains(ex)) continue;
                double want = ex.equals("7.9.4") ? 0 : ex.equals("7.4.1") ? 1 : full.get(ex);
                assertThat(fools.get(ex)).as("mode %s: fools-the-oracle, exercise %s (notes: %s)", mode, ex, notes(g, "fools-the-oracle")).isEqualTo(want);
            }
            onlyLoses(g, full, "exits", "7.5.2");
            onlyLoses(g, full, "loops", "7.2.2");
            onlyLoses(g, full, "out-of-memory", "7.4.4");
            // the controls' files are untouched, and so are their results (the vandal's thread wrote at them all the time)
            for (Map.Entry<String, String> c : controlHashes.entrySet()) {
                assertThat(hash(subs.resolve(c.getKey()))).as("mode %s: files of %s", mode, c.getKey()).isEqualTo(c.getValue());
            }
            JsonObject fullResults = JsonParser.parseString(file(mode, "control-full", "results.json")).getAsJsonObject();
            assertThat(fullResults.get("score").getAsDouble()).isEqualTo(max);
            assertThat(logs.get(mode)).as("mode %s: the console names the isolation", mode)
                    .contains(isolation(mode).equals("bwrap") ? "isolation: bubblewrap sandbox" : "isolation: unprivileged user");
            assertThat(file(mode, "control-full", "report.txt")).contains(isolation(mode).equals("bwrap") ? "Isolation: bubblewrap" : "Isolation: unprivileged user");
        }
    }

    @Test
    void theNotesSayWhatWasRefusedOrIgnored() throws IOException {
        for (String mode : books.keySet()) {
            assertThat(file(mode, "graded-method", "report.txt")).contains("Ignored the tests or @Graded annotations declared in convkit.exercises.Bonus");
            assertThat(file(mode, "shadow-tests", "report.txt")).contains("declares class convkit.exercises.Sec73PaddingStrideTest, a name reserved");
            assertThat(file(mode, "shadow-junit", "report.txt")).contains("declares class org.junit.jupiter.api.Assertions, which is outside package")
                    .contains("declares class convkit.grading.Numbers, which is outside package");
            assertThat(file(mode, "symlink-to-solutions", "report.txt")).contains("symbolic link");
            assertThat(file(mode, "linked-file", "report.txt")).contains("Refused convkit/exercises/Sec73PaddingStride.java: a symbolic link");
            assertThat(file(mode, "tampered-tests", "report.txt")).contains("test files of the submission are not used");
            assertThat(file(mode, "latin1", "report.txt")).contains("Sec72Kernels.java: not UTF-8; read as Latin-1");
            assertThat(file(mode, "bom", "report.txt")).contains("Sec73PaddingStride.java: starts with a UTF-8 byte-order mark");
            assertThat(file(mode, "paula.pdf", "report.txt")).contains("paula.pdf is not a folder or a .zip of the kit");
            assertThat(file(mode, "jay.jar", "report.txt")).contains("jay.jar is not a folder or a .zip of the kit");
            assertThat(file(mode, "classes-only", "report.txt")).contains("Sec72Kernels.class: not a Java source file");
            assertThat(file(mode, "fifo", "report.txt")).contains("Refused convkit/exercises/Sec72Kernels.java: not a regular file");
            assertThat(file(mode, "compile-error", "report.txt")).contains("does not compile");
            assertThat(file(mode, "exits", "report.txt")).contains("System.exit");
            assertThat(file(mode, "loops", "report.txt")).containsIgnoringCase("timed out");
            assertThat(file(mode, "out-of-memory", "report.txt")).containsAnyOf("OutOfMemoryError", "out of memory");
        }
    }

    @Test
    void nothingOfTheHiddenTestsReachesWhatTheStudentSees() throws IOException {
        for (String mode : books.keySet()) {
            String feedback = file(mode, "prints-hidden", "feedback.txt");
            assertThat(feedback).doesNotContain("LEAK").doesNotContain("outputSizeAgainstEnumeration");
            JsonObject r = JsonParser.parseString(file(mode, "prints-hidden", "results.json")).getAsJsonObject();
            for (JsonElement e : r.getAsJsonArray("tests")) {
                JsonObject t = e.getAsJsonObject();
                if (t.get("visibility").getAsString().equals("visible")) {
                    assertThat(t.get("output").getAsString()).as("mode %s: visible test %s", mode, t.get("number")).doesNotContain("LEAK");
                }
                if (t.get("number").getAsString().equals("7.3.1.1")) assertThat(t.get("output").getAsString()).contains("nothing hidden found");
            }
            assertThat(r.get("output").getAsString()).doesNotContain("LEAK");
            // and the other attacks got nowhere: the guard and the sandbox refused them
            assertThat(testOutput(mode, "reads-solutions", "7.3.1.1")).contains("no solutions:");
            assertThat(testOutput(mode, "forged-records", "7.3.1.1")).contains("fd 1: java.security.AccessControlException: access denied").contains("writeFileDescriptor");
        }
    }

    static String testOutput(String mode, String student, String number) throws IOException {
        JsonObject r = JsonParser.parseString(file(mode, student, "results.json")).getAsJsonObject();
        for (JsonElement e : r.getAsJsonArray("tests")) {
            if (e.getAsJsonObject().get("number").getAsString().equals(number)) return e.getAsJsonObject().get("output").getAsString();
        }
        throw new AssertionError("no test " + number + " for " + student);
    }

    /** The operating-system sandbox alone (in-JVM guard off) keeps solutions/ and the hidden tests out of reach. */
    @Test
    void theSandboxAloneKeepsSolutionsAndHiddenTestsAway() {
        Sandbox box = Sandbox.get(false);
        Assumptions.assumeTrue(box.mode() != Sandbox.Mode.NONE, "no sandbox on this machine");
        for (String student : List.of("reads-solutions", "prints-hidden")) {
            GradeReport r = GraderTest.instructor(subs.resolve(student).resolve("src/main/java")).exitGuard(false).only("7.3.1").name(student).grade();
            assertThat(r.score()).as("%s with the guard off, in %s", student, box.describe()).isZero();
            assertThat(r.test("7.3.1.1").output()).doesNotContain("LEAK");
        }
    }

    @Test
    void gradeAndGradescopeGiveTheSameScoresAsGradeClass() throws Exception {
        String mode = books.keySet().iterator().next();
        Table g = grades(mode);
        // ./convkit grade (Instructor.grade, what the command runs)
        for (String s : List.of("control-full", "control-partial", "graded-method", "forged-records", "shadow-tests", "paula.pdf",
                "symlink-to-solutions", "fools-the-oracle")) {
            Path hand = subs.resolve(s);
            GradeReport r = Instructor.grade(ROOT, hand, tmp.resolve("grade-" + s), "");
            assertThat(r.score()).as("./convkit grade %s", s).isEqualTo(BatchGradeTest.row(g, s).get("total"));
        }
        // Gradescope: the autograder zip unpacked into source/, run_autograder run on each hand-in
        Path zip = tmp.resolve("autograder.zip");
        GradescopeZip.build(ROOT, zip, GradescopeZip.runtimeClassPath());
        for (String s : List.of("control-partial", "graded-method", "forged-records", "fools-the-oracle")) {
            Path ag = tmp.resolve("gs-" + s);
            UnixZipTest.unzip(zip, ag.resolve("source"));
            Files.copy(ag.resolve("source/run_autograder"), ag.resolve("run_autograder"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            KitBuilderTest.copy(subs.resolve(s), ag.resolve("submission"));
            ProcessBuilder pb = new ProcessBuilder(ag.resolve("run_autograder").toString()).directory(ag.toFile())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("gs-" + s + ".log").toFile());
            pb.environment().put("AUTOGRADER_ROOT", ag.toString());
            pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
            Process p = pb.start();
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            JsonObject r = JsonParser.parseString(Files.readString(ag.resolve("results/results.json"))).getAsJsonObject();
            assertThat(r.get("score").getAsDouble()).as("Gradescope %s (log %s)", s, Files.readString(tmp.resolve("gs-" + s + ".log")))
                    .isEqualTo(BatchGradeTest.row(g, s).get("total"));
            assertThat(Files.readString(tmp.resolve("gs-" + s + ".log"))).contains("isolation: ");
        }
    }

    /**
     * The lean runner (the default in the test JVM) grades like JUnit's engine: for every hand-in of the class, the
     * same gradebook row and, test by test, the same score, status and text in results.json.
     */
    @Test
    void theLeanRunnerGradesEveryHandInLikeJUnitsEngine() throws IOException {
        String lean = books.keySet().iterator().next(), junit = lean + JUNIT;
        Table a = grades(lean), b = grades(junit);
        assertThat(a.rowCount()).isEqualTo(b.rowCount());
        for (String student : a.stringColumn("student").asList()) {
            assertThat(BatchGradeTest.row(a, student)).as("gradebook row of %s", student).isEqualTo(BatchGradeTest.row(b, student));
            Path la = books.get(lean).resolve("students").resolve(student).resolve("results.json");
            if (!Files.exists(la)) continue;
            var ta = JsonParser.parseString(Files.readString(la)).getAsJsonObject().getAsJsonArray("tests");
            var tb = JsonParser.parseString(file(junit, student, "results.json")).getAsJsonObject().getAsJsonArray("tests");
            assertThat(ta.size()).as("%s: tests", student).isEqualTo(tb.size());
            for (int i = 0; i < ta.size(); i++) {
                var x = ta.get(i).getAsJsonObject();
                var y = tb.get(i).getAsJsonObject();
                for (String field : List.of("number", "name", "score", "max_score", "status", "output", "visibility")) {
                    // the vandal prints the path of its own run's gradebook: the one difference the two runs must have
                    assertThat(String.valueOf(x.get(field)).replace(books.get(lean).toString(), "GRADEBOOK")).as("%s, test %s: %s", student, x.get("number"), field)
                            .isEqualTo(String.valueOf(y.get(field)).replace(books.get(junit).toString(), "GRADEBOOK"));
                }
            }
        }
    }
}
