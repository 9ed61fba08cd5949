package convkit.bench;

import convkit.grading.KitPaths;
import convkit.grading.Markers;
import convkit.grading.batch.BatchGrade;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Times batch grading of a generated class (not a test: a main that prints figures).
 *
 * <pre>
 * ./convkit grading-bench [N] [--jobs J] [--keep]
 * </pre>
 *
 * Generates N submissions (default 100) from solutions/: a quarter exact copies of the solutions, the
 * rest with one to three exercise files replaced by their stubs (partly wrong); every submission differs
 * (a comment with its number) so nothing is graded once for two students, and every fifth is a zip. Then
 * grades them with {@link BatchGrade} ({@code --no-dedup}; each in a fresh test JVM in the sandbox) and prints the
 * wall time, the time per submission and where it goes: compiling the student's files, the test JVM (of which the
 * tests themselves, as the runner times them, and the rest: sandbox, JVM start, loading the classes), and the rest.
 */
public final class GradingBench {
    private GradingBench() {
    }

    /** The settings of one {@link #run}: the options of {@code ./convkit grading-bench}. */
    public static final class Options {
        /** How many submissions to generate and grade. */
        public int n = 100;
        public int jobs = 2;
        /** Ignored: every submission gets a fresh JVM (there is no pool of warm JVMs any more). */
        public boolean cold;
        /** Keep the generated class and its gradebook (the folder is printed). */
        public boolean keep;
    }

    /** Generates the class, grades it and prints the figures on standard output. */
    public static void run(Options options) throws IOException, InterruptedException {
        int n = options.n, jobs = options.jobs;
        boolean keep = options.keep;
        Path root = KitPaths.root();
        Path work = Files.createTempDirectory("convkit-gradingbench-");
        Path subs = work.resolve("class");
        List<String> kinds = generate(root, subs, n, 2026);
        System.out.printf(Locale.ROOT, "GradingBench: %d submissions (%d correct, %d partly wrong) in %s; %d cores, jobs %d, "
                + "a fresh test JVM per submission%n", n, kinds.stream().filter("correct"::equals).count(),
                kinds.stream().filter(k -> !k.equals("correct")).count(), subs, Runtime.getRuntime().availableProcessors(), jobs);
        System.out.printf(Locale.ROOT, "load average before: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        LongAdder childNanos = new LongAdder();
        AtomicLong runs = new AtomicLong();
        BatchGrade.Options o = new BatchGrade.Options();
        o.submissions = subs;
        o.out = work.resolve("gradebook");
        o.jobs = jobs;
        o.dedup = false;
        o.quiet = true;
        o.launcherDecorator = inner -> (cmd, log) -> {
            long t0 = System.nanoTime();
            Process p = inner.start(cmd, log);
            runs.incrementAndGet();
            p.onExit().thenRun(() -> childNanos.add(System.nanoTime() - t0));
            return p;
        };
        Path sol = root.resolve("solutions/src");
        double prep = convkit.grading.Grader.prepare(List.of(sol.resolve("test/java"), sol.resolve("hidden/java")), sol.resolve("main/java"));
        System.out.printf(Locale.ROOT, "one-time preparation, not in the figures below (the instructor's tests compiled once; the test JVMs' "
                + "class-data archive, made once per machine and grader build, reused when present): %.1f s%n", prep);
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        double[] cpu0 = cpuSeconds();
        BatchGrade.Summary s = BatchGrade.run(o, quiet);
        double[] cpu1 = cpuSeconds();
        double wall = s.seconds();
        int g = Math.max(1, s.graded());
        double testSec = s.testSecondsTotal();
        double perSubLatency = s.secondsPerStudent().values().stream().mapToDouble(Double::doubleValue).sum();
        double compile = s.phaseTotals().getOrDefault("compile", 0.0);
        double child = s.phaseTotals().getOrDefault("test JVMs", 0.0);
        System.out.printf(Locale.ROOT, "isolation: %s%n", s.isolation());
        System.out.printf(Locale.ROOT, "graded %d in %.1f s wall = %.2f s per submission (%d jobs); %d test JVMs started (%d runs)%n",
                s.graded(), wall, wall / g, jobs, s.jvmsStarted(), runs.get());
        double kidsCpu = s.phaseTotals().getOrDefault("test JVM CPU", 0.0);   // as each test JVM read it from /proc/self/stat
        if (cpu0 != null && cpu1 != null) {
            double self = cpu1[0] - cpu0[0];
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "CPU per submission: %.2f s = grading JVM %.2f s (unpack, compile, hashing, results) + test JVM %.2f s; "
                    + "%.0f CPU-seconds in all, i.e. %.1f s of wall time for %d submissions on %d idle cores (an estimate; the wall time above is "
                    + "what this machine, at its load, took)%n", (self + kidsCpu) / g, self / g, kidsCpu / g, self + kidsCpu,
                    (self + kidsCpu) / cores, s.graded(), cores);
        }
        System.out.printf(Locale.ROOT, "per submission (latency of one job, mean): %.2f s, of which%n", perSubLatency / g);
        System.out.printf(Locale.ROOT, "  compiling the student's files (javac in the grading JVM; the tests were compiled once): %.2f s%n", compile / g);
        System.out.printf(Locale.ROOT, "  the test JVM in its sandbox (start, runner, the tests):                                  %.2f s%n", child / g);
        System.out.printf(Locale.ROOT, "     of which the tests themselves (the runner's per-test times):                         %.2f s%n", testSec / g);
        System.out.printf(Locale.ROOT, "     and the rest (bwrap + JVM start with the class-data archive + loading the classes):  %.2f s%n", (child - testSec) / g);
        System.out.printf(Locale.ROOT, "  the rest (unpacking, copying, hashing, the stub API check, writing results):           %.2f s%n",
                (perSubLatency - compile - child) / g);
        List<Map.Entry<String, Double>> slow = new ArrayList<>(s.secondsPerStudent().entrySet());
        slow.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        System.out.printf(Locale.ROOT, "slowest: %s%n", slow.subList(0, Math.min(3, slow.size())).stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue())).toList());
        double jvmStart = jvmStartSeconds(3);
        System.out.printf(Locale.ROOT, "measured apart: a test JVM that runs nothing, in the same sandbox with the same archive: %.2f s%n", jvmStart);
        System.out.printf(Locale.ROOT, "load average after: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (!keep) deleteTree(work);
        else System.out.println("kept " + work);
    }

    /** {this JVM's CPU seconds, CPU seconds of its ended children} from /proc/self/stat (null where there is none). */
    static double[] cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the name: state(3) ... utime(14) stime(15) cutime(16) cstime(17), here 0-based from state
            double tick = 100.0;
            return new double[] {(Long.parseLong(f[11]) + Long.parseLong(f[12])) / tick, (Long.parseLong(f[13]) + Long.parseLong(f[14])) / tick};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Writes n submissions into dir; returns the kind of each ("correct" or "stubbed:File1,File2"). */
    public static List<String> generate(Path root, Path dir, int n, long seed) throws IOException {
        Path sol = root.resolve("solutions/src/main/java/convkit/exercises");
        List<Path> files;
        try (Stream<Path> s = Files.list(sol)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Random rnd = new Random(seed);
        List<String> kinds = new ArrayList<>();
        Files.createDirectories(dir);
        for (int i = 0; i < n; i++) {
            String id = String.format(Locale.ROOT, "s%03d", i);
            List<Path> stubbed = new ArrayList<>();
            if (i % 4 != 0) {
                int k = 1 + rnd.nextInt(3);
                List<Path> shuffled = new ArrayList<>(files);
                java.util.Collections.shuffle(shuffled, rnd);
                stubbed.addAll(shuffled.subList(0, Math.min(k, shuffled.size())));
            }
            Path kit = dir.resolve(id);
            Path pkg = kit.resolve("src/main/java/convkit/exercises");
            Files.createDirectories(pkg);
            for (Path f : files) {
                String text = Files.readString(f);
                if (stubbed.contains(f)) text = Markers.stub(text, f.getFileName().toString());
                Files.writeString(pkg.resolve(f.getFileName()), text + "\n// submission " + id + "\n");
            }
            kinds.add(stubbed.isEmpty() ? "correct" : "stubbed:" + stubbed.stream().map(p -> p.getFileName().toString()).toList());
            if (i % 5 == 4) {
                zip(kit, dir.resolve(id + ".zip"));
                deleteTree(kit);
            }
        }
        return kinds;
    }

    static void zip(Path folder, Path zip) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry(folder.getFileName() + "/" + folder.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
    }

    /** Mean wall seconds of a test JVM that runs no test (empty submission, no tests), started the way the grader starts one. */
    static double jvmStartSeconds(int reps) {
        return convkit.grading.Grader.emptyRunSeconds(reps);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp folder
        }
    }
}
