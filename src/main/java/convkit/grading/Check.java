package convkit.grading;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The student's self-check: runs the visible tests of {@code exercises/} against your code with the
 * same engine as the final grade, prints the score table with hints, and says how many hidden tests
 * remain. From a notebook cell:
 * <pre>{@code
 * convkit.grading.Check.run("7.2");   // one section or exercise ("7.2", "7.2.3", "7.9.1")
 * convkit.grading.Check.all();        // everything
 * }</pre>
 * From a shell: {@code ./convkit check 7.2}.
 */
public final class Check {
    private Check() {
    }

    /** Checks every exercise. */
    public static GradeReport all() {
        return run("");
    }

    /** Checks the exercises whose number is or starts with {@code prefix}; prints and returns the report. */
    public static GradeReport run(String prefix) {
        GradeReport r = grade(KitPaths.root(), prefix);
        System.out.print(feedback(KitPaths.root(), r, prefix));
        return r;
    }

    static GradeReport grade(Path root, String prefix) {
        Path ex = KitPaths.exercises(root);
        return new Grader()
                .sources(ex.resolve("src/main/java"))
                .tests(ex.resolve("src/test/java"))
                .only(prefix)
                .name(prefix == null || prefix.isEmpty() ? "your exercises" : "your exercises " + prefix)
                .timeoutSeconds(Integer.getInteger("convkit.grading.timeout", 10))
                .grade();
    }

    /** The student feedback text, with the hidden tests of the manifest counted in. */
    static String feedback(Path root, GradeReport r, String prefix) {
        int[] count = {0};
        double[] points = {0};
        Path manifest = KitPaths.exercises(root).resolve(KitBuilder.MANIFEST);
        if (Files.exists(manifest)) {
            try {
                JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
                for (JsonElement e : m.getAsJsonArray("hidden")) {
                    JsonObject o = e.getAsJsonObject();
                    String ex = o.get("exercise").getAsString();
                    if (Numbers.matches(ex, prefix) || Numbers.matches(prefix == null ? "" : prefix, ex)) {
                        count[0] += o.get("tests").getAsInt();
                        points[0] += o.get("points").getAsDouble();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (r.tests().isEmpty()) {
            return "No visible graded tests match \"" + prefix + "\" (numbers look like 7.2, 7.3.1, 7.9.4).\n";
        }
        return r.studentFeedback(count[0], points[0]);
    }
}
