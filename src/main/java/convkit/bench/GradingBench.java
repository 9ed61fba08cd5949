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
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Times batch grading of a generated class (not a test: a main that prints figures).
 *
 * <pre>
 * ./convkit grading-bench [N] [--jobs J] [--cold] [--keep]
 * </pre>
 *
 * Generates N submissions (default 100) from solutions/: a quarter exact copies of the solutions, the
 * rest with one to three exercise files replaced by their stubs (partly wrong); every submission differs
 * (a comment with its number) so nothing is graded once for two students, and every fifth is a zip. Then
 * grades them with {@link BatchGrade} ({@code --no-dedup}) and prints the wall time, the time per
 * submission and where it goes: starting child JVMs, compiling (the same sources compiled in this JVM,
 * timed apart), running the tests (the child's JUnit time as the tests report it), and the rest.
 */
public final class GradingBench {
    private GradingBench() {
    }

    /** The settings of one {@link #run}: the options of {@code ./convkit grading-bench}. */
    public static final class Options {
        /** How many submissions to generate and grade. */
        public int n = 100;
        public int jobs = 2;
        /** A new JVM per submission instead of the pool of warm JVMs. */
        public boolean cold;
        /** Keep the generated class and its gradebook (the folder is printed). */
        public boolean keep;
    }

    /** Generates the class, grades it and prints the figures on standard output. */
    public static void run(Options options) throws IOException, InterruptedException {
        int n = options.n, jobs = options.jobs;
        boolean cold = options.cold, keep = options.keep;
        Path root = KitPaths.root();
        Path work = Files.createTempDirectory("convkit-gradingbench-");
        Path subs = work.resolve("class");
        List<String> kinds = generate(root, subs, n, 2026);
        System.out.printf(Locale.ROOT, "GradingBench: %d submissions (%d correct, %d partly wrong) in %s; %d cores, jobs %d, %s JVMs%n",
                n, kinds.stream().filter("correct"::equals).count(), kinds.stream().filter(k -> !k.equals("correct")).count(),
                subs, Runtime.getRuntime().availableProcessors(), jobs, cold ? "one-shot" : "warm");
        System.out.printf(Locale.ROOT, "load average before: %.2f%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        LongAdder childNanos = new LongAdder();
        AtomicLong runs = new AtomicLong();
        BatchGrade.Options o = new BatchGrade.Options();
        o.submissions = subs;
        o.out = work.resolve("gradebook");
        o.jobs = jobs;
        o.dedup = false;
        o.warm = !cold;
        o.quiet = true;
        o.launcherDecorator = inner -> (cmd, log) -> {
            long t0 = System.nanoTime();
            Process p = inner.start(cmd, log);
            runs.incrementAndGet();
            p.onExit().thenRun(() -> childNanos.add(System.nanoTime() - t0));
            return p;
        };
        PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
        double[] cpu0 = cpuSeconds();
        BatchGrade.Summary s = BatchGrade.run(o, quiet);
        double[] cpu1 = cpuSeconds();
        double wall = s.seconds();
        double testSec = s.testSecondsTotal();
        double childSec = childNanos.sum() / 1e9;
        double perSubLatency = s.secondsPerStudent().values().stream().mapToDouble(Double::doubleValue).sum();

        double compile = compileSeconds(root, subs, 5);
        double jvmStart = jvmStartSeconds(3);
        System.out.printf(Locale.ROOT, "graded %d in %.1f s wall = %.2f s per submission (%d jobs); %d child runs, %d JVM(s) started%n",
                s.graded(), wall, wall / Math.max(1, s.graded()), jobs, runs.get(), s.jvmsStarted());
        if (cpu0 != null && cpu1 != null) {
            double self = cpu1[0] - cpu0[0], kids = cpu1[1] - cpu0[1];
            System.out.printf(Locale.ROOT, "CPU per submission: %.2f s (grading JVM: compile, hashing, results %.2f s + child JVMs %.2f s); "
                    + "on an idle %d-core machine that is %.1f s for %d submissions%n", (self + kids) / s.graded(), self / s.graded(),
                    kids / s.graded(), Runtime.getRuntime().availableProcessors(), (self + kids) / Runtime.getRuntime().availableProcessors(), s.graded());
        }
        System.out.printf(Locale.ROOT, "per submission (latency, summed over jobs): %.2f s, of which%n", perSubLatency / s.graded());
        System.out.printf(Locale.ROOT, "  child run (JUnit discovery + tests [+ JVM start when one-shot]): %.2f s%n", childSec / s.graded());
        System.out.printf(Locale.ROOT, "     tests themselves (JUnit's per-test times):                   %.2f s%n", testSec / s.graded());
        System.out.printf(Locale.ROOT, "  compile + unpack + hashing + writing results (the rest):        %.2f s%n", (perSubLatency - childSec) / s.graded());
        System.out.printf(Locale.ROOT, "measured apart: javac of one submission + the instructor tests, warm, in-process: %.2f s; "
                + "a bare child JVM start (JUnit launcher, no tests): %.2f s%n", compile, jvmStart);
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

    /** Mean seconds to compile one generated submission with all instructor tests, in this JVM, after one warm-up. */
    static double compileSeconds(Path root, Path subs, int reps) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> sources = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.walk(root.resolve("solutions/src/test/java")), Files.walk(root.resolve("solutions/src/hidden/java")))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
        }
        try (Stream<Path> s = Files.walk(subs.resolve("s000/src/main/java"))) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> sources.add(p.toString()));
        }
        String cp = System.getProperty("java.class.path");
        double total = 0;
        for (int r = 0; r <= reps; r++) {
            Path out = Files.createTempDirectory("convkit-bench-javac-");
            List<String> a = new ArrayList<>(List.of("-d", out.toString(), "-cp", cp, "-proc:none", "-nowarn", "-g"));
            a.addAll(sources);
            long t0 = System.nanoTime();
            int rc = javac.run(null, null, new java.io.ByteArrayOutputStream(), a.toArray(new String[0]));
            if (r > 0) total += (System.nanoTime() - t0) / 1e9;
            deleteTree(out);
            if (rc != 0) throw new IllegalStateException("bench compile failed");
        }
        return total / reps;
    }

    /** Mean wall seconds of a one-shot child JVM that runs the JUnit launcher on an empty folder. */
    static double jvmStartSeconds(int reps) throws IOException, InterruptedException {
        Path empty = Files.createTempDirectory("convkit-bench-empty-");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double total = 0;
        for (int r = 0; r < reps; r++) {
            Path rec = empty.resolveSibling(empty.getFileName() + "-rec-" + r + ".jsonl");
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.security.manager=allow",
                    "-cp", System.getProperty("java.class.path") + File.pathSeparator + empty, "convkit.grading.ChildRunner",
                    "--out", rec.toString(), empty.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            total += (System.nanoTime() - t0) / 1e9;
            Files.deleteIfExists(rec);
        }
        deleteTree(empty);
        return total / reps;
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
