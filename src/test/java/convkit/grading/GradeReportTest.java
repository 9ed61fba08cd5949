package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The score table of a report, rendered in a fresh JVM on the runtime class path the CLI and the kernel use. */
class GradeReportTest {

    /** What the grading CLI does first: build a report and print its Tablesaw score table. */
    public static void main(String[] args) {
        TestResult t = new TestResult("7.3.1.1", "outputSize", "k", Visibility.VISIBLE, 2.5, 4, 5, 8, "was 5", "floor", "", List.of("7.3"), 1);
        System.out.print(new GradeReport("alice", List.of(t), List.of(), 0.1).table(true).print());
    }

    @Test
    void theTextTableIsWhatTablesawPrints() {
        List<TestResult> tests = List.of(
                new TestResult("7.3.1.1", "outputSize", "k1", Visibility.VISIBLE, 2.5, 4, 5, 8, "was 5\nand more", "floor", "", List.of(), 1),
                new TestResult("7.3.1.2", "hiddenOne", "k2", Visibility.HIDDEN, 0, 1, 0, 1, "a hidden message", "", "", List.of(), 1),
                new TestResult("7.3.2.1", "long", "k3", Visibility.AFTER_DUE_DATE, 0.3333, 1, 1, 3,
                        "a very long message that is longer than seventy characters, so that it is cut short by the table", "", "", List.of(), 1),
                new TestResult("7.9.4.10", "passes", "k4", Visibility.VISIBLE, 13, 13, 1, 1, "", "", "", List.of(), 1));
        for (String name : List.of("alice", "a student whose name is longer than the whole table is wide, which happens")) {
            GradeReport r = new GradeReport(name, tests, List.of(), 0.1);
            for (boolean student : new boolean[] {true, false}) assertThat(r.text(student)).isEqualTo(r.table(student).printAll());
            GradeReport empty = new GradeReport(name, List.of(), List.of(), 0.1);
            assertThat(empty.text(true)).isEqualTo(empty.table(true).printAll());
        }
    }

    @Test
    void renderingTheScoreTablePrintsNoSlf4jWarning() throws Exception {
        // Tablesaw logs through SLF4J 1.7; without a binding (slf4j-nop is the runtime dependency) SLF4J prints a
        // three-line "Failed to load class org.slf4j.impl.StaticLoggerBinder" warning into every grading run and notebook
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", cp, GradeReportTest.class.getName())
                .redirectError(ProcessBuilder.Redirect.PIPE).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(out).contains("7.3.1.1", "outputSize", "2.5");
        assertThat(err).doesNotContain("SLF4J").isEmpty();
        assertThat(cp.split(File.pathSeparator)).anyMatch(e -> e.contains("slf4j-nop"));
    }
}
