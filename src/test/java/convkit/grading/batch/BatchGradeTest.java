package convkit.grading.batch;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.cli.GradeClassCommand;
import convkit.grading.KitPaths;
import convkit.grading.Markers;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Issue 6, "Done when": a generated class with correct, partly wrong and hostile submissions is graded
 * right for every student; a run killed halfway is completed by the next run, which re-grades nobody
 * already graded; running again gives the same gradebook.
 */
public class BatchGradeTest {
    static final Path ROOT = KitPaths.root();
    static final Path SOLUTIONS = ROOT.resolve("solutions/src/main/java/convkit/exercises");
    static final String[] ARGS = {"--timeout", "3", "--deadline", "90", "--heap", "128m", "--jobs", "2", "--quiet"};

    @TempDir
    Path tmp;

    @Test
    void gradesAHostileClassRightAndResumesAfterBeingKilled() throws Exception {
        Path subs = tmp.resolve("class");
        Path out = tmp.resolve("gradebook");
        Files.createDirectories(subs);
        // correct, as a folder and as a zip of the kit
        kit(subs.resolve("correct-folder"), Map.of());
        kit(subs.resolve("correct-zip"), Map.of());
        zip(subs.resolve("correct-zip"), subs.resolve("correct-zip.zip"));
        BatchGrade.deleteTree(subs.resolve("correct-zip"));
        // partly wrong: the 7.3 file handed in as the untouched stub
        kit(subs.resolve("partly-wrong"), Map.of("Sec73PaddingStride", BatchGradeTest::stub));
        // nothing done
        Map<String, UnaryOperator<String>> allStubs = new LinkedHashMap<>();
        for (String f : solutionFiles()) allStubs.put(f, BatchGradeTest::stub);
        kit(subs.resolve("nothing-done"), allStubs);
        // a syntax error in the 7.4 file
        kit(subs.resolve("no-compile"), Map.of("Sec74Channels", s -> s.replaceFirst("public final class Sec74Channels \\{",
                "public final class Sec74Channels { int broken = ;")));
        // System.exit(0) in exercise 7.5.2
        kit(subs.resolve("exits"), Map.of("Sec75Pooling", s -> poison(s, "7.5.2", "if (true) { System.exit(0); }")));
        // an infinite loop in exercise 7.2.2
        kit(subs.resolve("loops"), Map.of("Sec72Kernels", s -> poison(s, "7.2.2", "if (true) { while (true) { } }")));
        // unbounded allocation in exercise 7.4.4
        kit(subs.resolve("out-of-memory"), Map.of("Sec74Channels", s -> poison(s, "7.4.4",
                "if (true) { java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) { hog.add(new long[1 << 24]); } }")));
        // megabytes of output in exercise 7.2.1, then the right answer
        kit(subs.resolve("prints-megabytes"), Map.of("Sec72Kernels", s -> poison(s, "7.2.1",
                "if (true) { for (int i = 0; i < 200_000; i++) { System.out.println(\"spam spam spam spam \" + i); } }")));
        // a static initialiser that throws, in the 7.5 file
        kit(subs.resolve("static-init"), Map.of("Sec75Pooling", s -> s.replaceFirst("public final class Sec75Pooling \\{",
                "public final class Sec75Pooling { static { if (true) throw new IllegalStateException(\"broken static initialiser\"); }")));
        // the 7.2 file left as the stub, and its copy of the tests edited to pass
        Path cheat = subs.resolve("edited-tests");
        kit(cheat, Map.of("Sec72Kernels", BatchGradeTest::stub));
        String fake = "package convkit.exercises;\nimport convkit.grading.Graded;\nimport org.junit.jupiter.api.Test;\n"
                + "class Sec72KernelsTest {\n  @Test @Graded(number = \"7.2.1.1\", points = 100) void diagonalEdgeImage() { }\n}\n";
        Files.createDirectories(cheat.resolve("src/test/java/convkit/exercises"));
        Files.writeString(cheat.resolve("src/test/java/convkit/exercises/Sec72KernelsTest.java"), fake);
        Files.writeString(cheat.resolve("src/main/java/convkit/exercises/Sec72KernelsTest.java"), fake);
        List<String> students = List.of("correct-folder", "correct-zip", "edited-tests", "exits", "loops", "no-compile", "nothing-done",
                "out-of-memory", "partly-wrong", "prints-megabytes", "static-init");

        // 1. a run killed (kill -9) once two students are graded
        Process p = new ProcessBuilder(javaCommand(subs, out)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed-run.log").toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (gradedIn(out).size() < 2 && p.isAlive() && System.nanoTime() < until) Thread.sleep(100);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Map<String, String> before = gradedIn(out);
        assertThat(before).as("students graded before the kill (log: %s)", tmp.resolve("killed-run.log")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(before.size()).as("the kill came before the end").isLessThan(students.size());

        // 2. the re-run grades only the rest
        BatchGrade.Options o = GradeClassCommand.parse(args(subs, out));
        o.kit = ROOT;
        BatchGrade.Summary s = BatchGrade.run(o, new PrintStream(java.io.OutputStream.nullOutputStream()));
        assertThat(s.notGraded()).isEmpty();
        assertThat(s.skipped()).isEqualTo(before.size());
        assertThat(s.graded()).isEqualTo(students.size() - before.size());
        Map<String, String> after = gradedIn(out);
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(students);
        before.forEach((id, state) -> assertThat(after.get(id)).as("%s was not graded again", id).isEqualTo(state));

        // 3. the gradebook is right for every student
        Table g = Table.read().csv(out.resolve("grades.csv").toFile());
        assertThat(g.stringColumn("student").asList()).containsExactlyElementsOf(students);
        Map<String, Double> full = row(g, "correct-folder");
        double max = full.get("max");
        assertThat(full.get("total")).isEqualTo(max).isGreaterThan(0);
        assertThat(row(g, "correct-zip")).isEqualTo(full);
        assertThat(row(g, "nothing-done").get("total")).isZero();
        expectZeroOnlyIn(g, full, "partly-wrong", exercisesOf("Sec73PaddingStride"));
        expectZeroOnlyIn(g, full, "no-compile", exercisesOf("Sec74Channels"));
        expectZeroOnlyIn(g, full, "static-init", exercisesOf("Sec75Pooling"));
        expectZeroOnlyIn(g, full, "edited-tests", exercisesOf("Sec72Kernels"));
        expectZeroOnlyIn(g, full, "exits", Set.of("7.5.2"));
        expectZeroOnlyIn(g, full, "loops", Set.of("7.2.2"));
        expectZeroOnlyIn(g, full, "out-of-memory", Set.of("7.4.4"));
        assertThat(row(g, "prints-megabytes")).isEqualTo(full);
        assertThat(report(out, "no-compile")).contains("does not compile");
        assertThat(report(out, "exits")).contains("System.exit");
        assertThat(report(out, "loops")).containsIgnoringCase("timed out");
        assertThat(report(out, "out-of-memory")).containsAnyOf("OutOfMemoryError", "out of memory");
        assertThat(report(out, "static-init")).contains("broken static initialiser");
        assertThat(report(out, "edited-tests")).contains("test files of the submission are not used");
        assertThat(Files.size(out.resolve("students/prints-megabytes/results.json"))).isLessThan(200_000);
        assertThat(Files.readString(out.resolve("students/prints-megabytes/feedback.txt"))).contains("truncated");
        Table rates = Table.read().csv(out.resolve("test-pass-rates.csv").toFile());
        assertThat(rates.intColumn("students").asList()).allMatch(n -> n == students.size());

        // 4. running again grades nobody and writes the same gradebook
        String csv = Files.readString(out.resolve("grades.csv")), ratesCsv = Files.readString(out.resolve("test-pass-rates.csv"));
        BatchGrade.Summary again = BatchGrade.run(o, new PrintStream(java.io.OutputStream.nullOutputStream()));
        assertThat(again.graded()).isZero();
        assertThat(again.skipped()).isEqualTo(students.size());
        assertThat(Files.readString(out.resolve("grades.csv"))).isEqualTo(csv);
        assertThat(Files.readString(out.resolve("test-pass-rates.csv"))).isEqualTo(ratesCsv);
    }

    /** Every exercise in {@code zero} scores 0 (or less than full where the poison hits only some tests), all others full. */
    static void expectZeroOnlyIn(Table g, Map<String, Double> full, String student, Set<String> zero) {
        Map<String, Double> r = row(g, student);
        for (String ex : full.keySet()) {
            if (Set.of("total", "max", "percent").contains(ex)) continue;
            if (zero.contains(ex)) {
                assertThat(r.get(ex)).as("%s: exercise %s", student, ex).isLessThan(full.get(ex));
            } else {
                assertThat(r.get(ex)).as("%s: exercise %s", student, ex).isEqualTo(full.get(ex));
            }
        }
        assertThat(r.get("max")).isEqualTo(full.get("max"));
    }

    public static Map<String, Double> row(Table g, String student) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Row r : g) {
            if (!r.getString("student").equals(student)) continue;
            for (String c : g.columnNames()) {
                if (c.equals("student") || c.equals("notes")) continue;
                m.put(c, ((Number) r.getObject(c)).doubleValue());
            }
        }
        assertThat(m).as("row of %s", student).isNotEmpty();
        return m;
    }

    static String report(Path out, String student) throws IOException {
        return Files.readString(out.resolve("students").resolve(student).resolve("report.txt"));
    }

    /** student id -> grade.json text, for every complete student folder. */
    static Map<String, String> gradedIn(Path out) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        Path d = out.resolve("students");
        if (!Files.isDirectory(d)) return m;
        try (Stream<Path> s = Files.list(d)) {
            for (Path p : s.sorted().toList()) {
                try {
                    if (Files.exists(p.resolve("grade.json"))) m.put(p.getFileName().toString(), Files.readString(p.resolve("grade.json")));
                } catch (IOException e) {
                    // renamed away between the check and the read
                }
            }
        }
        return m;
    }

    public static String[] args(Path subs, Path out) {
        List<String> a = new ArrayList<>(List.of(subs.toString(), "--out", out.toString()));
        a.addAll(List.of(ARGS));
        return a.toArray(new String[0]);
    }

    static List<String> javaCommand(Path subs, Path out) {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dconvkit.home=" + ROOT, "-cp", cp, convkit.cli.Main.class.getName(), "grade-class"));
        cmd.addAll(List.of(args(subs, out)));
        return cmd;
    }

    /** The exercises ("7.3.1", ...) whose solution blocks are in this solution file. */
    static Set<String> exercisesOf(String file) throws IOException {
        Set<String> s = new LinkedHashSet<>();
        Matcher m = Pattern.compile("BEGIN SOLUTION Exercise (\\d+\\.\\d+\\.\\d+)").matcher(Files.readString(SOLUTIONS.resolve(file + ".java")));
        while (m.find()) s.add(m.group(1));
        assertThat(s).as("exercises of %s", file).isNotEmpty();
        return s;
    }

    public static List<String> solutionFiles() throws IOException {
        try (Stream<Path> s = Files.list(SOLUTIONS)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        }
    }

    /** A student kit folder: the solutions, with some files transformed. */
    public static void kit(Path dir, Map<String, UnaryOperator<String>> changes) throws IOException {
        Path pkg = dir.resolve("src/main/java/convkit/exercises");
        Files.createDirectories(pkg);
        for (String f : solutionFiles()) {
            String text = Files.readString(SOLUTIONS.resolve(f + ".java"), StandardCharsets.UTF_8);
            UnaryOperator<String> c = changes.get(f);
            String changed = c == null ? text : c.apply(text);
            if (c != null) assertThat(changed).as("the change of %s applies", f).isNotEqualTo(text);
            Files.writeString(pkg.resolve(f + ".java"), changed);
        }
    }

    public static String stub(String solution) {
        return Markers.stub(solution, "solution");
    }

    /** Puts {@code code} in front of the first solution block of exercise {@code number}. */
    public static String poison(String source, String number, String code) {
        Matcher m = Pattern.compile("(?m)^(\\s*)// BEGIN SOLUTION Exercise " + Pattern.quote(number) + "\\b").matcher(source);
        assertThat(m.find()).as("a solution block of exercise %s", number).isTrue();
        return source.substring(0, m.start()) + m.group(1) + code + "\n" + source.substring(m.start());
    }

    public static void zip(Path folder, Path zip) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new ZipEntry("convkit-student-kit/" + folder.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
    }
}
