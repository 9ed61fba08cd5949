package convkit.cli;

import convkit.grading.batch.BatchGrade;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grade-class}: a whole class into a gradebook ({@link BatchGrade#run}). Status 1 if a submission was not graded. */
@Command(name = "grade-class", sortOptions = false,
        description = {"grade a folder of submissions in parallel into a gradebook; run it again to resume",
                "One folder or .zip per student in SUBMISSIONS (the student kit as handed in; the id is its name), each "
                        + "graded in its own JVM against solutions/' tests. Writes grades.csv, test-pass-rates.csv and "
                        + "students/ID/{results.json,feedback.txt,report.txt,grade.json}; unchanged submissions are "
                        + "skipped on the next run."})
public final class GradeClassCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SUBMISSIONS", description = "the folder of submissions")
    Path submissions;

    @Option(names = "--out", paramLabel = "DIR", description = "the gradebook folder (default: SUBMISSIONS-gradebook next to it)")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "submissions graded at once (default: the number of cores)")
    int jobs = new BatchGrade.Options().jobs;

    @Option(names = "--timeout", paramLabel = "S", description = "per-test timeout in seconds (default: ${DEFAULT-VALUE})")
    int timeout = new BatchGrade.Options().timeoutSeconds;

    @Option(names = "--deadline", paramLabel = "S", description = "per-submission deadline in seconds (default: ${DEFAULT-VALUE})")
    int deadline = new BatchGrade.Options().deadlineSeconds;

    @Option(names = "--heap", paramLabel = "SIZE", description = "-Xmx of each submission's JVM (default: ${DEFAULT-VALUE})")
    String heap = new BatchGrade.Options().heap;

    @Option(names = "--kit", paramLabel = "ROOT", description = "the instructor's kit with solutions/ (default: this one)")
    Path kit;

    @Option(names = "--stop-after", paramLabel = "K", description = "grade at most K submissions, then stop (a later run resumes)")
    int stopAfter = -1;

    @Option(names = "--force", description = "grade everything again, also unchanged submissions")
    boolean force;

    @Option(names = "--no-dedup", description = "grade identical submissions separately (default: once, the grade copied)")
    boolean noDedup;

    @Option(names = "--cold", description = "kept for old scripts: every submission gets fresh JVMs in a sandbox anyway")
    boolean cold;

    @Option(names = "--quiet", description = "no progress line per student")
    boolean quiet;

    @Option(names = "--compile-tests-each-time", hidden = true, description = "compile the instructor's tests per submission")
    boolean compileTestsEachTime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BatchGrade.Summary s = BatchGrade.run(options(), System.out);
        return s.notGraded().isEmpty() ? 0 : 1;
    }

    /** The options as {@link BatchGrade#run} takes them; a value out of range is a usage error. */
    BatchGrade.Options options() {
        positive("--jobs", jobs);
        positive("--timeout", timeout);
        positive("--deadline", deadline);
        BatchGrade.Options o = new BatchGrade.Options();
        o.submissions = submissions;
        o.out = out;
        o.kit = kit;
        o.jobs = jobs;
        o.timeoutSeconds = timeout;
        o.deadlineSeconds = deadline;
        o.heap = heap;
        o.stopAfter = stopAfter;
        o.force = force;
        o.dedup = !noDedup;
        o.warm = !cold;
        o.quiet = quiet;
        o.testsOnce = !compileTestsEachTime;
        return o;
    }

    private void positive(String option, int value) {
        if (value < 1) throw new ParameterException(spec.commandLine(), option + " must be >= 1, got " + value);
    }

    /** The options that {@code grade-class ARGS} gives (for callers that run {@link BatchGrade} themselves). */
    public static BatchGrade.Options parse(String... args) {
        GradeClassCommand c = new GradeClassCommand();
        new CommandLine(c).parseArgs(args);
        return c.options();
    }
}
