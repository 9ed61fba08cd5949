package convkit.train;

import convkit.Tensor;
import convkit.compute.ThreadPool;
import convkit.nn.Accuracy;
import convkit.nn.Layer;
import convkit.nn.Parameter;
import convkit.nn.SoftmaxCrossEntropy;
import convkit.nn.optim.Sgd;

import java.util.Arrays;
import java.util.List;

/**
 * One training step of a classifier, data-parallel: the batch is cut into {@link #SHARDS} contiguous sub-batches,
 * each goes through forward, softmax cross-entropy and backward on its own {@link Layer#replica() replica} of the
 * network (all replicas share the parameter values), and the replicas' gradients are added into the network's.
 *
 * <p>Why: a whole sub-batch through the whole network on one core keeps its activations in that core's caches and
 * needs no synchronisation inside the layers; splitting every layer's work over the cores instead (what the layers
 * do on their own) leaves a core idle while arrays are allocated and between layers.
 *
 * <p>The result is the gradient of the mean loss over the whole batch, as a single forward/backward would give, up
 * to rounding (the sum is taken per shard, then shard 0 + shard 1 + ...). The network itself only receives the
 * gradients: the forward and backward passes run on replicas private to this object, whose layers reuse their
 * output arrays from one step to the next, so a step allocates almost nothing. The number of shards is fixed, not the
 * number of cores, so results are the same on every machine; on one core the shards simply run one after the other.
 */
public final class DataParallel {
    /** Sub-batches per step. */
    public static final int SHARDS = 2;

    private final Layer net;
    private final Layer[] models = new Layer[SHARDS];
    private final SoftmaxCrossEntropy[] losses = new SoftmaxCrossEntropy[SHARDS];

    /** Loss (mean over the batch) and number of correct predictions of one step. */
    public record Step(double loss, long correct) {
    }

    /**
     * @param net the network to train; its parameters receive the gradients
     * @throws UnsupportedOperationException if a layer of {@code net} cannot be replicated (see {@link #supports})
     */
    public DataParallel(Layer net) {
        if (net == null) throw new IllegalArgumentException("net must not be null");
        this.net = net;
        for (int s = 0; s < SHARDS; s++) {
            models[s] = net.replica();
            models[s].reuseArrays();   // their outputs never leave step(): each layer may reuse its arrays
        }
        for (int s = 0; s < SHARDS; s++) losses[s] = new SoftmaxCrossEntropy();
    }

    /** Whether every layer of {@code net} supports {@link Layer#replica()}. */
    public static boolean supports(Layer net) {
        try {
            net.replica();
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * Forward and backward of the mean softmax cross-entropy over the batch. ADDS the gradient into the network's
     * parameter gradients (zero them before, e.g. {@link Sgd#zeroGrad()}); the parameter values are not modified.
     *
     * @param x input batch {@code (N, ...)}, not modified; of the network's dtype (float32 for a float32 network)
     * @param y labels, length N
     */
    public Step step(Tensor x, int[] y) {
        if (x == null || x.rank() < 1) throw new IllegalArgumentException("x must be a batch (N, ...) but was " + (x == null ? "null" : Arrays.toString(x.shape())));
        int n = x.dim(0);
        if (y == null || y.length != n) {
            throw new IllegalArgumentException("y must have one label per example of x " + Arrays.toString(x.shape())
                    + " but had " + (y == null ? "null" : y.length));
        }
        if (n == 0) throw new IllegalArgumentException("x " + Arrays.toString(x.shape()) + " holds no examples");
        int shards = Math.min(SHARDS, n);
        int per = x.size() / n;
        int[] shape = x.shape();
        double[] lossSums = new double[shards];
        long[] correct = new long[shards];
        ThreadPool.forRange(shards, true, (s0, s1) -> {
            for (int s = s0; s < s1; s++) {
                int from = (int) ((long) n * s / shards), to = (int) ((long) n * (s + 1) / shards);
                int[] sh = shape.clone();
                sh[0] = to - from;
                Tensor xs = x.dtype() == Tensor.DType.FLOAT32
                        ? Tensor.wrap(Arrays.copyOfRange(x.floatData(), from * per, to * per), sh)
                        : Tensor.wrap(Arrays.copyOfRange(x.data(), from * per, to * per), sh);
                int[] ys = Arrays.copyOfRange(y, from, to);
                Layer m = models[s];
                Tensor logits = m.forward(xs);
                lossSums[s] = losses[s].forward(logits, ys) * (to - from);
                correct[s] = Accuracy.correct(logits, ys);
                Tensor g = losses[s].backward();               // (softmax - onehot) / n_s
                double scale = (to - from) / (double) n;       // -> / n: the gradient of the batch mean
                if (g.dtype() == Tensor.DType.FLOAT32) {
                    float[] gd = g.floatData();
                    for (int i = 0; i < gd.length; i++) gd[i] = (float) (gd[i] * scale);
                } else {
                    double[] gd = g.data();
                    for (int i = 0; i < gd.length; i++) gd[i] *= scale;
                }
                m.zeroGrad();
                m.backward(g);
            }
        });
        List<Parameter> main = net.parameters();
        for (int s = 0; s < shards; s++) {
            List<Parameter> rep = models[s].parameters();
            for (int i = 0; i < main.size(); i++) {
                Tensor ga = main.get(i).grad(), gb = rep.get(i).grad();
                if (ga.dtype() == Tensor.DType.FLOAT32) {
                    float[] a = ga.floatData(), b = gb.floatData();
                    for (int k = 0; k < a.length; k++) a[k] += b[k];
                } else {
                    double[] a = ga.data(), b = gb.data();
                    for (int k = 0; k < a.length; k++) a[k] += b[k];
                }
            }
        }
        double loss = 0;
        long right = 0;
        for (int s = 0; s < shards; s++) {
            loss += lossSums[s];
            right += correct[s];
        }
        return new Step(loss / n, right);
    }

    /** The network whose parameters are trained. */
    public Layer net() {
        return net;
    }
}
