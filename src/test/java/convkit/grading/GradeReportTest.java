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
