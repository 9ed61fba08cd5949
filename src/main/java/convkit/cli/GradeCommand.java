package convkit.cli;

import convkit.grading.GradeReport;
import convkit.grading.Instructor;
import convkit.grading.KitPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code grade}: the instructor's grade of one submission ({@link Instructor#grade}). */
@Command(name = "grade",
        description = {"instructor: grade one submission with solutions/' visible and hidden tests",
                "SUBMISSION is a student's exercises/ folder, an unpacked kit, a zip of either, or the .java files. "
                        + "Writes to DIR: results.json (Gradescope's format), grades.csv, feedback.txt (what the "
                        + "student may see), report.txt (everything), junit/TEST-*.xml."})
public final class GradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUBMISSION", description = "the submission (folder or zip)")
    Path submission;

    @Option(names = "--out", paramLabel = "DIR", description = "where the results go (default: target/grading)")
    Path out;

    @Option(names = "--only", paramLabel = "NUMBER", defaultValue = "", description = "grade one section or exercise, e.g. 7.3")
    String only;

    @Override
    public Integer call() {
        Path root = KitPaths.root();
        Path dir = (out != null ? out : root.resolve("target/grading")).toAbsolutePath();
        GradeReport r = Instructor.grade(root, submission.toAbsolutePath(), dir, only);
        System.out.print(r.instructorFeedback());
        System.out.println("Wrote " + dir.resolve("results.json") + ", grades.csv, feedback.txt, report.txt, junit/");
        return 0;
    }
}
