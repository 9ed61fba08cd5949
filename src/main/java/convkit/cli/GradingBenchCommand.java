package convkit.cli;

import convkit.bench.GradingBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code grading-bench}: times grading a generated class ({@link GradingBench}). */
@Command(name = "grading-bench",
        description = {"time grading N generated submissions (figures, not a test)",
                "A quarter are the solutions, the rest have 1-3 files left as stubs; every fifth is a zip."})
public final class GradingBenchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "N", arity = "0..1", defaultValue = "100", description = "submissions (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--jobs", paramLabel = "J", description = "submissions graded at once (default: ${DEFAULT-VALUE})")
    int jobs = 2;

    @Option(names = "--cold", description = "kept for old scripts: every submission gets a fresh JVM anyway")
    boolean cold;

    @Option(names = "--keep", description = "keep the generated class and its gradebook (the folder is printed)")
    boolean keep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (n < 1) throw new ParameterException(spec.commandLine(), "N must be >= 1, got " + n);
        if (jobs < 1) throw new ParameterException(spec.commandLine(), "--jobs must be >= 1, got " + jobs);
        GradingBench.Options o = new GradingBench.Options();
        o.n = n;
        o.jobs = jobs;
        o.cold = cold;
        o.keep = keep;
        GradingBench.run(o);
        return 0;
    }
}
