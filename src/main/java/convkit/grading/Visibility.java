package convkit.grading;

/**
 * Who sees a graded test and when; the values and their JSON names are Gradescope's
 * ({@code visible}, {@code hidden}, {@code after_due_date}, {@code after_published}).
 *
 * <p>Only {@link #VISIBLE} tests reach the student kit ({@code exercises/}); the others live in
 * {@code solutions/src/hidden/java} and their output and hints never appear in student feedback.
 */
public enum Visibility {
    /** Shown to the student at once; shipped in the student kit. */
    VISIBLE("visible"),
    /** Never shown to the student (Gradescope shows only that hidden points exist). */
    HIDDEN("hidden"),
    /** Shown after the due date. */
    AFTER_DUE_DATE("after_due_date"),
    /** Shown after the grades are published. */
    AFTER_PUBLISHED("after_published");

    private final String json;

    Visibility(String json) {
        this.json = json;
    }

    /** The name Gradescope's results.json uses. */
    public String json() {
        return json;
    }

    /** True if a student may see this test's output and hint before the due date. */
    public boolean studentSeesNow() {
        return this == VISIBLE;
    }
}
