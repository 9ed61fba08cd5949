package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import convkit.viz.MimeBundle;
import org.junit.jupiter.api.Test;

/**
 * The self-check as a notebook cell shows it: narrow enough for the notebook column as text (every kernel), an
 * HTML table in convkit's kernel; the same content as {@code ./convkit check}.
 */
class FeedbackTest {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void theScoreOfTheStubsFitsTheNotebookColumnAndShowsAsAnHtmlTable() {
        GradeReport r = Check.grade(ROOT, "7.3");
        String full = Check.feedback(ROOT, r, "7.3");
        assertThat(full.lines().mapToInt(String::length).max().orElse(0)).isGreaterThan(Feedback.WIDTH);   // ./convkit check's

        Feedback f = Feedback.of(r, full);
        assertThat(f.report()).isSameAs(r);
        String text = f.toString();
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(Feedback.WIDTH));
        assertThat(text).contains("Score of your exercises 7.3", "number", "status", "7.3.1.1", "FAILED", "total")
                .contains("Hint: Output = floor((n + 2p - d(k-1) - 1) / s) + 1: padding counts twice (both sides), and")
                .contains("hidden test");
        assertThat(text.lines().limit(3).anyMatch(l -> l.contains("hint"))).isFalse();   // no hint column

        Map<String, String> bundle = MimeBundle.of(f);
        assertThat(bundle.get("text/plain")).isEqualTo(text);
        assertThat(bundle.get("text/html")).contains("<table", "<caption", "Score of your exercises 7.3", "7.3.1.1",
                "<pre style=\"white-space: pre-wrap", "Hint: Output = floor((n + 2p - d(k-1) - 1) / s) + 1: padding counts twice");
        // every word of the feedback is still there, only the lines are shorter
        String words = full.replaceAll("\\s+", " ");
        assertThat(text.substring(text.indexOf("7.3.1.1 outputSize (")).replaceAll("\\s+", " ").strip())
                .isEqualTo(words.substring(words.indexOf("7.3.1.1 outputSize (")).strip());
    }

    @Test
    void wrapBreaksLongLinesAtSpacesAndIndentsWhatContinues() {
        String line = "  Hint: " + "word ".repeat(40).strip();
        String wrapped = Feedback.wrap(line + "\nshort");
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(Feedback.WIDTH));
        assertThat(wrapped.lines().skip(1).findFirst().orElseThrow()).startsWith("    word");
        assertThat(wrapped).endsWith("\nshort");
        assertThat(wrapped.replaceAll("\\s+", " ").strip()).isEqualTo((line + " short").replaceAll("\\s+", " ").strip());
        assertThat(Feedback.wrap("x".repeat(250)).lines().count()).isEqualTo(3);
    }

    @Test
    void noMatchingTestsIsJustTheMessage() {
        GradeReport none = new GradeReport("x", java.util.List.of(), java.util.List.of(), 0);
        Feedback f = Feedback.of(none, Check.feedback(ROOT, none, "8.1"));
        assertThat(f.toString()).contains("No visible graded tests match \"8.1\"").doesNotContain("status");
        assertThat(f.html()).doesNotContain("<table");
    }
}
