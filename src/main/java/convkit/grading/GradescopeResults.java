package convkit.grading;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Gradescope's autograder {@code results.json}
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/): top-level {@code score},
 * {@code execution_time} (seconds), {@code output}, {@code output_format}, {@code test_output_format},
 * {@code test_name_format}, {@code visibility}, {@code stdout_visibility}, and {@code tests[]} with
 * {@code name}, {@code name_format}, {@code number}, {@code score}, {@code max_score}, {@code status},
 * {@code output}, {@code output_format}, {@code tags}, {@code visibility}.
 *
 * <p>Gradescope itself hides non-visible tests from students until their time; on top of that, the
 * {@code output} of a non-visible test never contains its hint.
 */
public final class GradescopeResults {
    private GradescopeResults() {
    }

    static final int MAX_OUTPUT = 4000;

    /** The JSON text (pretty-printed) for {@code report}. */
    public static String json(GradeReport report) {
        JsonObject root = new JsonObject();
        root.addProperty("score", report.score());
        root.addProperty("execution_time", (int) Math.ceil(report.executionSeconds()));
        root.addProperty("output", summary(report));
        root.addProperty("output_format", "text");
        root.addProperty("test_output_format", "text");
        root.addProperty("test_name_format", "text");
        root.addProperty("visibility", "visible");
        root.addProperty("stdout_visibility", "hidden");
        JsonArray tests = new JsonArray();
        for (TestResult t : report.tests()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", t.name());
            o.addProperty("name_format", "text");
            o.addProperty("number", t.number());
            o.addProperty("score", t.score());
            o.addProperty("max_score", t.maxScore());
            o.addProperty("status", t.status());
            o.addProperty("output", output(t));
            o.addProperty("output_format", "text");
            JsonArray tags = new JsonArray();
            for (String tag : t.tags()) tags.add(tag);
            o.add("tags", tags);
            o.addProperty("visibility", t.visibility().json());
            tests.add(o);
        }
        root.add("tests", tests);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
    }

    private static String summary(GradeReport r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "convkit grader: %s of %s points.", GradeReport.fmt(r.score()), GradeReport.fmt(r.maxScore())));
        lines.addAll(r.notes());
        return GradeReport.shorten(String.join("\n", lines), MAX_OUTPUT);
    }

    private static String output(TestResult t) {
        StringBuilder sb = new StringBuilder();
        if (t.total() > 1) sb.append(t.passed()).append(" of ").append(t.total()).append(" cases passed.\n");
        if (!t.isPassed()) {
            sb.append(t.message()).append('\n');
            if (!t.hint().isEmpty() && t.visibility() == Visibility.VISIBLE) sb.append("Hint: ").append(t.hint()).append('\n');
        }
        if (!t.output().isBlank()) sb.append("Printed:\n").append(t.output().strip()).append('\n');
        return GradeReport.shorten(sb.toString().strip(), MAX_OUTPUT);
    }
}
