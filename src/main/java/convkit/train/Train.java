package convkit.train;

import convkit.data.Dataset;
import convkit.data.FashionMnist;
import convkit.models.LeNet;
import convkit.nn.Sequential;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code ./convkit train} runs (the command line, {@code convkit.cli.TrainCommand}, fills the {@link Options}):
 * trains LeNet on Fashion-MNIST and prints one line per epoch: loss, train accuracy, test accuracy, seconds.
 * Defaults are d2l's recipe (lr 0.9 for d2l, 0.1 for modern; batch 256; 10 epochs). {@code subset = N} trains on the
 * first N training images and tests on the first N/6 test images (at least 1). Several {@code seeds} (see
 * {@link SeedRuns#parse}) train the recipe once per seed, each from its own initialisation, then print a table of the
 * final test accuracies and their median, mean, minimum and maximum.
 */
public final class Train {
    private Train() {
    }

    /** The settings of one {@link #run}: the options of {@code ./convkit train}. */
    public static final class Options {
        /** {@code "d2l"} (sigmoid, average pooling) or {@code "modern"} (ReLU, max pooling); see {@link LeNet#byName}. */
        public String model = "d2l";
        public int epochs = 10;
        /** The learning rate; null: {@link #defaultLr(String)} of the model. */
        public Double lr;
        public int batch = 256;
        /** Train on the first {@code subset} training images (0: all of them). */
        public int subset;
        /** One run per seed, each seed drawing the weights and the shuffling (see {@link Trainer}). */
        public long[] seeds = {0};
        /** The dtype of training: float64 (the default) or float32 (PyTorch's; {@code LeNet...to(FLOAT32)}). */
        public convkit.Tensor.DType dtype = convkit.Tensor.DType.FLOAT64;
        /** The Fashion-MNIST folder; null: {@link FashionMnist#defaultDir()}. */
        public Path dataDir;
    }

    /** The default learning rate of a model: d2l's 0.9 for the sigmoid LeNet, 0.1 for the ReLU/max-pool one. */
    public static double defaultLr(String model) {
        return "modern".equalsIgnoreCase(model) ? 0.1 : 0.9;
    }

    /**
     * Trains as {@code o} says, printing on {@code out}; returns the histories, one per seed.
     *
     * @throws IllegalArgumentException for an unknown model or a setting the trainer rejects (before any data is read)
     * @throws IllegalStateException    when Fashion-MNIST is not installed (the message says how to install it)
     */
    public static SeedRuns run(Options o, PrintStream out) {
        if (o.seeds == null || o.seeds.length == 0) throw new IllegalArgumentException("no seed given");
        LeNet.byName(o.model, 0);   // rejects an unknown model before the data is read
        double rate = o.lr == null ? defaultLr(o.model) : o.lr;
        new Trainer(rate, o.batch, 0);   // and a bad learning rate or batch size
        long[] seeds = o.seeds;
        FashionMnist data = FashionMnist.load(o.dataDir);
        Dataset train = data.train(), test = data.test();
        if (o.subset > 0) {
            train = train.subset(Math.min(o.subset, train.size()));
            test = test.subset(Math.max(1, Math.min(test.size(), o.subset / 6)));
        }
        String seedText = seeds.length == 1 ? "seed " + seeds[0] : seeds.length + " seeds " + Arrays.toString(seeds);
        out.printf(Locale.ROOT, "LeNet %s%s: lr %s, batch %d, %d epochs, %s, %d train / %d test images, %d threads%n",
                o.model, o.dtype == convkit.Tensor.DType.FLOAT64 ? "" : " (" + o.dtype + ")", rate, o.batch, o.epochs, seedText, train.size(), test.size(), Runtime.getRuntime().availableProcessors());
        out.println(convkit.compute.Simd.describe());
        SeedRuns runs = new SeedRuns();
        for (long s : seeds) {
            String prefix = seeds.length == 1 ? "" : "seed " + s + "  ";
            Sequential net = LeNet.byName(o.model, s).to(o.dtype);
            History h = new Trainer(rate, o.batch, s).train(net, train, test, o.epochs, r -> {
                out.println(prefix + r.line());
                out.flush();
            });
            if (o.epochs > 0) {
                double mean = h.epochs().stream().mapToDouble(EpochResult::seconds).average().orElse(Double.NaN);
                out.printf(Locale.ROOT, "%sfinal test acc %.4f, mean %.2f s per training epoch%n", prefix,
                        h.last().testAcc(), mean);
                runs.add(s, h);
            }
        }
        if (seeds.length > 1 && o.epochs > 0) {
            out.println(runs.table().print());
            out.println(runs.summary());
        }
        return runs;
    }
}
