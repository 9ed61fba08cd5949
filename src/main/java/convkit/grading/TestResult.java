package convkit.grading;

import java.util.List;

/**
 * The grade of one graded test method: its points earned out of {@code maxScore}; for a parameterised
 * test, {@code passed} of {@code total} invocations passed and the score is proportional.
 *
 * @param message what went wrong (empty when passed); never shown to a student for non-visible tests
 * @param output  what the test printed (truncated)
 */
public record TestResult(String number, String name, String key, Visibility visibility, double score, double maxScore,
                         int passed, int total, String message, String hint, String output, List<String> tags, long millis) {

    /** True if every invocation passed. */
    public boolean isPassed() {
        return total > 0 && passed == total;
    }

    /** Gradescope's status: "passed" or "failed". */
    public String status() {
        return isPassed() ? "passed" : "failed";
    }

    /** The exercise this test belongs to ("7.2.1" for test "7.2.1.3"). */
    public String exercise() {
        return Numbers.exercise(number);
    }
}
