package convkit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Grades one student submission with the instructor's tests (solutions/src/test/java and
 * solutions/src/hidden/java) and writes, into {@code outDir}:
 * {@code results.json} (Gradescope's schema), {@code grades.csv} (header + one row),
 * {@code feedback.txt} (what the student may see), {@code report.txt} (everything) and
 * {@code junit/TEST-*.xml} (JUnit's legacy XML, as Surefire writes it).
 */
public final class Instructor {
    private Instructor() {
    }

    /**
     * @param submission the student's exercises/ folder, an unpacked kit containing exercises/, any folder
     *                   containing src/main/java/convkit/exercises, or a zip of one of those
     */
    public static GradeReport grade(Path root, Path submission, Path outDir, String only) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("convkit-submission-");
            List<String> extra = new java.util.ArrayList<>();
            Path sources = null;
            try {
                sources = new convkit.grading.batch.Submission("submission", submission).sourceRoot(tmp);
            } catch (IOException | RuntimeException e) {
                extra.add("The submission could not be read (" + e.getMessage() + "): every test scores 0.");
            }
            if (sources == null && extra.isEmpty()) extra.add("No convkit/exercises sources found in the submission: every test scores 0.");
            Path sol = KitPaths.solutions(root);
            Files.createDirectories(outDir);
            Sandbox box = Sandbox.get(false);
            List<String> hidden = box.protect(root, submission, outDir);
            System.out.println("isolation: " + box.describe() + (hidden.isEmpty() ? "" : "; made unreadable to other users: " + hidden));
            Grader.deleteTree(outDir.resolve("junit"));
            String name = System.getProperty("convkit.student",
                    submission.getFileName().toString().replaceAll("\\.zip$", ""));
            GradeReport r = new Grader()
                    .sources(sources)
                    .tests(sol.resolve("src/test/java"), sol.resolve("src/hidden/java"))
                    .stubsFrom(sol.resolve("src/main/java"))
                    .only(only)
                    .name(name)
                    .junitXml(outDir.resolve("junit"))
                    .grade();
            if (!extra.isEmpty()) {
                extra.addAll(r.notes());
                r = GradeReport.like(r, r.submission(), r.tests(), extra);
            }
            Files.writeString(outDir.resolve("results.json"), GradescopeResults.json(r) + "\n");
            Files.writeString(outDir.resolve("grades.csv"), r.csv());
            Files.writeString(outDir.resolve("feedback.txt"), r.studentFeedback(0, 0));
            Files.writeString(outDir.resolve("report.txt"), r.instructorFeedback());
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Grader.deleteTree(tmp);
        }
    }

    /** The source root holding convkit/exercises/ inside a submission (null if there is none). */
    static Path locateSources(Path sub) throws IOException {
        Path p = convkit.grading.batch.Submission.locate(sub);
        return p != null ? p : sub.resolve("src/main/java");
    }

}
