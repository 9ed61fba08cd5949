package convkit.grading.gradescope;

import convkit.grading.GradeReport;
import convkit.grading.GradescopeResults;
import convkit.grading.batch.GradingSetup;
import convkit.grading.batch.Submission;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The Java side of {@code run_autograder}: grades {@code ROOT/submission} with the tests in
 * {@code ROOT/source} (laid out by {@link GradescopeZip}) and writes {@code ROOT/results/results.json}
 * in Gradescope's schema. ROOT is {@code --root}, else the environment variable {@code AUTOGRADER_ROOT},
 * else {@code /autograder}. The score table goes to stdout (which Gradescope shows only to instructors).
 * Limits: {@code -Dconvkit.grading.timeout} (per test, default 10 s), {@code convkit.grading.deadline}
 * (default 300 s), {@code convkit.grading.heap} (default 512m).
 */
public final class RunAutograder {
    private RunAutograder() {
    }

    public static void main(String[] args) {
        Path root = Path.of(System.getenv().getOrDefault("AUTOGRADER_ROOT", "/autograder"));
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--root")) root = Path.of(args[i + 1]);
        Path results = root.resolve("results/results.json");
        try {
            Files.createDirectories(results.getParent());
            GradeReport r = grade(root);
            write(results, GradescopeResults.json(r) + "\n");
            System.out.print(r.instructorFeedback());
            System.out.println("Wrote " + results);
        } catch (Throwable t) {
            // never leave Gradescope without a results.json: zero with the reason
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            System.out.println("The autograder failed: " + trace);
            JsonObject o = new JsonObject();
            o.addProperty("score", 0.0);
            o.addProperty("output", "The autograder could not grade this submission (" + t + "). Please tell your instructor.");
            o.addProperty("visibility", "visible");
            o.addProperty("stdout_visibility", "hidden");
            o.add("tests", new JsonArray());
            try {
                write(results, new GsonBuilder().setPrettyPrinting().create().toJson(o) + "\n");
            } catch (IOException e) {
                System.out.println("cannot write " + results + ": " + e);
            }
        }
        System.exit(0);
    }

    /** Grades the submission under {@code root} (Gradescope's /autograder layout). */
    public static GradeReport grade(Path root) throws IOException {
        Path source = root.resolve("source");
        GradingSetup setup = new GradingSetup(List.of(source.resolve("tests/src/test/java"), source.resolve("tests/src/hidden/java")),
                source.resolve("stubs"), Integer.getInteger("convkit.grading.timeout", 10),
                Integer.getInteger("convkit.grading.deadline", 300), System.getProperty("convkit.grading.heap", "512m"));
        Path submission = root.resolve("submission");
        convkit.grading.Sandbox box = convkit.grading.Sandbox.get(false);
        List<String> hidden = box.protect(root, source, submission, root.resolve("results"));
        System.out.println("isolation: " + box.describe() + (hidden.isEmpty() ? "" : "; made unreadable to other users: " + hidden));
        Path scratch = Files.createTempDirectory("convkit-gradescope-");
        try {
            Path src = Submission.locateIn(submission, scratch);
            return setup.grader(src, "submission").grade();
        } finally {
            try (var s = Files.walk(scratch)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void write(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".results", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
