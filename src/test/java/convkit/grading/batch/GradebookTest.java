package convkit.grading.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Gradebook: exercise columns, totals and pass rates from results.json text (Gradescope's schema). */
class GradebookTest {
    static String results(double s1, double s2, double s3) {
        return """
                {"score": %s, "output": "convkit grader: x of 6 points.\\nSec73.java does not compile", "tests": [
                  {"name": "a", "number": "7.2.1.1", "score": %s, "max_score": 1.0, "status": "%s", "visibility": "visible"},
                  {"name": "b", "number": "7.2.1.2", "score": %s, "max_score": 2.0, "status": "%s", "visibility": "hidden"},
                  {"name": "c", "number": "7.2.10.1", "score": %s, "max_score": 3.0, "status": "%s", "visibility": "visible"}]}
                """.formatted(s1 + s2 + s3, s1, s1 == 1 ? "passed" : "failed", s2, s2 == 2 ? "passed" : "failed",
                s3, s3 == 3 ? "passed" : "failed");
    }

    @Test
    void gradesHaveOneColumnPerExerciseInNumberOrderAndTotals() {
        Gradebook b = new Gradebook(List.of(Gradebook.parse("ann", results(1, 2, 3)), Gradebook.parse("bob", results(0, 1, 3))));
        Table g = b.grades();
        assertThat(g.columnNames()).containsExactly("student", "7.2.1", "7.2.10", "total", "max", "percent", "notes");
        assertThat(g.doubleColumn("7.2.1").asList()).containsExactly(3.0, 1.0);
        assertThat(g.doubleColumn("total").asList()).containsExactly(6.0, 4.0);
        assertThat(g.doubleColumn("max").asList()).containsExactly(6.0, 6.0);
        assertThat(g.doubleColumn("percent").asList()).containsExactly(100.0, 66.7);
        assertThat(g.stringColumn("notes").get(0)).isEqualTo("Sec73.java does not compile");
    }

    @Test
    void passRatesPutTheHardestTestFirst() {
        Gradebook b = new Gradebook(List.of(Gradebook.parse("ann", results(1, 2, 3)), Gradebook.parse("bob", results(0, 1, 3)),
                Gradebook.parse("cy", results(0, 0, 3))));
        Table r = b.passRates();
        assertThat(r.stringColumn("number").asList()).containsExactly("7.2.1.1", "7.2.1.2", "7.2.10.1");
        assertThat(r.doubleColumn("pass_rate").asList()).containsExactly(33.3, 33.3, 100.0);
        assertThat(r.intColumn("partial").asList()).containsExactly(0, 1, 0);
        assertThat(r.intColumn("failed").asList()).containsExactly(2, 1, 0);
        assertThat(r.doubleColumn("mean_points").get(1)).isEqualTo(1.0);
        assertThat(r.stringColumn("visibility").get(1)).isEqualTo("hidden");
    }

    @Test
    void passRatesAreSortedByPassRateNotByNumber() {
        Gradebook b = new Gradebook(List.of(Gradebook.parse("ann", results(1, 2, 0)), Gradebook.parse("bob", results(1, 2, 0)),
                Gradebook.parse("cy", results(0, 2, 3))));
        Table r = b.passRates();
        assertThat(r.stringColumn("number").asList()).containsExactly("7.2.10.1", "7.2.1.1", "7.2.1.2");
        assertThat(r.doubleColumn("pass_rate").asList()).containsExactly(33.3, 66.7, 100.0);
        assertThat(r.columnNames()).doesNotContain("order");
    }

    @Test
    void exerciseIsTheFirstThreeParts() {
        assertThat(Gradebook.exercise("7.9.4.12")).isEqualTo("7.9.4");
        assertThat(Gradebook.exercise("7.2")).isEqualTo("7.2");
    }
}
