package convkit.cli;

import convkit.data.FashionMnist;
import convkit.train.SeedRuns;
import convkit.train.Train;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code train}: LeNet on Fashion-MNIST ({@link Train#run}). */
@Command(name = "train", sortOptions = false,
        description = {"train LeNet on Fashion-MNIST, a line per epoch (--seeds: once per seed, then the spread)",
                "Prints per epoch the training loss, training accuracy, test accuracy (10,000 images) and seconds. "
                        + "Defaults: d2l's recipe (lr 0.9 for d2l, 0.1 for modern; batch 256; 10 epochs; seed 0)."})
public final class TrainCommand implements Callable<Integer>, VectorModule.Fast {

    /** The two LeNets of {@code convkit.models.LeNet}. */
    enum Model { d2l, modern }

    @Option(names = "--model", paramLabel = "d2l|modern", description = "d2l: sigmoid and average pooling, as in the book; "
            + "modern: ReLU and max pooling (default: ${DEFAULT-VALUE})")
    Model model = Model.d2l;

    @Option(names = "--epochs", paramLabel = "N", description = "training epochs (default: ${DEFAULT-VALUE})")
    int epochs = 10;

    @Option(names = "--lr", paramLabel = "R", description = "learning rate (default: 0.9 for d2l, 0.1 for modern)")
    Double lr;

    @Option(names = "--batch", paramLabel = "N", description = "batch size (default: ${DEFAULT-VALUE})")
    int batch = 256;

    @Option(names = "--dtype", paramLabel = "float64|float32", description = "the type the layers and the trainer "
            + "compute in: float64, or float32 as PyTorch does (default: ${DEFAULT-VALUE})")
    Dtype dtype = Dtype.float64;

    /** The two dtypes of training ({@code convkit.Tensor.DType}). */
    enum Dtype { float64, float32 }

    @ArgGroup(exclusive = true)
    Seeds seeds = new Seeds();

    static final class Seeds {
        @Option(names = "--seed", paramLabel = "S", description = "seed of the weights and the shuffling (default: 0)")
        Long seed;

        @Option(names = "--seeds", paramLabel = "LIST",
                description = "train once per seed, e.g. 0-4 or 0,3,7, then print the final accuracies and their spread")
        String seeds;
    }

    @Option(names = "--subset", paramLabel = "N", description = "train on the first N training images and test on the "
            + "first N/6 (default: all)")
    int subset;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the Fashion-MNIST folder (default: "
            + FashionMnist.DEFAULT_DIR + ", or -D" + FashionMnist.PROPERTY + " / " + FashionMnist.ENV + ")")
    Path dataDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Train.run(options(), System.out);
        return 0;
    }

    @Override
    public void validate() {
        options();
    }

    /** The options as {@link Train#run} takes them; a value out of range is a usage error. */
    Train.Options options() {
        if (epochs < 0) throw new ParameterException(spec.commandLine(), "--epochs must be >= 0, got " + epochs);
        if (batch < 1) throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        if (subset < 0) throw new ParameterException(spec.commandLine(), "--subset must be >= 0, got " + subset);
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw new ParameterException(spec.commandLine(), "--lr must be positive and finite, got " + lr);
        }
        Train.Options o = new Train.Options();
        o.model = model.name();
        o.epochs = epochs;
        o.lr = lr;
        o.batch = batch;
        o.subset = subset;
        o.dtype = convkit.Tensor.DType.parse(dtype.name());
        try {
            o.seeds = seeds.seeds != null ? SeedRuns.parse(seeds.seeds) : new long[] {seeds.seed == null ? 0 : seeds.seed};
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        o.dataDir = dataDir;
        return o;
    }
}
