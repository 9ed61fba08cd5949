package convkit.train;

import convkit.data.Batch;
import convkit.data.Dataset;
import convkit.data.FashionMnist;
import convkit.models.LeNet;
import convkit.nn.Layer;
import convkit.nn.Parameter;
import convkit.nn.optim.Sgd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * How much does the last SGD step of a run move the test accuracy? Replays {@link Trainer} (same shuffling stream,
 * same data-parallel steps, so the same weights) up to the last step of the last epoch, then applies to those weights
 * the run's real last batch and {@code others} random batches of that size and of the full batch size, and reports
 * the test accuracy after each. Command line (d2l's recipe, Fashion-MNIST; see {@link #report}):
 * <pre>
 * ./convkit probe-last-batch [--seed 0] [--others 7]
 * </pre>
 */
public final class LastBatchProbe {
    private LastBatchProbe() {
    }

    /**
     * The test accuracies around the last step.
     *
     * @param before    before the last step
     * @param last      after the run's real last step (what {@link Trainer} reports)
     * @param lastSize  the size of the run's last batch
     * @param sameSize  after a random batch of {@code lastSize} instead, one per draw
     * @param fullSize  after a random batch of the full batch size instead, one per draw
     */
    public record Result(double before, double last, int lastSize, double[] sameSize, double[] fullSize) {
    }

    /**
     * Trains {@code net} in place as {@code new Trainer(lr, batchSize, seed).train(net, train, test, epochs, null)}
     * would, except that the last step is probed as described above; {@code net} ends with the real last step applied.
     * The random batches are drawn without replacement from {@code train} with {@code new Random(probeSeed)}.
     */
    public static Result run(Layer net, Dataset train, Dataset test, double lr, int batchSize, long seed, int epochs,
                             int others, long probeSeed) {
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1 but was " + epochs);
        if (others < 0) throw new IllegalArgumentException("others must be >= 0 but was " + others);
        Sgd sgd = new Sgd(net.parameters(), lr);
        DataParallel parallel = new DataParallel(net);
        Random rng = new Random(Trainer.shuffleSeed(seed));
        int steps = train.batchCount(batchSize);
        Batch last = null;
        for (int e = 1; e <= epochs; e++) {
            int i = 0;
            for (Batch b : train.batches(batchSize, rng)) {
                if (e == epochs && ++i == steps) {
                    last = b;
                    break;
                }
                step(sgd, parallel, b);
            }
        }
        int evalBatch = Math.max(batchSize, 1000);
        double before = Trainer.accuracy(net, test, evalBatch);
        List<double[]> weights = new ArrayList<>();
        for (Parameter p : net.parameters()) weights.add(p.value().data().clone());
        Random draw = new Random(probeSeed);
        double[] same = new double[others], full = new double[others];
        for (int r = 0; r < 2 * others; r++) {
            int size = r < others ? last.size() : Math.min(batchSize, train.size());
            restore(net, weights);
            step(sgd, parallel, train.batch(Arrays.copyOf(Dataset.permutation(train.size(), draw), size)));
            (r < others ? same : full)[r % others] = Trainer.accuracy(net, test, evalBatch);
        }
        restore(net, weights);
        step(sgd, parallel, last);
        return new Result(before, Trainer.accuracy(net, test, evalBatch), last.size(), same, full);
    }

    private static void step(Sgd sgd, DataParallel parallel, Batch b) {
        sgd.zeroGrad();
        parallel.step(b.x(), b.y());
        sgd.step();
    }

    private static void restore(Layer net, List<double[]> weights) {
        List<Parameter> ps = net.parameters();
        for (int i = 0; i < ps.size(); i++) {
            double[] w = weights.get(i);
            System.arraycopy(w, 0, ps.get(i).value().data(), 0, w.length);
        }
    }

    /**
     * What {@code ./convkit probe-last-batch} prints: {@link #run} on d2l's recipe (lr 0.9, batch 256, 10 epochs) with
     * {@code seed} and {@code others} random batches of each size, on Fashion-MNIST.
     */
    public static void report(long seed, int others) {
        if (others < 0) throw new IllegalArgumentException("others must be >= 0 but was " + others);
        FashionMnist data = FashionMnist.load();
        Result r = run(LeNet.d2l(seed), data.train(), data.test(), 0.9, 256, seed, 10, others, 12345);
        System.out.printf(Locale.ROOT, "d2l LeNet, seed %d, epoch 10: test acc %.4f before the last step, %.4f after it (batch of %d)%n",
                seed, r.before(), r.last(), r.lastSize());
        System.out.printf(Locale.ROOT, "  instead, %d random batches of %d: %s%n", others, r.lastSize(), fmt(r.sameSize()));
        System.out.printf(Locale.ROOT, "  instead, %d random batches of 256: %s%n", others, fmt(r.fullSize()));
    }

    private static String fmt(double[] a) {
        StringBuilder sb = new StringBuilder();
        for (double v : a) sb.append(String.format(Locale.ROOT, "%.4f ", v));
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length == 0 ? "-" : sb + String.format(Locale.ROOT, "(%.4f-%.4f)", s[0], s[s.length - 1]);
    }
}
