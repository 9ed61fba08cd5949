package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instructor's grading entry point in the Maven build:
 * <pre>mvn test -Dtest=InstructorTest -Dconvkit.submission=/path/to/student/exercises</pre>
 * grades that folder (or zip) with solutions/' visible and hidden tests, prints the score table and writes
 * target/grading/{results.json, grades.csv, feedback.txt, report.txt, junit/TEST-*.xml}. Optional:
 * {@code -Dconvkit.student=NAME} (the CSV's submission column), {@code -Dconvkit.only=7.3} (one section),
 * {@code -Dconvkit.grading.out=DIR}.
 */
class InstructorTest {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    @EnabledIfSystemProperty(named = "convkit.submission", matches = ".+")
    void gradeSubmission() throws IOException {
        Path submission = Path.of(System.getProperty("convkit.submission")).toAbsolutePath();
        Path out = ROOT.resolve(System.getProperty("convkit.grading.out", "target/grading"));
        GradeReport r = Instructor.grade(ROOT, submission, out, System.getProperty("convkit.only", ""));
        System.out.println(r.instructorFeedback());
        System.out.println("Wrote " + out + ": results.json, grades.csv, feedback.txt, report.txt, junit/");
        assertThat(JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject().get("score").getAsDouble())
                .isEqualTo(r.score());
        assertThat(out.resolve("grades.csv")).exists();
        assertThat(out.resolve("junit")).isDirectoryContaining("glob:**.xml");
    }

    @Test
    void findsTheSourcesInAnyHandInLayout(@TempDir Path tmp) throws IOException {
        Path kit = tmp.resolve("kit/convkit/exercises/src/main/java/convkit/exercises");
        Files.createDirectories(kit);
        Files.writeString(kit.resolve("A.java"), "package convkit.exercises; class A {}");
        assertThat(Instructor.locateSources(tmp.resolve("kit"))).isEqualTo(tmp.resolve("kit/convkit/exercises/src/main/java"));
        assertThat(Instructor.locateSources(tmp.resolve("kit/convkit"))).isEqualTo(tmp.resolve("kit/convkit/exercises/src/main/java"));
        assertThat(Instructor.locateSources(tmp.resolve("kit/convkit/exercises"))).isEqualTo(tmp.resolve("kit/convkit/exercises/src/main/java"));

        Path zip = tmp.resolve("s.zip");
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(os)) {
            z.putNextEntry(new ZipEntry("exercises/src/main/java/convkit/exercises/A.java"));
            z.write("package convkit.exercises; class A {}".getBytes());
            z.closeEntry();
            z.putNextEntry(new ZipEntry("../evil.txt"));
            z.closeEntry();
        }
        Path dest = tmp.resolve("unzipped");
        Files.createDirectories(dest);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SafeUnzip.unzip(zip, dest)).hasMessageContaining("outside");
    }

    @Test
    void gradesLooseJavaFiles(@TempDir Path tmp) throws IOException {
        // a hand-in of the .java files themselves (no kit folders): they are graded, not scored 0
        Path loose = tmp.resolve("bob");
        Files.createDirectories(loose);
        Files.copy(ROOT.resolve("solutions/src/main/java/convkit/exercises/Sec73PaddingStride.java"), loose.resolve("Sec73PaddingStride.java"));
        GradeReport r = Instructor.grade(ROOT, loose, tmp.resolve("out"), "7.3.1");
        assertThat(r.score()).isEqualTo(r.maxScore()).isEqualTo(6);   // (no check of the name: -Dconvkit.student may set it)
    }
}
