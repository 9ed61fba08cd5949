package convkit.cli;

import convkit.bench.ConvBench;
import convkit.bench.LeNetBench;
import convkit.bench.PeakBench;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code bench}: the speed benchmarks (mains that print figures, never tests), one sub-command per benchmark. */
@Command(name = "bench", synopsisSubcommandLabel = "lenet|conv|peak",
        subcommands = {BenchCommand.Lenet.class, BenchCommand.Conv.class, BenchCommand.Peak.class},
        description = {"benchmarks: bench lenet (seconds per training epoch), bench conv (convolution, pooling), "
                + "bench peak (FMA peak, GEMM as a fraction of it)",
                "Figures, not tests: quote them with the command, the machine and its load average (uptime)."})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "bench needs a benchmark: lenet, conv or peak");
    }

    /** {@code bench lenet} ({@link LeNetBench}). */
    @Command(name = "lenet", sortOptions = false,
            description = {"LeNet: seconds per training epoch (60,000 images, after a warm-up epoch), inference images/s",
                    "On random images of the same size when Fashion-MNIST is not installed."})
    public static final class Lenet implements Callable<Integer>, VectorModule.Fast {
        @Option(names = "--model", paramLabel = "d2l|modern", description = "the LeNet (default: ${DEFAULT-VALUE})")
        TrainCommand.Model model = TrainCommand.Model.d2l;

        @Option(names = "--dtype", paramLabel = "float64|float32", description = "the type of training: float64, "
                + "or float32 as PyTorch trains (default: ${DEFAULT-VALUE})")
        TrainCommand.Dtype dtype = TrainCommand.Dtype.float64;

        @Option(names = "--epochs", paramLabel = "N", description = "timed epochs after the warm-up (default: ${DEFAULT-VALUE})")
        int epochs = 2;

        @Option(names = "--batch", paramLabel = "N", description = "batch size (default: ${DEFAULT-VALUE})")
        int batch = 256;

        @Option(names = "--layers", description = "also the time in each layer's forward and backward, over one more epoch")
        boolean layers;

        @picocli.CommandLine.Mixin
        TorchOptions torch = new TorchOptions();

        @Spec
        CommandSpec spec;

        @Override
        public void validate() {
            if (epochs < 0) throw new ParameterException(spec.commandLine(), "--epochs must be >= 0, got " + epochs);
            if (batch < 1) throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }

        @Override
        public Integer call() {
            validate();
            LeNetBench.Options o = new LeNetBench.Options();
            o.model = model.name();
            o.epochs = epochs;
            o.batch = batch;
            o.layers = layers;
            o.dtype = convkit.Tensor.DType.parse(dtype.name());
            o.torch = torch.reference(spec);
            LeNetBench.run(o);
            return 0;
        }
    }

    /** {@code bench conv} ({@link ConvBench}). */
    @Command(name = "conv",
            description = {"conv2d forward and forward+backward, max and average pooling, on the five NCHW shapes",
                    "Shapes: 1 = 256x1x28x28 -> 6 k5 p2, 2 = 256x6x14x14 -> 16 k5, 3 = 64x64x56x56 -> 64 k3 p1, "
                            + "4 = 32x3x224x224 -> 64 k11 s4 p2, 5 = 64x256x28x28 -> 128 k1. Each figure is the median "
                            + "of REPS timed runs after warm-up runs."})
    public static final class Conv implements Callable<Integer>, VectorModule.Fast {
        @Parameters(index = "0", paramLabel = "REPS", arity = "0..1", defaultValue = "7",
                description = "timed runs per figure (default: ${DEFAULT-VALUE})")
        int reps;

        @Parameters(index = "1..*", paramLabel = "SHAPE", arity = "0..*", description = "shape numbers, as listed above (default: all)")
        List<Integer> shapes = new ArrayList<>();

        @picocli.CommandLine.Mixin
        TorchOptions torch = new TorchOptions();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            validate();
            ConvBench.run(reps, torch.reference(spec), shapes.stream().mapToInt(Integer::intValue).toArray());
            return 0;
        }

        @Override
        public void validate() {
            if (reps < 1) throw new ParameterException(spec.commandLine(), "REPS must be >= 1, got " + reps);
            for (int s : shapes) {
                if (s < 1 || s > ConvBench.SHAPE_COUNT) {
                    throw new ParameterException(spec.commandLine(), "SHAPE numbers are 1 to " + ConvBench.SHAPE_COUNT + ", got " + s);
                }
            }
        }
    }

    /** {@code --torch PYTHON} and {@code --torch-script FILE}: PyTorch's figures side by side, and the ratios. */
    static final class TorchOptions {
        @Option(names = "--torch", paramLabel = "PYTHON", description = "a Python with torch: run the reference method "
                + "(torch_baseline.py) on the same work first and print convkit / PyTorch ratios")
        java.nio.file.Path python;

        @Option(names = "--torch-script", paramLabel = "FILE", description = "the reference script (default: "
                + "shared/bench/torch_baseline.py beside the checkout or one folder above it)")
        java.nio.file.Path script;

        /** The reference, or null without {@code --torch}; a missing file is a usage error. */
        convkit.bench.TorchReference reference(CommandSpec spec) {
            if (python == null) return null;
            java.nio.file.Path s = script;
            if (s == null) {   // shared/ beside the checkout, or beside the folder of worktrees it sits in
                java.nio.file.Path root = Home.root().toAbsolutePath().normalize();
                s = root.resolve("../shared/bench/torch_baseline.py").normalize();
                java.nio.file.Path up = root.resolve("../../shared/bench/torch_baseline.py").normalize();
                if (!java.nio.file.Files.isRegularFile(s) && java.nio.file.Files.isRegularFile(up)) s = up;
            }
            try {
                return new convkit.bench.TorchReference(python, s);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    /** {@code bench peak} ({@link PeakBench}). */
    @Command(name = "peak",
            description = {"the measured FMA peak (GFLOP/s, float64 and float32, one core and all) and the GEMM's "
                    + "GFLOP/s on N x N . N x N as a fraction of it"})
    public static final class Peak implements Callable<Integer>, VectorModule.Fast {
        @Parameters(index = "0", paramLabel = "N", arity = "0..1", defaultValue = "2048",
                description = "matrix size (default: ${DEFAULT-VALUE})")
        int n;

        @Option(names = "--reps", paramLabel = "N", description = "timed GEMM runs per figure (default: ${DEFAULT-VALUE})")
        int reps = 5;

        @Spec
        CommandSpec spec;

        @Override
        public void validate() {
            if (n < 1) throw new ParameterException(spec.commandLine(), "N must be >= 1, got " + n);
            if (reps < 1) throw new ParameterException(spec.commandLine(), "--reps must be >= 1, got " + reps);
        }

        @Override
        public Integer call() {
            validate();
            PeakBench.run(n, reps);
            return 0;
        }
    }
}
