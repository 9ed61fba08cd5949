package convkit.train;

import convkit.data.Dataset;
import convkit.data.FashionMnist;
import convkit.models.LeNet;
import convkit.nn.Sequential;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Command line trainer:
 * <pre>
 * java -cp target/classes:... convkit.train.Train [--model d2l|modern] [--epochs 10] [--lr 0.9] [--batch 256]
 *      [--subset N] [--seed 0 | --seeds 0-4] [--data-dir DIR]
 * </pre>
 * Prints one line per epoch: loss, train accuracy, test accuracy, seconds. Defaults are d2l's recipe (lr 0.9 for
 * d2l, 0.1 for modern; batch 256; 10 epochs). {@code --subset N} trains on the first N training images and tests on
 * the first N/6 test images (at least 1). {@code --seeds} (a range or a comma list, see {@link SeedRuns#parse})
 * trains the recipe once per seed, each from its own initialisation, then prints a table of the final test
 * accuracies and their median, mean, minimum and maximum.
 */
public final class Train {
    private Train() {
    }

    /** The default learning rate of a model: d2l's 0.9 for the sigmoid LeNet, 0.1 for the ReLU/max-pool one. */
    public static double defaultLr(String model) {
        return "modern".equalsIgnoreCase(model) ? 0.1 : 0.9;
    }

    public static void main(String[] args) {
        String model = "d2l", dataDir = null;
        int epochs = 10, batch = 256, subset = 0;
        long seed = 0;
        long[] seeds = null;
        boolean seedGiven = false;
        Double lr = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.println(usage());
                    return;
                }
                if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
                String v = args[++i];
                switch (a) {
                    case "--model" -> model = v;
                    case "--epochs" -> epochs = Integer.parseInt(v);
                    case "--lr" -> lr = Double.parseDouble(v);
                    case "--batch" -> batch = Integer.parseInt(v);
                    case "--subset" -> subset = Integer.parseInt(v);
                    case "--seed" -> {
                        seed = Long.parseLong(v);
                        seedGiven = true;
                    }
                    case "--seeds" -> seeds = SeedRuns.parse(v);
                    case "--data-dir" -> dataDir = v;
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            if (seedGiven && seeds != null) throw new IllegalArgumentException("give --seed or --seeds, not both");
            if (seeds == null) seeds = new long[] {seed};
            LeNet.byName(model, 0);   // rejects an unknown model before the data is read
            double rate = lr == null ? defaultLr(model) : lr;
            FashionMnist data = FashionMnist.load(dataDir == null ? null : Path.of(dataDir));
            Dataset train = data.train(), test = data.test();
            if (subset > 0) {
                train = train.subset(Math.min(subset, train.size()));
                test = test.subset(Math.max(1, Math.min(test.size(), subset / 6)));
            }
            String seedText = seeds.length == 1 ? "seed " + seeds[0] : seeds.length + " seeds " + Arrays.toString(seeds);
            System.out.printf(Locale.ROOT, "LeNet %s: lr %s, batch %d, %d epochs, %s, %d train / %d test images, %d threads%n",
                    model, rate, batch, epochs, seedText, train.size(), test.size(), Runtime.getRuntime().availableProcessors());
            System.out.println(convkit.compute.Simd.describe());
            SeedRuns runs = new SeedRuns();
            for (long s : seeds) {
                String prefix = seeds.length == 1 ? "" : "seed " + s + "  ";
                Sequential net = LeNet.byName(model, s);
                History h = new Trainer(rate, batch, s).train(net, train, test, epochs, r -> {
                    System.out.println(prefix + r.line());
                    System.out.flush();
                });
                if (epochs > 0) {
                    double mean = h.epochs().stream().mapToDouble(EpochResult::seconds).average().orElse(Double.NaN);
                    System.out.printf(Locale.ROOT, "%sfinal test acc %.4f, mean %.2f s per training epoch%n", prefix,
                            h.last().testAcc(), mean);
                    runs.add(s, h);
                }
            }
            if (seeds.length > 1 && epochs > 0) {
                System.out.println(runs.table().print());
                System.out.println(runs.summary());
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        }
    }

    static String usage() {
        return "usage: convkit.train.Train [--model d2l|modern] [--epochs 10] [--lr 0.9 (d2l) / 0.1 (modern)] "
                + "[--batch 256] [--subset N] [--seed 0 | --seeds 0-4] [--data-dir " + FashionMnist.DEFAULT_DIR + "]";
    }
}
