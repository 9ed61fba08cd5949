package convkit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
            Path sub = submission;
            if (Files.isRegularFile(submission) && submission.toString().endsWith(".zip")) {
                tmp = Files.createTempDirectory("convkit-submission-");
                SafeUnzip.unzip(submission, tmp);
                sub = tmp;
            }
            Path sources = locateSources(sub);
            if (!Files.isDirectory(sources.resolve(Grader.EXERCISE_DIR)) && Files.isDirectory(sub)) {
                // the .java files themselves, without the kit's folders
                if (tmp == null) tmp = Files.createTempDirectory("convkit-submission-");
                Path loose = convkit.grading.batch.Submission.looseSources(sub, tmp);
                if (loose != null) sources = loose;
            }
            Path sol = KitPaths.solutions(root);
            Files.createDirectories(outDir);
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
        for (String c : new String[] {"src/main/java", "exercises/src/main/java", "convkit/exercises/src/main/java", ""}) {
            Path p = c.isEmpty() ? sub : sub.resolve(c);
            if (Files.isDirectory(p.resolve(Grader.EXERCISE_DIR))) return p;
        }
        // a zip with one top folder of another name
        try (var s = Files.list(sub)) {
            for (Path d : s.filter(Files::isDirectory).toList()) {
                for (String c : new String[] {"src/main/java", "exercises/src/main/java"}) {
                    if (Files.isDirectory(d.resolve(c).resolve(Grader.EXERCISE_DIR))) return d.resolve(c);
                }
            }
        }
        return sub.resolve("src/main/java");
    }

}
