package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The student's self-check on the untouched stubs: visible tests only, hints shown, hidden tests counted from the manifest. */
class CheckTest {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void checksOneExerciseOfTheStubsWithHintsAndTheHiddenCount() {
        GradeReport r = Check.grade(ROOT, "7.3.1");
        assertThat(r.tests()).singleElement().satisfies(t -> {
            assertThat(t.number()).isEqualTo("7.3.1.1");
            assertThat(t.visibility()).isEqualTo(Visibility.VISIBLE);
            assertThat(t.score()).isZero();
        });
        String feedback = Check.feedback(ROOT, r, "7.3.1");
        assertThat(feedback).contains("7.3.1.1", "outputSize", "Hint: Output = floor(", "Exercise 7.3.1:")
                .contains("1 hidden test (1 point) remains").doesNotContain("outputSizeAgainstEnumeration");
        assertThat(Check.feedback(ROOT, new GradeReport("x", java.util.List.of(), java.util.List.of(), 0), "8.1"))
                .contains("No visible graded tests match \"8.1\"");
    }
}
