package convkit.train;

import convkit.Tensor;
import convkit.data.Batch;
import convkit.data.Dataset;
import convkit.models.LeNet;
import convkit.nn.Accuracy;
import convkit.nn.Layer;
import convkit.nn.SoftmaxCrossEntropy;
import convkit.nn.Parameter;
import convkit.nn.optim.Optimizer;
import convkit.nn.optim.Sgd;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Consumer;

/**
 * d2l's {@code train_ch6}: minibatch SGD on softmax cross-entropy, a shuffled pass over the training set per epoch,
 * then the test accuracy. Usable from a notebook cell:
 * <pre>{@code
 * var net = LeNet.d2l(0);
 * var data = FashionMnist.load();
 * History h = new Trainer(0.9, 256, 0).train(net, data.train(), data.test(), 10, r -> System.out.println(r.line()));
 * h.table();
 * }</pre>
 * The shuffling order is drawn from {@code new Random(shuffleSeed(seed))}, a new permutation every epoch: a stream of
 * its own, so that {@code LeNet.d2l(seed)} and {@code new Trainer(lr, batch, seed)} with the same seed do not replay
 * the same random numbers for the weights and for the order of the images (see {@link #shuffleSeed}).
 * The notebooks and {@code ./convkit train} use the recipe of d2l's earlier editions ({@code train_ch6}, lr 0.9,
 * batch 256), not d2l-en's current one (its {@code Trainer}: batch 128, lr 0.1), because the PyTorch reference runs
 * in {@code docs/lenet.md} were made with it; {@code new Trainer(0.1, 128, seed)} is the current one. When every layer
 * supports {@link Layer#replica()} (all of convkit's do), each step runs data-parallel ({@link DataParallel}: the
 * batch in two halves, one per core, gradients added); the result does not depend on the number of cores.
 *
 * <p>The network's dtype ({@link Layer#dtype()}, its first parameter's) is the dtype of training: a float32 network
 * ({@code LeNet.d2l(0).to(Tensor.DType.FLOAT32)}, PyTorch's default type) gets every batch converted to float32 and
 * is trained in float32 throughout (forward, backward, SGD); a float64 one as before.
 */
public final class Trainer {
    private final int batchSize;
    private final long seed;
    private final Function<List<Parameter>, Optimizer> optimizer;

    /**
     * @param lr        SGD learning rate (d2l: 0.9 for its sigmoid LeNet)
     * @param batchSize examples per step (d2l: 256)
     * @param seed      seeds the shuffling (through {@link #shuffleSeed})
     */
    public Trainer(double lr, int batchSize, long seed) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("lr must be positive and finite but was " + lr);
        if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be positive but was " + batchSize);
        this.batchSize = batchSize;
        this.seed = seed;
        this.optimizer = params -> new Sgd(params, lr);
    }

    /**
     * A trainer with another optimizer, e.g. {@code new Trainer(ps -> new Adam(ps, 0.001), 100, 0)} for DLFS 7.5's
     * SimpleConvNet. The optimizer is made once per {@link #train} call from the network's parameters.
     *
     * @param optimizer makes the optimizer from {@code net.parameters()}; must not be null
     * @param batchSize examples per step
     * @param seed      seeds the shuffling (through {@link #shuffleSeed})
     */
    public Trainer(Function<List<Parameter>, Optimizer> optimizer, int batchSize, long seed) {
        if (optimizer == null) throw new IllegalArgumentException("optimizer must not be null");
        if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be positive but was " + batchSize);
        this.batchSize = batchSize;
        this.seed = seed;
        this.optimizer = optimizer;
    }

    /**
     * Trains {@code net} in place for {@code epochs} epochs.
     *
     * @param onEpoch called after every epoch (e.g. to print {@link EpochResult#line()}); may be null
     * @return the history, one row per epoch
     */
    public History train(Layer net, Dataset train, Dataset test, int epochs, Consumer<EpochResult> onEpoch) {
        if (epochs < 0) throw new IllegalArgumentException("epochs must be >= 0 but was " + epochs);
        if (train == null || train.size() == 0) throw new IllegalArgumentException("the training set is empty");
        Optimizer sgd = optimizer.apply(net.parameters());
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        DataParallel parallel = DataParallel.supports(net) ? new DataParallel(net) : null;
        Random rng = new Random(shuffleSeed(seed));
        Tensor.DType dtype = net.dtype();
        History history = new History();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long t0 = System.nanoTime();
            double lossSum = 0;
            long correct = 0, seen = 0;
            for (Batch b : train.batches(batchSize, rng)) {
                sgd.zeroGrad();
                Tensor x = b.x().to(dtype);
                if (parallel != null) {
                    DataParallel.Step st = parallel.step(x, b.y());
                    lossSum += st.loss() * b.size();
                    correct += st.correct();
                } else {
                    Tensor logits = net.forward(x);
                    lossSum += loss.forward(logits, b.y()) * b.size();
                    correct += Accuracy.correct(logits, b.y());
                    net.backward(loss.backward());
                }
                seen += b.size();
                sgd.step();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            double testAcc = test == null ? Double.NaN : accuracy(net, test, Math.max(batchSize, 1000));
            double evalSeconds = (System.nanoTime() - t1) / 1e9;
            EpochResult r = new EpochResult(epoch, lossSum / seen, correct / (double) seen, testAcc, seconds, evalSeconds);
            history.add(r);
            if (onEpoch != null) onEpoch.accept(r);
        }
        return history;
    }

    /**
     * The seed of the shuffling stream for {@code seed}: the first output of SplitMix64 (Steele, Lea and Flood 2014,
     * the generator behind {@code java.util.SplittableRandom}) started at {@code seed}, written out here so that it
     * cannot change with the JDK. Using {@code seed} itself would make the shuffle replay the random numbers that
     * {@link LeNet} drew for the weights from {@code new Random(seed)}: the first swaps of epoch 1's permutation
     * (which images end up in its last batches) would be chosen by the same bits as conv1's weights.
     */
    public static long shuffleSeed(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The fraction of {@code data} that {@code net} classifies correctly, evaluated in batches of {@code batchSize}. */
    public static double accuracy(Layer net, Dataset data, int batchSize) {
        if (data == null || data.size() == 0) throw new IllegalArgumentException("the data set is empty");
        long correct = 0;
        Tensor.DType dtype = net.dtype();
        for (Batch b : data.batches(batchSize)) correct += Accuracy.correct(net.forward(b.x().to(dtype)), b.y());
        return correct / (double) data.size();
    }
}
