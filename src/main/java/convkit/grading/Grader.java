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
import java.nio.file.LinkOption;
import java.util.Base64;

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
    /** "auto" (the lean runner when the tests are within its subset) or "junit" (always JUnit's engine in the test JVM). */
    private String runner = System.getProperty("convkit.grading.runner", "auto");
    private Sandbox sandbox;
    private long compileNanos, childNanos, childCpuMillis;
    private int jvmsStarted;
    /** Test classes left out because they do not compile against the submission -> why. */
    private final Map<String, String> dropped = new HashMap<>();
    private ChildLauncher launcher = Grader::startProcess;

    /**
     * Starts the test JVM of one run from its full command line (the sandbox's wrapper first): stdin and stdout
     * are pipes to the grader (the request and the result channel), stderr goes to {@code log}.
     */
    @FunctionalInterface
    public interface ChildLauncher {
        Process start(List<String> command, Path log) throws IOException;
    }

    /** The default launcher: a new process with an empty environment (PATH, HOME and LANG only). */
    public static Process startProcess(List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        return pb.start();
    }

    /** How the test JVM is started (default {@link #startProcess}; benchmarks wrap it to time the runs). */
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

    /**
     * Which runner the test JVM uses: "auto" (default: {@link LeanRunner} when the instructor's tests are within its
     * subset of Jupiter, JUnit's engine otherwise) or "junit" (always the engine; {@code -Dconvkit.grading.runner=junit}).
     */
    Grader runner(String r) {
        this.runner = r;
        return this;
    }

    /** The isolation of the test JVMs (default: {@link Sandbox#get}, which refuses none for an instructor). */
    public Grader sandbox(Sandbox s) {
        this.sandbox = s;
        return this;
    }

    /** Runs the grading. Never throws for a broken submission: it scores zero with a reason. */
    public GradeReport grade() {
        long t0 = System.nanoTime();
        dropped.clear();
        compileNanos = 0;
        childNanos = 0;
        childCpuMillis = 0;
        jvmsStarted = 0;
        boolean selfCheck = stubs == null;
        Sandbox box = sandbox != null ? sandbox : Sandbox.get(selfCheck);
        List<String> notes = new ArrayList<>();
        List<String> instructorNotes = new ArrayList<>();
        InstructorTests its = selfCheck ? null : InstructorTests.of(tests, stubs);
        TestPlan plan;
        if (its != null && its.plan != null) {
            plan = its.plan;
        } else {
            if (its != null) instructorNotes.add("The instructor's tests were compiled per submission: " + its.problem);
            plan = scanPlan();
        }
        plan = plan.only(only);
        Path tmp;
        try {
            tmp = Files.createTempDirectory("convkit-grade-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Build build = build(tmp, notes, its, plan);
            List<RunRecord> records = build == null ? List.of() : runChild(box, build, plan, its, notes, instructorNotes);
            List<TestResult> results = aggregate(plan, records, notes);
            GradeReport report = new GradeReport(name, results, notes, (System.nanoTime() - t0) / 1e9)
                    .withIsolation(box.describe(), instructorNotes)
                    .withTimings(Map.of("compile", compileNanos / 1e9, "test JVMs", childNanos / 1e9, "test JVM CPU", childCpuMillis / 1e3,
                            "JVMs started", (double) jvmsStarted));
            if (xmlDir != null) {
                try {
                    JUnitXml.write(report, xmlDir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return report;
        } finally {
            deleteTree(tmp);
        }
    }

    /** The plan from the test sources as text (the student's self-check, or tests that do not compile against the stubs). */
    private TestPlan scanPlan() {
        List<TestPlan.Test> out = new ArrayList<>();
        for (Path t : tests) {
            List<GradedScan.Entry> entries = GradedScan.scan(t);
            boolean hiddenRoot = entries.stream().anyMatch(e -> e.visibility() != Visibility.VISIBLE);
            for (GradedScan.Entry e : entries) {
                out.add(new TestPlan.Test(e.key(), e.number(), e.points(), e.visibility(), e.hint(), e.name(), List.of(), hiddenRoot, -1));
            }
        }
        return new TestPlan(out, "test sources");
    }

    /** What one submission runs: its classes and the tests' classes, as bytes. */
    private record Build(Map<String, byte[]> student, Map<String, byte[]> visible, Map<String, byte[]> hidden) {
    }

    /**
     * Copies the submission's exercise sources (refusing links and non-files, decoding their text), compiles them
     * alone, refuses classes outside {@code convkit.exercises} or named like a test, then takes the compiled tests
     * when they fit, else compiles the tests against the submission's classes. Null when nothing can run.
     */
    private Build build(Path tmp, List<String> notes, InstructorTests its, TestPlan plan) {
        Path src = tmp.resolve("src");
        Map<String, Path> testFiles = new LinkedHashMap<>();
        Map<Path, Path> testRootOf = new HashMap<>();
        for (Path t : tests) {
            for (Map.Entry<String, Path> e : javaFiles(t).entrySet()) {
                testFiles.put(e.getKey(), e.getValue());
                testRootOf.put(e.getValue().toAbsolutePath().normalize(), t);
            }
        }
        Set<String> hiddenRoots = new java.util.HashSet<>();
        for (TestPlan.Test t : plan.tests()) if (t.hidden()) hiddenRoots.add(t.className());
        Set<String> testNames = new java.util.HashSet<>();
        for (String rel : testFiles.keySet()) testNames.add(rel.replaceAll("\\.java$", "").replace('/', '.'));
        if (its != null) {
            its.visible.keySet().forEach(n -> testNames.add(n.replaceAll("\\$.*", "")));
            its.hidden.keySet().forEach(n -> testNames.add(n.replaceAll("\\$.*", "")));
        }
        Map<String, Path> student = new LinkedHashMap<>();
        if (sources == null || !Files.isDirectory(sources, LinkOption.NOFOLLOW_LINKS)) {
            notes.add(Messages.noSources(sources));
            return null;
        }
        for (Map.Entry<String, Path> e : HandIn.javaFiles(sources, notes).entrySet()) {
            String rel = e.getKey();
            if (!rel.startsWith(EXERCISE_DIR) || rel.substring(EXERCISE_DIR.length()).contains("/")) {
                notes.add(Messages.ignoredOutside(rel));
            } else if (rel.equals(EXERCISE_DIR + "module-info.java")) {   // it would put every file of the hand-in in a module
                notes.add(Messages.ignoredModuleInfo(rel));
            } else if (testFiles.containsKey(rel) || rel.matches(".*Tests?\\.java$")) {
                notes.add(Messages.ignoredTestFile(rel));
            } else {
                Path copy = src.resolve(rel);
                try {
                    Files.createDirectories(copy.getParent());
                    String note = HandIn.copySource(e.getValue(), copy);
                    if (note != null) notes.add(rel + ": " + note);
                } catch (IOException ex) {
                    notes.add(Messages.unreadable(rel, ex));
                    continue;
                }
                student.put(rel, copy);
            }
        }
        if (stubs != null) {   // a file the hand-in lacks: its stub, so the other exercises still fit the tests
            for (String rel : javaFiles(stubs).keySet()) {
                if (!rel.startsWith(EXERCISE_DIR) || student.containsKey(rel)) continue;
                Path copy = src.resolve(rel);
                if (replaceByStub(rel, copy)) {
                    notes.add(Messages.missingFile(rel));
                    student.put(rel, copy);
                }
            }
        }
        String cp = ClassPaths.compile();
        for (int round = 0; round < 12; round++) {
            Path out = tmp.resolve("student" + round), testOut = tmp.resolve("tests" + round);
            List<Path> files = student.values().stream().filter(Files::exists).toList();
            long tc = System.nanoTime();
            SubmissionCompiler.Result r = files.isEmpty() ? new SubmissionCompiler.Result(true, Map.of()) : SubmissionCompiler.compile(files, out, cp);
            compileNanos += System.nanoTime() - tc;
            log("compiled %d student files in %.2f s", files.size(), (System.nanoTime() - tc) / 1e9);
            if (!r.ok()) {
                boolean changed = false;
                for (Map.Entry<String, Path> e : student.entrySet()) {
                    Path p = e.getValue().toAbsolutePath().normalize();
                    if (!r.errors().containsKey(p)) continue;
                    notes.add(Messages.doesNotCompile(e.getKey(), r.firstError(p)));
                    changed |= replaceByStub(e.getKey(), e.getValue());
                }
                if (!changed) {
                    notes.add(Messages.nothingCompiles(r.errors().entrySet().stream().limit(3)
                            .map(e -> e.getKey().getFileName() + " " + e.getValue().get(0)).toList()));
                    return null;
                }
                continue;
            }
            // classes a hand-in may not declare: outside convkit.exercises, or a test's name
            boolean refused = false;
            Set<String> refusedTops = new java.util.HashSet<>();
            for (Map.Entry<String, Path> c : r.classSources().entrySet()) {
                String why = refusedClass(c.getKey(), testNames);
                if (why == null) continue;
                String top = c.getKey().replaceAll("\\$.*", "");
                if (!refusedTops.add(top)) continue;   // one note per class, not one per nested class
                String rel = relOf(student, c.getValue());
                notes.add(Messages.refusedClass(rel, top, why));
                replaceByStub(rel, c.getValue());
                refused = true;
            }
            if (refused) continue;
            Map<String, byte[]> studentBytes = classBytes(out, r.classSources().keySet());
            for (Map.Entry<String, byte[]> c : studentBytes.entrySet()) {
                if (declaresTests(c.getValue())) notes.add(Messages.ownTestsIgnored(c.getKey()));
            }
            if (its != null && its.plan != null && Files.isDirectory(out) && its.fits(out)) {
                return new Build(studentBytes, its.visible, its.hidden);
            }
            // compile the tests against this submission's classes
            List<Path> all = new ArrayList<>(testFiles.values());
            tc = System.nanoTime();
            SubmissionCompiler.Result rt = all.isEmpty() ? new SubmissionCompiler.Result(true, Map.of())
                    : SubmissionCompiler.compile(all, testOut, cp + (Files.isDirectory(out) ? File.pathSeparator + out : ""));
            compileNanos += System.nanoTime() - tc;
            log("compiled %d test files in %.2f s", all.size(), (System.nanoTime() - tc) / 1e9);
            if (rt.ok()) {
                Map<String, byte[]> visible = new HashMap<>(), hidden = new HashMap<>();
                Map<String, byte[]> bytes = classBytes(testOut, rt.classSources().keySet());
                for (Map.Entry<String, Path> c : rt.classSources().entrySet()) {
                    String top = c.getKey().replaceAll("\\$.*", "");
                    boolean hid = hiddenRoots.contains(top) || isHiddenRoot(testRootOf.get(c.getValue()), plan, testFiles, testRootOf);
                    (hid ? hidden : visible).put(c.getKey(), bytes.get(c.getKey()));
                }
                return new Build(studentBytes, visible, hidden);
            }
            boolean changed = false;
            for (Map.Entry<String, Path> e : testFiles.entrySet()) {
                Path p = e.getValue().toAbsolutePath().normalize();
                if (!rt.errors().containsKey(p)) continue;
                String target = e.getKey().replaceAll("(Hidden)?Test\\.java$", ".java");
                Path copy = student.get(target);
                if (stubs != null && copy != null && Files.exists(copy) && !isStub(target, copy)) {
                    notes.add(Messages.doesNotFit(target, rt.firstError(p)));
                    changed |= replaceByStub(target, copy);
                }
            }
            if (!changed) { // no stub to fall back on (the student kit has none): leave out the tests that cannot compile
                for (var it = testFiles.entrySet().iterator(); it.hasNext(); ) {
                    Map.Entry<String, Path> e = it.next();
                    Path p = e.getValue().toAbsolutePath().normalize();
                    if (!rt.errors().containsKey(p)) continue;
                    String cls = e.getKey().replaceAll("\\.java$", "").replace('/', '.');
                    String reason = Messages.testsDoNotCompile(e.getKey(), rt.firstError(p));
                    dropped.put(cls, reason);
                    notes.add(Messages.skipped(reason));
                    it.remove();
                    changed = true;
                }
            }
            if (!changed) {
                notes.add(Messages.nothingCompiles(rt.errors().entrySet().stream().limit(3)
                        .map(e -> e.getKey().getFileName() + " " + e.getValue().get(0)).toList()));
                return null;
            }
        }
        notes.add(Messages.nothingCompiles(List.of("too many rounds")));
        return null;
    }

    private static boolean isHiddenRoot(Path root, TestPlan plan, Map<String, Path> testFiles, Map<Path, Path> testRootOf) {
        if (root == null) return false;
        for (TestPlan.Test t : plan.tests()) {
            if (!t.hidden()) continue;
            Path f = testFiles.get(t.className().replace('.', '/') + ".java");
            if (f != null && root.equals(testRootOf.get(f.toAbsolutePath().normalize()))) return true;
        }
        return false;
    }

    /** Why a class compiled from the hand-in is refused, or null. */
    static String refusedClass(String name, Set<String> testNames) {
        String pkg = "convkit.exercises.";
        if (!name.startsWith(pkg) || name.substring(pkg.length()).contains(".")) return Messages.outsidePackage();
        String top = name.replaceAll("\\$.*", "");
        if (testNames.contains(top)) return Messages.testName();
        if (top.matches(".*Tests?$")) return Messages.testName();
        String simple = top.substring(pkg.length());
        if (isJavaLang(simple)) return Messages.javaLangName(simple);
        if (PACKAGE_ROOTS.contains(simple)) return Messages.packageName(simple);
        return null;
    }

    /**
     * The first names of the packages the tests can name in full ({@code java.util.Arrays}): a type of the tests' own
     * package with such a name obscures the package (JLS 6.4.2), so a hand-in's class {@code java} would stand for
     * {@code java.util.function.BiFunction} in the instructor's tests.
     */
    private static final Set<String> PACKAGE_ROOTS = packageRoots();

    private static Set<String> packageRoots() {
        Set<String> roots = new java.util.TreeSet<>(List.of("convkit"));
        for (Module m : ModuleLayer.boot().modules()) {
            for (String p : m.getPackages()) roots.add(p.contains(".") ? p.substring(0, p.indexOf('.')) : p);
        }
        return Set.copyOf(roots);
    }

    /**
     * True if {@code java.lang.<simple>} exists: a class of convkit.exercises with that name would stand for it in the
     * instructor's tests, which are compiled in the same package against the hand-in (a package's own types come
     * before the implicit {@code import java.lang.*}), so a hand-in's {@code Math} could decide their comparisons.
     */
    static boolean isJavaLang(String simple) {
        try {
            Class.forName("java.lang." + simple, false, null);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** True if a class file mentions JUnit's @Test family or @Graded (a hand-in's own tests: never run). */
    private static boolean declaresTests(byte[] classFile) {
        String s = new String(classFile, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.contains("Lorg/junit/") || s.contains("Lconvkit/grading/Graded;");
    }

    private static String relOf(Map<String, Path> student, Path source) {
        for (Map.Entry<String, Path> e : student.entrySet()) {
            if (e.getValue().toAbsolutePath().normalize().equals(source)) return e.getKey();
        }
        return String.valueOf(source.getFileName());
    }

    private boolean isStub(String rel, Path copy) {
        try {
            return stubs != null && Files.exists(stubs.resolve(rel))
                    && Files.readString(copy).equals(Markers.stub(Files.readString(stubs.resolve(rel)), rel));
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, byte[]> classBytes(Path dir, Set<String> names) {
        Map<String, byte[]> m = new HashMap<>();
        for (String n : names) {
            try {
                m.put(n, Files.readAllBytes(dir.resolve(n.replace('.', '/') + ".class")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return m;
    }

    /** Replaces a student file by the stub of the instructor's solution; false if there is none (then the file is removed). */
    private boolean replaceByStub(String rel, Path copy) {
        try {
            if (stubs != null && Files.exists(stubs.resolve(rel))) {
                String stub = Markers.stub(Files.readString(stubs.resolve(rel)), rel);
                if (Files.exists(copy) && Files.readString(copy).equals(stub)) return false;
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, stub);
                return true;
            }
            return Files.deleteIfExists(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the build's tests in fresh test JVMs inside the sandbox, the visible ones first, the hidden ones after
     * the visible results are sealed; a JVM that dies fails the test it was running and the remaining tests run in
     * another fresh JVM; the whole submission has one deadline, watched here. Returns the authentic records.
     */
    private List<RunRecord> runChild(Sandbox box, Build build, TestPlan plan, InstructorTests its, List<String> notes,
                                     List<String> instructorNotes) {
        ChildJvm jvm = ChildJvm.get();
        if (jvm.archive == null && its != null && its.plan != null) warmUp(box, jvm, its);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(deadlineSeconds);
        List<String> remaining = new ArrayList<>();
        for (TestPlan.Test t : plan.tests()) remaining.add(t.key());
        List<RunRecord> records = new ArrayList<>();
        int refused = 0;
        for (int attempt = 0; attempt < 6 && !remaining.isEmpty(); attempt++) {
            long ta = System.nanoTime();
            Attempt a = attempt(box, jvm, build, remaining, deadline, false, lean(its));
            childNanos += System.nanoTime() - ta;
            childCpuMillis += Math.max(0, a.cpuMillis);
            jvmsStarted++;
            records.addAll(a.records);
            refused += a.refused;
            if (a.guardMissing) instructorNotes.add(Messages.noGuard());
            if (a.junitFallback) instructorNotes.add("The test JVM found test classes outside the lean runner's subset and ran them with JUnit's engine.");
            if (a.done) break;
            String crashed = inProgress(a.records);
            String logText = readLog(a.log);
            String why = a.timedOut ? Messages.deadline(deadlineSeconds)
                    : logText.contains("OutOfMemoryError") ? Messages.outOfMemory(heap)
                    : logText.contains("StackOverflowError") ? Messages.stackOverflow()
                    : Messages.died(a.exit, a.sealed ? "" : tail(logText));
            if (crashed != null) {
                RunRecord r = RunRecord.of("finished");
                r.key = crashed;
                r.status = "FAILED";
                r.message = Messages.didNotFinish(why);
                records.add(r);
            }
            notes.add(Messages.runStopped(attempt + 1, why, a.sealed ? null : crashed));
            if (a.sealed) instructorNotes.add("Run " + (attempt + 1) + " log" + tail(logText));
            deleteTree(a.runDir);
            try {
                Files.deleteIfExists(a.log);
            } catch (IOException e) {
                // a temp file
            }
            if (a.timedOut) break;
            Set<String> ran = new java.util.HashSet<>();
            for (RunRecord r : records) if (r.key != null && ("finished".equals(r.kind) || "started".equals(r.kind))) ran.add(r.key);
            remaining.removeIf(ran::contains);
        }
        if (refused > 0) notes.add(Messages.forgedLines(refused));
        return records;
    }

    /** One test JVM: what it reported, and how it ended. */
    private static final class Attempt {
        final List<RunRecord> records = new ArrayList<>();
        int refused;
        boolean done, sealed, timedOut, guardMissing, junitFallback;
        long cpuMillis;
        int exit;
        Path log, runDir;
    }

    /** Whether the test JVMs run these tests with {@link LeanRunner}. */
    private boolean lean(InstructorTests its) {
        return !"junit".equals(runner) && its != null && its.plan != null && its.leanProblem == null;
    }

    private Attempt attempt(Sandbox box, ChildJvm jvm, Build build, List<String> keys, long deadline, boolean classList,
                            boolean lean) {
        Attempt a = new Attempt();
        a.runDir = jvm.newRunDir();
        a.log = a.runDir.resolveSibling(a.runDir.getFileName() + ".log");
        String key = RecordChannel.newKey();
        RecordChannel.Reader reader = new RecordChannel.Reader(key);
        Gson gson = new Gson();
        Process p = null;
        Thread watchdog = null;
        try {
            List<String> javaCmd = jvm.command(heap, a.runDir);
            if (classList) javaCmd.add(1, "-XX:DumpLoadedClassList=" + a.runDir.resolve("classes.lst"));
            List<String> cmd = box.wrap(javaCmd, a.runDir, List.of(jvm.dir));
            long tr = System.nanoTime();
            p = launcher.start(cmd, a.log);
            Process proc = p;
            long left = deadline - System.nanoTime();
            watchdog = new Thread(() -> {
                try {
                    if (!proc.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                        a.timedOut = true;
                        proc.descendants().forEach(ProcessHandle::destroyForcibly);
                        proc.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    // the run ended first
                }
            }, "grading-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            ChildRunner.Request req = new ChildRunner.Request();
            req.timeout = timeoutSeconds;
            req.run = keys;
            req.guard = exitGuard;
            req.lean = lean;
            java.io.OutputStream stdin = p.getOutputStream();
            try {
                StringBuilder head = new StringBuilder("KEY ").append(key).append('\n').append(req.write());
                stdin.write(head.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sendClasses(stdin, "student", build.student);
                sendClasses(stdin, "visible", build.visible);
                stdin.flush();
            } catch (IOException e) {
                // the JVM died at once: its log says why
            }
            java.io.BufferedReader out = RecordChannel.lines(p.getInputStream());
            long chars = 0;
            for (String line; (line = out.readLine()) != null; ) {
                chars += line.length();
                if (chars > 64_000_000L) {   // a flood: stop listening, the run is over
                    proc.destroyForcibly();
                    break;
                }
                String json = reader.accept(line);
                if (json == null) continue;
                RunRecord r;
                try {
                    r = gson.fromJson(json, RunRecord.class);
                } catch (RuntimeException e) {
                    a.refused++;
                    continue;
                }
                if (r == null || r.kind == null) continue;
                switch (r.kind) {
                    case "sealed" -> {
                        a.sealed = true;
                        try {
                            sendClasses(stdin, "hidden", build.hidden);
                            stdin.close();
                        } catch (IOException e) {
                            // died meanwhile
                        }
                    }
                    case "done" -> a.done = true;
                    case "note" -> {
                        a.guardMissing |= "no-guard".equals(r.message);
                        a.junitFallback |= "runner junit".equals(r.message);
                        if (r.message != null && r.message.startsWith("cpu ")) a.cpuMillis = Long.parseLong(r.message.substring(4));
                    }
                    default -> {
                        r.hiddenPhase = a.sealed;
                        a.records.add(r);
                    }
                }
            }
            p.waitFor();
            a.exit = p.exitValue();
            a.refused += reader.refused;
            log("test JVM ran for %.2f s", (System.nanoTime() - tr) / 1e9);
        } catch (IOException e) {
            a.exit = -1;
            try {
                Files.writeString(a.log, "cannot start the test JVM: " + e + "\n", java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (IOException ignored) {
                // nothing more to say
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            if (watchdog != null) watchdog.interrupt();
            if (a.done && !classList) {
                deleteTree(a.runDir);
                try {
                    Files.deleteIfExists(a.log);
                } catch (IOException e) {
                    // a temp file
                }
            }
        }
        return a;
    }

    private static void sendClasses(java.io.OutputStream out, String what, Map<String, byte[]> classes) throws IOException {
        StringBuilder sb = new StringBuilder("CLASSES ").append(what).append(' ').append(classes.size()).append('\n');
        Base64.Encoder b64 = Base64.getEncoder();
        for (Map.Entry<String, byte[]> c : new java.util.TreeMap<>(classes).entrySet()) {
            sb.append(c.getKey()).append(' ').append(b64.encodeToString(c.getValue())).append('\n');
        }
        out.write(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Does now what the first grading of these tests would do once: compile the instructor's tests against the stubs
     * and make the test JVMs' class-data archive (skipped when this machine has it). Returns the seconds it took.
     */
    public static double prepare(List<Path> testDirs, Path stubs) {
        long t0 = System.nanoTime();
        InstructorTests its = InstructorTests.of(testDirs, stubs);
        ChildJvm jvm = ChildJvm.get();
        if (jvm.archive == null && its.plan != null) new Grader().warmUp(Sandbox.get(false), jvm, its);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Mean wall seconds of a test JVM that runs nothing (no classes, no tests), started as graded runs are (benchmarks). */
    public static double emptyRunSeconds(int reps) {
        Grader g = new Grader();
        Sandbox box = Sandbox.get(false);
        ChildJvm jvm = ChildJvm.get();
        double total = 0;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Attempt a = g.attempt(box, jvm, new Build(Map.of(), Map.of(), Map.of()), List.of(), System.nanoTime() + TimeUnit.SECONDS.toNanos(60), false, true);
            total += (System.nanoTime() - t0) / 1e9;
            deleteTree(a.runDir);
        }
        return total / reps;
    }

    /** Makes the test JVMs' class-data archive once: a run of the stubs against the instructor's tests lists the classes. */
    private void warmUp(Sandbox box, ChildJvm jvm, InstructorTests its) {
        synchronized (ChildJvm.class) {
            if (jvm.archive != null) return;
            List<String> keys = new ArrayList<>();
            for (TestPlan.Test t : its.plan.tests()) keys.add(t.key());
            Attempt a = attempt(box, jvm, new Build(its.stubClasses, its.visible, its.hidden), keys,
                    System.nanoTime() + TimeUnit.SECONDS.toNanos(120), true, lean(its));
            Path list = a.runDir.resolve("classes.lst");
            if (Files.isRegularFile(list, LinkOption.NOFOLLOW_LINKS)) jvm.dumpArchive(list);
            deleteTree(a.runDir);
            try {
                Files.deleteIfExists(a.log);
            } catch (IOException e) {
                // a temp file
            }
        }
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

    /**
     * One result per planned test, and only those: numbers, points, visibility, hints and names are the plan's;
     * the records only say which invocations passed (a planned test without records failed, with the reason).
     */
    private List<TestResult> aggregate(TestPlan testPlan, List<RunRecord> records, List<String> notes) {
        Map<String, RunRecord> planned = new LinkedHashMap<>();
        Map<String, List<RunRecord>> finished = new HashMap<>();
        List<RunRecord> containers = new ArrayList<>();
        Set<String> uniqueFinished = new java.util.HashSet<>();
        for (RunRecord r : records) {
            switch (r.kind) {
                case "planned" -> planned.putIfAbsent(r.key, r);
                case "finished" -> {
                    // one outcome per invocation: a second record of the same invocation (a re-run) does not count twice
                    if (r.key != null && (r.uniqueId == null || uniqueFinished.add(r.uniqueId))) {
                        finished.computeIfAbsent(r.key, k -> new ArrayList<>()).add(r);
                    }
                }
                case "container" -> containers.add(r);
                default -> { }
            }
        }
        List<TestResult> out = new ArrayList<>();
        for (TestPlan.Test e : testPlan.tests()) {
            String key = e.key();
            RunRecord plan = planned.get(key);
            String number = e.number();
            double points = e.points();
            Visibility vis = e.visibility();
            String hint = e.hint();
            String tname = e.name();
            List<String> tags = new ArrayList<>(List.of(Numbers.section(number), Numbers.exercise(number)));
            tags.addAll(e.tags());
            List<RunRecord> runs = finished.getOrDefault(key, List.of());
            int passed = (int) runs.stream().filter(r -> "SUCCESSFUL".equals(r.status)).count();
            // cases that never ran (the JVM ended in an earlier one, or the deadline came) count as failed
            int missing = runs.isEmpty() ? 0 : Math.max(0, e.cases() - runs.size());
            int total = runs.size() + missing;
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
            if (missing > 0) {
                if (msg.length() > 0) msg.append('\n');
                msg.append(missing == 1 ? "1 case" : missing + " cases").append(" of ").append(total)
                        .append(" did not run (the test JVM ended, or the deadline came, in an earlier case): counted as failed");
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
            double score = total == 0 ? 0 : points * Math.min(passed, total) / total;
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
