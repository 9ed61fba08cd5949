package convkit.cli;

import convkit.train.LastBatchProbe;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code probe-last-batch}: how much the last SGD step of a run moves the test accuracy ({@link LastBatchProbe}). */
@Command(name = "probe-last-batch",
        description = {"replay d2l LeNet's run to its last step; compare the real last batch with random ones",
                "Trains d2l's recipe (lr 0.9, batch 256, 10 epochs) up to the last step of the last epoch, then "
                        + "prints the test accuracy after the run's real last batch and after random batches of the "
                        + "same and of the full size applied to the same weights instead (about 2 minutes)."})
public final class ProbeLastBatchCommand implements Callable<Integer>, VectorModule.Fast {

    @Option(names = "--seed", paramLabel = "S", description = "the run's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--others", paramLabel = "N", description = "random batches of each size (default: ${DEFAULT-VALUE})")
    int others = 7;

    @Spec
    CommandSpec spec;

    @Override
    public void validate() {
        if (others < 0) throw new ParameterException(spec.commandLine(), "--others must be >= 0, got " + others);
    }

    @Override
    public Integer call() {
        validate();
        LastBatchProbe.report(seed, others);
        return 0;
    }
}
