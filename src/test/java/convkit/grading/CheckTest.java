package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The student's self-check on the untouched stubs: visible tests only, hints shown, hidden tests counted from the
 * manifest; and issue 4's story: a student answers wrong, reads the hint, fixes it, sees the points, and the
 * instructor grades that hand-in into an upload-ready results.json.
 */
class CheckTest {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void checksOneExerciseOfTheStubsWithHintsAndTheHiddenCount() {
        GradeReport r = Check.grade(ROOT, "7.3.1");
        assertThat(r.tests()).extracting(TestResult::number).containsExactly("7.3.1.1", "7.3.1.3");   // d2l 7.3.1: the formula, the last example
        assertThat(r.tests()).allSatisfy(t -> {
            assertThat(t.visibility()).isEqualTo(Visibility.VISIBLE);
            assertThat(t.score()).isZero();
        });
        String feedback = Check.feedback(ROOT, r, "7.3.1");
        assertThat(feedback).contains("7.3.1.1", "outputSize", "Hint: Output = floor(", "Exercise 7.3.1:")
                .contains("1 hidden test (1 point) remains").doesNotContain("outputSizeAgainstEnumeration");
        assertThat(Check.feedback(ROOT, new GradeReport("x", java.util.List.of(), java.util.List.of(), 0), "8.1"))
                .contains("No visible graded tests match \"8.1\"");
    }

    @Test
    void aStudentFixesAWrongAnswerAndTheInstructorGradesTheHandIn(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("convkit");   // the unpacked student kit: exercises/ (stubs, visible tests, manifest)
        KitBuilderTest.copy(ROOT.resolve("exercises"), kit.resolve("exercises"));
        Path file = kit.resolve("exercises/src/main/java/convkit/exercises/Sec73PaddingStride.java");
        String stub = "throw new UnsupportedOperationException(\"Exercise 7.3.1: the output size with padding p per side, stride s and dilation d (notebook 02)\");";
        assertThat(Files.readString(file)).contains(stub);

        // 1. wrong: ceil instead of floor -> partial credit, the failing cases and the hint
        Files.writeString(file, Files.readString(file).replace(stub, "return (int) Math.ceil((n + 2.0 * p - d * (k - 1) - 1) / s) + 1;"));
        GradeReport wrong = Check.grade(kit, "7.3.1");
        assertThat(wrong.test("7.3.1.1").score()).isPositive().isLessThan(4);
        assertThat(Check.feedback(kit, wrong, "7.3.1")).contains("5/8 cases", "expected: <4> but was: <5>",
                "Hint: Output = floor((n + 2p - d(k-1) - 1) / s) + 1", "1 hidden test (1 point) remains");

        // 2. fixed: full points
        Files.writeString(file, Files.readString(file).replace("return (int) Math.ceil((n + 2.0 * p - d * (k - 1) - 1) / s) + 1;",
                "return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s) + 1;").replace(
                "throw new UnsupportedOperationException(\"Exercise 7.3.1 (the last example): apply outputSize to each axis\");",
                "return new int[] {outputSize(8, 3, 0, 3, 1), outputSize(8, 5, 1, 4, 1)};"));
        GradeReport fixed = Check.grade(kit, "7.3.1");
        assertThat(fixed.test("7.3.1.1").score()).isEqualTo(4);
        assertThat(Check.feedback(kit, fixed, "7.3.1")).contains("passed").doesNotContain("Hint:");

        // 3. the instructor grades the hand-in (the exercises/ folder) with visible and hidden tests
        Path out = tmp.resolve("grading");
        GradeReport graded = Instructor.grade(ROOT, kit.resolve("exercises"), out, "7.3.1");
        assertThat(graded.test("7.3.1.1").score()).isEqualTo(4);
        assertThat(graded.test("7.3.1.2").visibility()).isEqualTo(Visibility.HIDDEN);
        JsonObject results = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        Map<String, JsonObject> byNumber = new HashMap<>();
        for (JsonElement e : results.getAsJsonArray("tests")) byNumber.put(e.getAsJsonObject().get("number").getAsString(), e.getAsJsonObject());
        assertThat(byNumber.keySet()).containsExactlyInAnyOrder("7.3.1.1", "7.3.1.2", "7.3.1.3");
        assertThat(byNumber.get("7.3.1.1").get("score").getAsDouble()).isEqualTo(4);
        assertThat(byNumber.get("7.3.1.2").get("visibility").getAsString()).isEqualTo("hidden");
        assertThat(results.get("score").getAsDouble()).isEqualTo(graded.score());
        assertThat(Files.readString(out.resolve("feedback.txt"))).contains("7.3.1.1").doesNotContain("outputSizeAgainstEnumeration");
        assertThat(Files.readString(out.resolve("grades.csv")).lines().toList()).hasSize(2);
        assertThat(out.resolve("junit")).isDirectoryContaining("glob:**.xml");
    }
}
