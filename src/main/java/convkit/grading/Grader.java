package convkit.grading;

import com.google.gson.Gson;
import com.google.gson.JsonSyntaxException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Grades one submission: compiles the student's exercise sources together with the instructor's
 * tests (the student's own test files are never used), runs them in a child JVM (heap limit, per-test
 * timeout, whole-run deadline, System.exit blocked, output truncated) and turns the results into a
 * {@link GradeReport}.
 *
 * <pre>{@code
 * GradeReport r = new Grader()
 *     .sources(Path.of("student/exercises/src/main/java"))
 *     .tests(Path.of("solutions/src/test/java"), Path.of("solutions/src/hidden/java"))
 *     .stubsFrom(Path.of("solutions/src/main/java"))
 *     .grade();
 * }</pre>
 *
 * <p>Only sources under {@code convkit/exercises/} count; anything else in the submission (including
 * files that would shadow a test or a library class) is ignored with a note. A student file that does
 * not compile, or that no longer fits the tests' API, is replaced by its stub (so only its exercises
 * score zero) when {@link #stubsFrom} is given.
 */
public final class Grader {
    /** The package of the exercises; the only student sources that are compiled. */
    public static final String EXERCISE_DIR = "convkit/exercises/";

    private Path sources;
    private final List<Path> tests = new ArrayList<>();
    private Path stubs;
    private String only = "";
    private Path xmlDir;
    private String name = "submission";
    private int timeoutSeconds = Integer.getInteger("convkit.grading.timeout", 10);
    private int deadlineSeconds = Integer.getInteger("convkit.grading.deadline", 300);
    private String heap = System.getProperty("convkit.grading.heap", "512m");
    private boolean exitGuard = true;
    /** Test classes left out because they do not compile against the submission -> why. */
    private final Map<String, String> dropped = new HashMap<>();
    private ChildLauncher launcher = (cmd, log) -> new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    /** Starts the child JVM of one run from its full java command line, output to {@code log}. */
    @FunctionalInterface
    public interface ChildLauncher {
        Process start(List<String> command, Path log) throws IOException;
    }

    /** Compiles the student's sources together with the instructor's tests (errors keyed by absolute normalized path). */
    @FunctionalInterface
    public interface Compiler {
        SubmissionCompiler.Result compile(List<Path> sources, Path outDir, String classpath);
    }

    private Compiler compiler = SubmissionCompiler::compile;

    /** How sources are compiled (default: javac of everything; convkit.grading.batch reuses test classes compiled once). */
    public Grader compiler(Compiler c) {
        this.compiler = c;
        return this;
    }

    /** How the child JVM is started (default: a new JVM per run; convkit.grading.batch uses a pool of warm JVMs). */
    public Grader launcher(ChildLauncher l) {
        this.launcher = l;
        return this;
    }

    /** The student's source root (the folder that contains convkit/exercises/). */
    public Grader sources(Path dir) {
        this.sources = dir;
        return this;
    }

    /** Test source roots (instructor's). */
    public Grader tests(Path... dirs) {
        tests.addAll(List.of(dirs));
        return this;
    }

    /** Solution source root used to replace student files that do not compile by their stubs. */
    public Grader stubsFrom(Path dir) {
        this.stubs = dir;
        return this;
    }

    /** Grade only tests whose number is or starts with this prefix ("7.2", "7.9.4"); "" for all. */
    public Grader only(String prefix) {
        this.only = prefix == null ? "" : prefix;
        return this;
    }

    /** Where the JUnit XML reports go (null: none). */
    public Grader junitXml(Path dir) {
        this.xmlDir = dir;
        return this;
    }

    /** The name of the submission in tables and CSV. */
    public Grader name(String n) {
        this.name = n;
        return this;
    }

    /** Per-test timeout (seconds) for tests without their own {@code @Timeout}. */
    public Grader timeoutSeconds(int s) {
        this.timeoutSeconds = s;
        return this;
    }

    /** Deadline for the whole submission (seconds); tests not finished by then score zero. */
    public Grader deadlineSeconds(int s) {
        this.deadlineSeconds = s;
        return this;
    }

    /** Maximum heap of the child JVM, e.g. "512m". */
    public Grader heap(String h) {
        this.heap = h;
        return this;
    }

    /**
     * Whether System.exit is blocked inside the child JVM (default true). Without the guard (or on a JVM that no
     * longer allows a SecurityManager) an exit kills the child; the grader then fails the running test and re-runs
     * the rest in a fresh JVM. Tests switch it off to exercise that path.
     */
    Grader exitGuard(boolean on) {
        this.exitGuard = on;
        return this;
    }

    /** Runs the grading. Never throws for a broken submission: it scores zero with a reason. */
    public GradeReport grade() {
        long t0 = System.nanoTime();
        dropped.clear();
        List<String> notes = new ArrayList<>();
        List<GradedScan.Entry> expected = new ArrayList<>();
        for (Path t : tests) expected.addAll(GradedScan.scan(t));
        expected.removeIf(e -> !Numbers.matches(e.number(), only));
        Path tmp;
        try {
            tmp = Files.createTempDirectory("convkit-grade-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<RunRecord> records = compileAndRun(tmp, notes);
            List<TestResult> results = aggregate(expected, records, notes);
            return new GradeReport(name, results, notes, (System.nanoTime() - t0) / 1e9);
        } finally {
            deleteTree(tmp);
        }
    }

    private List<RunRecord> compileAndRun(Path tmp, List<String> notes) {
        String cp = ClassPaths.library();
        Path src = tmp.resolve("src");
        Map<String, Path> testFiles = new LinkedHashMap<>();
        for (Path t : tests) testFiles.putAll(javaFiles(t));
        Map<String, Path> student = new LinkedHashMap<>();
        if (sources == null || !Files.isDirectory(sources)) {
            notes.add("No exercise sources found" + (sources == null ? "" : " in " + sources) + ": every test scores 0.");
            return List.of();
        }
        for (Map.Entry<String, Path> e : javaFiles(sources).entrySet()) {
            String rel = e.getKey();
            if (!rel.startsWith(EXERCISE_DIR)) {
                notes.add("Ignored " + rel + ": only files in " + EXERCISE_DIR + " are graded.");
            } else if (testFiles.containsKey(rel) || rel.endsWith("Test.java")) {
                notes.add("Ignored " + rel + ": test files of the submission are not used; the instructor's tests decide the grade.");
            } else {
                Path copy = src.resolve(rel);
                try {
                    Files.createDirectories(copy.getParent());
                    Files.copy(e.getValue(), copy);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                student.put(rel, copy);
            }
        }
        Path classes = null;
        Set<String> stubbed = new LinkedHashSet<>();
        for (int round = 0; round < 4; round++) {
            Path out = tmp.resolve("classes" + round);
            List<Path> all = new ArrayList<>();
            student.values().stream().filter(Files::exists).forEach(all::add);
            all.addAll(testFiles.values());
            long tc = System.nanoTime();
            SubmissionCompiler.Result r = compiler.compile(all, out, ClassPaths.compile());
            log("compiled %d files in %.1f s", all.size(), (System.nanoTime() - tc) / 1e9);
            if (r.ok()) {
                classes = out;
                break;
            }
            boolean changed = false;
            for (Map.Entry<String, Path> e : student.entrySet()) {
                Path p = e.getValue().toAbsolutePath().normalize();
                if (!r.errors().containsKey(p)) continue;
                notes.add(e.getKey() + " does not compile (" + r.firstError(p) + "); its exercises score 0.");
                changed |= replaceByStub(e.getKey(), e.getValue());
            }
            if (!changed) {
                for (Map.Entry<String, Path> e : testFiles.entrySet()) {
                    Path p = e.getValue().toAbsolutePath().normalize();
                    if (!r.errors().containsKey(p)) continue;
                    String target = e.getKey().replaceAll("(Hidden)?Test\\.java$", ".java");
                    Path copy = student.get(target);
                    if (copy != null && Files.exists(copy) && stubbed.add(target)) {
                        notes.add(target + " does not fit the exercise's API: the tests do not compile against it ("
                                + r.firstError(p) + "). Keep the given method signatures; its exercises score 0.");
                        changed |= replaceByStub(target, copy);
                    }
                }
            }
            if (!changed) { // no stub to fall back on (the student kit has none): leave out the tests that cannot compile
                for (var it = testFiles.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Path> e = it.next();
                    Path p = e.getValue().toAbsolutePath().normalize();
                    if (!r.errors().containsKey(p)) continue;
                    String cls = e.getKey().replaceAll("\\.java$", "").replace('/', '.');
                    String reason = "the tests in " + e.getKey() + " do not compile against the submission (" + r.firstError(p) + ")";
                    dropped.put(cls, reason);
                    notes.add("Skipped " + reason + "; they score 0.");
                    it.remove();
                    changed = true;
                }
            }
            if (!changed) {
                notes.add("The submission does not compile with the instructor's tests: "
                        + r.errors().entrySet().stream().limit(3)
                        .map(e -> e.getKey().getFileName() + " " + e.getValue().get(0)).toList() + "; every test scores 0.");
                return List.of();
            }
        }
        if (classes == null) return List.of();
        return runChild(tmp, classes, cp, notes);
    }

    /** Replaces a student file by the stub of the instructor's solution; false if there is none (then the file is removed). */
    private boolean replaceByStub(String rel, Path copy) {
        try {
            if (stubs != null && Files.exists(stubs.resolve(rel))) {
                String stub = Markers.stub(Files.readString(stubs.resolve(rel)), rel);
                if (Files.exists(copy) && Files.readString(copy).equals(stub)) return false;
                Files.writeString(copy, stub);
                return true;
            }
            return Files.deleteIfExists(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<RunRecord> runChild(Path tmp, Path classes, String cp, List<String> notes) {
        Path recordsFile = tmp.resolve("records.jsonl");
        Path exclude = tmp.resolve("exclude.txt");
        Path log = tmp.resolve("child.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        Set<String> excluded = new LinkedHashSet<>();
        List<RunRecord> records = List.of();
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                Files.write(exclude, excluded);
                List<RunRecord> before = read(recordsFile);
                long doneBefore = before.stream().filter(r -> "done".equals(r.kind)).count();
                int recordsBefore = before.size();
                List<String> cmd = new ArrayList<>(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + heap, "-Xss4m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                        "-Djava.security.manager=allow", "-Djava.awt.headless=true",
                        "-Dconvkit.grading.exitGuard=" + exitGuard,
                        "-cp", cp + File.pathSeparator + classes,
                        ChildRunner.class.getName(), "--out", recordsFile.toString(),
                        "--timeout", String.valueOf(timeoutSeconds), "--exclude", exclude.toString()));
                if (!only.isEmpty()) cmd.addAll(List.of("--only", only));
                if (xmlDir != null) cmd.addAll(List.of("--xml", xmlDir.toAbsolutePath().toString()));
                cmd.add(classes.toString());
                long tr = System.nanoTime();
                Process p = launcher.start(cmd, log);
                long left = deadline - System.nanoTime();
                boolean finished = left > 0 && p.waitFor(left, TimeUnit.NANOSECONDS);
                if (!finished) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                log("child JVM ran for %.1f s", (System.nanoTime() - tr) / 1e9);
                records = read(recordsFile);
                long done = records.stream().filter(r -> "done".equals(r.kind)).count();
                if (done > doneBefore) break;
                String crashed = inProgress(records);
                String logText = readLog(log);
                String fatal = null;
                for (RunRecord r : records.subList(recordsBefore, records.size())) if ("fatal".equals(r.kind)) fatal = r.message;
                String why = !finished ? "the whole-submission deadline of " + deadlineSeconds + " s ran out"
                        : fatal != null ? "the test JVM stopped on " + fatal
                        : logText.contains("OutOfMemoryError") ? "the test JVM ran out of memory (OutOfMemoryError, heap limit " + heap + ")"
                        : logText.contains("StackOverflowError") ? "the test JVM died of a StackOverflowError"
                        : "the test JVM died (exit code " + p.exitValue() + ": System.exit, a crash, or out of memory)" + tail(logText);
                if (crashed != null) {
                    RunRecord r = RunRecord.of("finished");
                    r.key = crashed;
                    r.status = "FAILED";
                    r.message = "Did not finish: " + why + " while this test ran.";
                    Files.writeString(recordsFile, new Gson().toJson(r) + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                    records = read(recordsFile);
                }
                notes.add("Run " + (attempt + 1) + " stopped early: " + why + (crashed == null ? "." : " during " + crashed + "."));
                if (!finished) break;
                for (RunRecord r : records) if (r.key != null && ("finished".equals(r.kind) || "started".equals(r.kind))) excluded.add(r.key);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                notes.add("Grading was interrupted.");
                break;
            }
        }
        return records;
    }

    /** The child's own output (JVM warnings, uncaught errors), without the SecurityManager deprecation warnings. */
    private static String readLog(Path log) {
        try {
            byte[] b = Files.readAllBytes(log);
            String s = new String(b, 0, Math.min(b.length, 200_000), StandardCharsets.UTF_8);
            return s.lines().filter(l -> !l.startsWith("WARNING: ")).collect(java.util.stream.Collectors.joining("\n")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String log) {
        if (log.isEmpty()) return "";
        return "; its last output: " + (log.length() > 300 ? "..." + log.substring(log.length() - 300) : log);
    }

    /** The key of the test that started last and has no finished record, if any. */
    private static String inProgress(List<RunRecord> records) {
        Map<String, Integer> open = new HashMap<>();
        String last = null;
        for (RunRecord r : records) {
            if ("started".equals(r.kind) && r.uniqueId != null) {
                open.merge(r.uniqueId, 1, Integer::sum);
                last = r.uniqueId;
            } else if ("finished".equals(r.kind) && r.uniqueId != null) {
                open.remove(r.uniqueId);
            }
        }
        if (last == null || !open.containsKey(last)) return null;
        for (int i = records.size() - 1; i >= 0; i--) {
            if (last.equals(records.get(i).uniqueId)) return records.get(i).key;
        }
        return null;
    }

    private static List<RunRecord> read(Path file) throws IOException {
        List<RunRecord> out = new ArrayList<>();
        if (!Files.exists(file)) return out;
        Gson gson = new Gson();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            try {
                out.add(gson.fromJson(line, RunRecord.class));
            } catch (JsonSyntaxException e) {
                // a line cut short by a dying JVM
            }
        }
        return out;
    }

    private List<TestResult> aggregate(List<GradedScan.Entry> expected, List<RunRecord> records, List<String> notes) {
        Map<String, RunRecord> planned = new LinkedHashMap<>();
        Map<String, List<RunRecord>> finished = new HashMap<>();
        List<RunRecord> containers = new ArrayList<>();
        for (RunRecord r : records) {
            switch (r.kind) {
                case "planned" -> planned.putIfAbsent(r.key, r);
                case "finished" -> {
                    if (r.key != null) finished.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r);
                }
                case "container" -> containers.add(r);
                default -> { }
            }
        }
        Map<String, GradedScan.Entry> byKey = new LinkedHashMap<>();
        for (GradedScan.Entry e : expected) byKey.putIfAbsent(e.key(), e);
        Set<String> keys = new LinkedHashSet<>(byKey.keySet());
        keys.addAll(planned.keySet());
        List<TestResult> out = new ArrayList<>();
        for (String key : keys) {
            RunRecord plan = planned.get(key);
            GradedScan.Entry e = byKey.get(key);
            String number = plan != null ? plan.number : e.number();
            double points = plan != null ? plan.points : e.points();
            Visibility vis = plan != null ? Visibility.valueOf(plan.visibility) : e.visibility();
            String hint = plan != null ? plan.hint : e.hint();
            String tname = plan != null ? plan.name : e.name();
            List<String> tags = new ArrayList<>(List.of(Numbers.section(number), Numbers.exercise(number)));
            if (plan != null && plan.tags != null) tags.addAll(List.of(plan.tags));
            List<RunRecord> runs = finished.getOrDefault(key, List.of());
            int passed = (int) runs.stream().filter(r -> "SUCCESSFUL".equals(r.status)).count();
            int total = runs.size();
            StringBuilder msg = new StringBuilder();
            StringBuilder printed = new StringBuilder();
            long millis = 0;
            Map<String, List<String>> failures = new LinkedHashMap<>(); // message -> failing cases
            for (RunRecord r : runs) {
                millis += r.millis;
                if (r.output != null && !r.output.isBlank() && printed.length() < 2000) printed.append(r.output);
                if ("SUCCESSFUL".equals(r.status)) continue;
                String m = r.message == null ? r.status.toLowerCase() : r.message;
                failures.computeIfAbsent(m, k -> new ArrayList<>()).add(r.displayName == null ? "?" : r.displayName);
            }
            int shown = 0;
            for (Map.Entry<String, List<String>> f : failures.entrySet()) {
                if (shown++ == 3) {
                    msg.append("\n(").append(failures.size() - 3).append(" more different failures)");
                    break;
                }
                if (msg.length() > 0) msg.append('\n');
                if (total > 1) {
                    List<String> cases = f.getValue();
                    msg.append(cases.size() == total && total > 1 ? "all " + total + " cases" : (cases.size() == 1 ? "case " : "cases ")
                            + String.join(", ", cases.subList(0, Math.min(4, cases.size()))) + (cases.size() > 4 ? ", ..." : "")).append(": ");
                }
                msg.append(f.getKey());
            }
            if (total == 0) {
                String reason = null;
                for (RunRecord c : containers) {
                    boolean matches = plan != null ? plan.uniqueId.startsWith(c.uniqueId)
                            : c.uniqueId != null && c.uniqueId.contains("[class:" + key.substring(0, key.indexOf('#')) + "]");
                    if (matches || key.equals(c.key)) reason = c.message;
                }
                String cls = key.substring(0, key.indexOf('#'));
                if (reason == null && dropped.containsKey(cls)) reason = "Did not run: " + dropped.get(cls) + ".";
                msg.append(reason != null ? reason : notes.isEmpty() ? "Did not run." : "Did not run: " + notes.get(notes.size() - 1));
            }
            double score = total == 0 ? 0 : points * passed / total;
            out.add(new TestResult(number, tname, key, vis, GradeReport.round(score), points, passed, total,
                    msg.toString(), hint == null ? "" : hint, printed.toString(), tags, millis));
        }
        out.sort(Comparator.comparing(TestResult::number, Numbers.ORDER));
        return out;
    }

    private static final boolean VERBOSE = Boolean.getBoolean("convkit.grading.verbose");

    private static void log(String fmt, Object... args) {
        if (VERBOSE) System.err.printf("[grader] " + fmt + "%n", args);
    }

    /** Relative path ("convkit/exercises/Foo.java") to file, for every *.java under root. */
    static Map<String, Path> javaFiles(Path root) {
        Map<String, Path> m = new LinkedHashMap<>();
        if (root == null || !Files.isDirectory(root)) return m;
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted()
                    .forEach(p -> m.put(root.relativize(p).toString().replace(File.separatorChar, '/'), p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp folder
        }
    }
}
