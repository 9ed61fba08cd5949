package convkit.grading.batch;

import convkit.grading.GradeReport;
import convkit.grading.Grader;
import convkit.grading.GradescopeResults;
import convkit.grading.KitPaths;
import convkit.grading.TestResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import tech.tablesaw.api.Table;

/**
 * Grades a whole class: every submission (a folder or a .zip of the student kit; the student id is its
 * name) in a folder, in parallel, each in its own child JVM against the instructor's tests, and writes
 * the gradebook:
 *
 * <pre>
 * OUT/grades.csv              one row per student: points per exercise, total, max, percent, notes
 * OUT/test-pass-rates.csv     one row per test: passed / partly / failed, pass rate (hardest first)
 * OUT/students/ID/results.json   Gradescope's schema
 * OUT/students/ID/feedback.txt   what the student may read (hidden tests summed up)
 * OUT/students/ID/report.txt     the instructor's view
 * OUT/students/ID/grade.json     submission hash + grader hash (what makes a re-run skip it)
 * </pre>
 *
 * A re-run skips every student whose submission and grader are unchanged, so an interrupted run is
 * resumed by running the same command again; each student's files are written atomically the moment
 * the student is graded, and the two CSV files are rebuilt from all students' results.json at the end
 * of every run.
 *
 * <pre>
 * ./convkit grade-class SUBMISSIONS [--out DIR] [--jobs N] [--timeout S] [--deadline S] [--heap SIZE] [--kit ROOT]
 *      [--stop-after K] [--force] [--no-dedup] [--cold] [--quiet]
 * </pre>
 * (the command line, {@code convkit.cli.GradeClassCommand}, fills the {@link Options}).
 */
public final class BatchGrade {

    /** The options of one run (those of {@code ./convkit grade-class}). */
    public static final class Options {
        public Path submissions;
        public Path out;
        public Path kit;
        public int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
        public int timeoutSeconds = 10;
        public int deadlineSeconds = 120;
        public String heap = "256m";
        /** Grade at most this many submissions in this run (then stop, as if interrupted); -1: all. */
        public int stopAfter = -1;
        /** Grade every submission again, even unchanged ones. */
        public boolean force;
        /** Grade submissions with identical content once and copy the grade (default on). */
        public boolean dedup = true;
        public boolean quiet;
        /** Ignored: every submission gets fresh JVMs (the warm pool that reused JVMs across students is gone). */
        public boolean warm;
        /** Ignored: the instructor's tests are compiled once per grader when that is exact (see InstructorTests). */
        public boolean testsOnce = true;
        /** Wraps the launcher of every child run (benchmarks time the runs with it); null: none. */
        public java.util.function.UnaryOperator<Grader.ChildLauncher> launcherDecorator;
        /** A pre-built setup (tests, stubs, limits); when null it is made from {@link #kit} and the limits above. */
        public GradingSetup setup;
    }

    /** What a run did. */
    public record Summary(int submissions, int graded, int skipped, int copied, List<String> notGraded, double seconds,
                          Table grades, Table passRates, Map<String, Double> secondsPerStudent, double testSecondsTotal,
                          int jvmsStarted, Map<String, Double> phaseTotals, String isolation) {
    }

    private BatchGrade() {
    }

    /** Runs the batch; never throws for a broken submission (it scores zero with a reason). */
    public static Summary run(Options o, PrintStream console) {
        long t0 = System.nanoTime();
        Path subs = o.submissions.toAbsolutePath().normalize();
        Path out = (o.out != null ? o.out : subs.resolveSibling(subs.getFileName() + "-gradebook")).toAbsolutePath().normalize();
        GradingSetup setup = o.setup != null ? o.setup
                : GradingSetup.fromKit(o.kit != null ? o.kit.toAbsolutePath() : KitPaths.root(), o.timeoutSeconds, o.deadlineSeconds, o.heap);
        List<Submission> all = Submission.list(subs, out);
        ResultStore store = new ResultStore(out);
        String graderHash = setup.fingerprint();

        Map<Submission, String> hashes = new LinkedHashMap<>();
        List<Submission> todo = new ArrayList<>();
        for (Submission s : all) {
            String h = s.contentHash();
            hashes.put(s, h);
            if (o.force || !store.isCurrent(s.id(), h, graderHash)) todo.add(s);
        }
        int skipped = all.size() - todo.size();
        if (o.stopAfter >= 0 && todo.size() > o.stopAfter) todo = new ArrayList<>(todo.subList(0, o.stopAfter));
        say(o, console, String.format(Locale.ROOT, "grade-class: %d submission(s) in %s; %d unchanged since the last run (skipped), "
                + "%d to grade with %d job(s) -> %s", all.size(), subs, skipped, todo.size(), o.jobs, out));

        Progress progress = new Progress(todo.size(), console, o.quiet);
        Map<String, CompletableFuture<GradeReport>> byContent = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Double> seconds = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> notGraded = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger copied = new AtomicInteger();
        AtomicInteger oneShot = new AtomicInteger();
        Grader.ChildLauncher launcher = (cmd, log) -> {
            oneShot.incrementAndGet();
            return Grader.startProcess(cmd, log);
        };
        if (o.launcherDecorator != null) launcher = o.launcherDecorator.apply(launcher);
        final Grader.ChildLauncher runLauncher = launcher;
        convkit.grading.Sandbox box = convkit.grading.Sandbox.get(false);
        List<String> protectedPaths = box.protect(setup.stubsDir().getParent() == null ? null : kitRootOf(setup), subs, out);
        say(o, console, "isolation: " + box.describe() + (protectedPaths.isEmpty() ? "" : "; made unreadable to other users: " + protectedPaths));
        Map<String, Double> phases = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.LongAdder testNanos = new java.util.concurrent.atomic.LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(o.jobs, r -> {
            Thread t = new Thread(r, "grade-class");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        for (Submission s : todo) {
            futures.add(pool.submit(() -> {
                long s0 = System.nanoTime();
                String hash = hashes.get(s);
                try {
                    GradeReport r;
                    CompletableFuture<GradeReport> mine = new CompletableFuture<>();
                    CompletableFuture<GradeReport> first = o.dedup ? byContent.putIfAbsent(hash, mine) : null;
                    if (first != null) {
                        GradeReport same = first.get();
                        r = GradeReport.like(same, s.id(), same.tests(), same.notes());
                        copied.incrementAndGet();
                    } else {
                        try {
                            r = gradeOne(setup, s, runLauncher);
                            testNanos.add(Math.round(testSeconds(r) * 1e9));
                            r.timings().forEach((k, v) -> phases.merge(k, v, Double::sum));
                            mine.complete(r);
                        } catch (RuntimeException | Error e) {
                            mine.completeExceptionally(e);
                            throw e;
                        }
                    }
                    save(store, s, r, hash, graderHash);
                    double sec = (System.nanoTime() - s0) / 1e9;
                    seconds.put(s.id(), sec);
                    progress.done(s.id(), r, sec);
                } catch (Exception | Error e) {
                    notGraded.add(s.id() + ": " + e);
                    progress.failed(s.id(), e);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                notGraded.add(String.valueOf(e.getCause()));
            }
        }
        pool.shutdownNow();
        int jvms = oneShot.get();
        List<String> ids = all.stream().map(Submission::id).toList();
        Gradebook book = Gradebook.read(store, ids);
        book.write(out);
        Table grades = book.grades();
        Table rates = book.passRates();
        int missing = ids.size() - book.students().size();
        if (!o.quiet) {
            console.println();
            console.println(grades.rowCount() <= 40 ? grades.printAll() : grades.first(40).printAll() + "\n... (" + grades.rowCount() + " students: see grades.csv)");
            console.println();
            console.println(rates.rowCount() <= 15 ? rates.printAll() : rates.first(15).printAll() + "\n... (all tests: test-pass-rates.csv)");
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        say(o, console, String.format(Locale.ROOT, "%nWrote %s and %s (%d student(s)%s); per-student results in %s. %d graded, %d skipped, %.1f s.",
                out.resolve("grades.csv"), out.resolve("test-pass-rates.csv"), book.students().size(),
                missing > 0 ? ", " + missing + " not graded yet: run again to finish" : "", out.resolve("students"),
                todo.size() - notGraded.size(), skipped, secs));
        for (String n : notGraded) console.println("NOT GRADED (will be retried by the next run): " + n);
        return new Summary(all.size(), todo.size() - notGraded.size(), skipped, copied.get(), List.copyOf(notGraded), secs,
                grades, rates, Map.copyOf(seconds), testNanos.sum() / 1e9, jvms, Map.copyOf(phases), box.describe());
    }

    /** Grades one submission (unpacking a zip into a scratch folder first). */
    static GradeReport gradeOne(GradingSetup setup, Submission s, Grader.ChildLauncher launcher) {
        Path scratch = null;
        List<String> extra = new ArrayList<>();
        try {
            Path src = null;
            try {
                scratch = Files.createTempDirectory("convkit-class-");   // a zip's content, or loose .java files
                src = s.sourceRoot(scratch);
            } catch (IOException | RuntimeException e) {
                extra.add("The submission could not be read (" + e.getMessage() + "): every test scores 0.");
            }
            if (src == null && extra.isEmpty()) {
                extra.add("No convkit/exercises sources found in the submission: every test scores 0.");
            }
            Grader g = setup.grader(src, s.id());
            if (launcher != null) g.launcher(launcher);
            GradeReport r = g.grade();
            if (extra.isEmpty()) return r;
            List<String> notes = new ArrayList<>(extra);
            notes.addAll(r.notes());
            return GradeReport.like(r, r.submission(), r.tests(), notes);
        } finally {
            deleteTree(scratch);
        }
    }

    /** The kit (checkout) folder of a setup made from one: the folder above solutions/ (null when it is not a checkout). */
    private static Path kitRootOf(GradingSetup setup) {
        Path sol = setup.stubsDir().toAbsolutePath().normalize();   // KIT/solutions/src/main/java
        for (int i = 0; i < 4 && sol != null; i++) sol = sol.getParent();
        return sol != null && Files.isDirectory(sol.resolve("solutions")) ? sol : setup.stubsDir();
    }

    static final String TRUNCATION_NOTE = "Note: what your code printed is truncated: at most 8,000 characters per test are kept, "
            + "and this text shows at most the first 300 of them.";

    static void save(ResultStore store, Submission s, GradeReport r, String hash, String graderHash) {
        ResultStore.State st = new ResultStore.State();
        st.student = s.id();
        st.submission_sha256 = hash;
        st.grader_sha256 = graderHash;
        st.score = r.score();
        st.max_score = r.maxScore();
        st.seconds = Math.round(r.executionSeconds() * 1000) / 1000.0;
        st.graded_at = Instant.now().toString();
        String feedback = r.studentFeedback(0, 0);
        boolean printed = r.tests().stream().anyMatch(t -> t.visibility().studentSeesNow() && !t.output().isBlank());
        if (printed) feedback += "\n" + TRUNCATION_NOTE + "\n";
        store.write(s.id(), GradescopeResults.json(r) + "\n", feedback, r.instructorFeedback(), st);
    }

    /** Sum of the test run times recorded in a report (seconds). */
    static double testSeconds(GradeReport r) {
        return r.tests().stream().mapToLong(TestResult::millis).sum() / 1000.0;
    }

    private static void say(Options o, PrintStream console, String s) {
        console.println(s);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a scratch folder
        }
    }
}
