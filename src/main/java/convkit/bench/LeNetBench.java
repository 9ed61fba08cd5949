package convkit.bench;

import convkit.Tensor;
import convkit.data.Batch;
import convkit.data.Dataset;
import convkit.data.FashionMnist;
import convkit.models.LeNet;
import convkit.nn.Layer;
import convkit.nn.Sequential;
import convkit.nn.SoftmaxCrossEntropy;
import convkit.nn.optim.Sgd;
import convkit.train.Train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * LeNet speed on Fashion-MNIST (falls back to random images when the data set is not installed):
 * <pre>
 * ./convkit bench lenet [--model d2l|modern] [--dtype float64|float32] [--epochs 2] [--batch 256] [--layers]
 * </pre>
 * Prints seconds per training epoch (60,000 images, batch 256; the first epoch includes JIT warm-up and is
 * reported separately), the process CPU time per epoch (on a machine shared with other work, CPU time divided by
 * the number of cores is the better estimate of the idle-machine figure), and inference images per second on the
 * 10,000 test images. Training steps run as {@link convkit.train.Trainer} runs them ({@link convkit.train.DataParallel}). {@code --layers} adds the time
 * spent in each layer's forward and backward over one more epoch.
 */
public final class LeNetBench {
    private LeNetBench() {
    }

    /** The settings of one {@link #run}: the options of {@code ./convkit bench lenet}. */
    public static final class Options {
        /** {@code "d2l"} or {@code "modern"} (see {@link LeNet#byName}). */
        public String model = "d2l";
        /** Timed training epochs after the warm-up epoch. */
        public int epochs = 2;
        public int batch = 256;
        /** Also time each layer's forward and backward over one more epoch. */
        public boolean layers;
        /** When not null: PyTorch's d2l LeNet is timed first, and the ratio printed. */
        public TorchReference torch;
        /** The dtype of training: float64 (the default) or float32 (PyTorch's; see {@link Tensor#to}). */
        public Tensor.DType dtype = Tensor.DType.FLOAT64;
    }

    /** Runs the benchmark and prints its figures on standard output. */
    public static void run(Options o) {
        String model = o.model;
        int epochs = o.epochs, batch = o.batch;
        boolean layers = o.layers;
        LeNet.byName(model, 0);   // an unknown model fails before the data is read
        Dataset train, test;
        if (FashionMnist.isInstalled(FashionMnist.defaultDir())) {
            FashionMnist data = FashionMnist.load();
            train = data.train();
            test = data.test();
        } else {
            System.out.println("Fashion-MNIST not installed: timing on random images of the same size");
            train = Dataset.random(60_000, 1);
            test = Dataset.random(10_000, 2);
        }
        double torchEpoch = Double.NaN;
        if (o.torch != null) {
            if (!model.equals("d2l") || batch != 256) {
                throw new IllegalArgumentException("--torch compares d2l's recipe: --model d2l --batch 256");
            }
            torchEpoch = o.torch.lenetEpoch(Runtime.getRuntime().availableProcessors(), Math.max(2, epochs + 1));
        }
        Sequential net = LeNet.byName(model, 0).to(o.dtype);
        double lr = Train.defaultLr(model);
        System.out.printf(Locale.ROOT, "LeNet %s, %s, batch %d, %d training images, %d threads, Java %s%n", model, o.dtype,
                batch, train.size(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println(convkit.compute.Simd.describe());
        Random rng = new Random(0);
        List<Double> times = new ArrayList<>(), cpus = new ArrayList<>();
        for (int e = 0; e <= epochs; e++) {
            double c0 = cpuSeconds();
            double s = epoch(net, train, batch, lr, rng, null);
            double cpu = cpuSeconds() - c0;
            times.add(s);
            cpus.add(cpu);
            System.out.printf(Locale.ROOT, "%s epoch: %.2f s (process CPU %.2f s)%n", e == 0 ? "warm-up" : "training", s, cpu);
        }
        double mean = times.subList(1, times.size()).stream().mapToDouble(Double::doubleValue).average().orElse(times.get(0));
        double meanCpu = cpus.subList(1, cpus.size()).stream().mapToDouble(Double::doubleValue).average().orElse(cpus.get(0));
        System.out.printf(Locale.ROOT, "seconds per training epoch: %.2f (mean of %d after warm-up; process CPU %.2f s per epoch,"
                + " so on %d otherwise idle cores at best %.2f s)%n", mean, epochs, meanCpu,
                Runtime.getRuntime().availableProcessors(), meanCpu / Runtime.getRuntime().availableProcessors());
        if (o.torch != null) {
            System.out.printf(Locale.ROOT, "%s d2l LeNet (float32, %d threads): %.2f s per training epoch (median after the "
                            + "first); convkit %s / PyTorch = %.2f%n", TorchReference.describe(o.torch.lastReport()),
                    Runtime.getRuntime().availableProcessors(), torchEpoch, o.dtype, mean / torchEpoch);
        }
        for (int r = 0; r < 2; r++) {
            long t0 = System.nanoTime();
            for (Batch b : test.batches(1000)) net.forward(b.x().to(o.dtype));
            double s = (System.nanoTime() - t0) / 1e9;
            if (r == 1) System.out.printf(Locale.ROOT, "inference: %.0f images/s (batch 1000)%n", test.size() / s);
        }
        if (layers) {
            long[] nanos = new long[2 * net.size()];
            epoch(net, train, batch, lr, rng, nanos);
            System.out.println("time per layer over one epoch (forward / backward, seconds):");
            for (int i = 0; i < net.size(); i++) {
                System.out.printf(Locale.ROOT, "  %-50s %6.2f / %6.2f%n", net.get(i), nanos[2 * i] / 1e9, nanos[2 * i + 1] / 1e9);
            }
        }
    }

    private static double epoch(Sequential net, Dataset train, int batch, double lr, Random rng, long[] nanos) {
        Sgd sgd = new Sgd(net.parameters(), lr);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        convkit.train.DataParallel parallel = nanos == null ? new convkit.train.DataParallel(net) : null;
        long t0 = System.nanoTime();
        for (Batch b : train.batches(batch, rng)) {
            if (nanos == null) {           // what Trainer does: data-parallel halves, one per core
                sgd.zeroGrad();
                parallel.step(b.x().to(net.dtype()), b.y());
                sgd.step();
                continue;
            }
            // --layers: the layers one by one (each splitting its own work over the cores), timed separately
            Tensor h = b.x().to(net.dtype());
            for (int i = 0; i < net.size(); i++) {
                long t = System.nanoTime();
                h = net.get(i).forward(h);
                nanos[2 * i] += System.nanoTime() - t;
            }
            loss.forward(h, b.y());
            sgd.zeroGrad();
            Tensor g = loss.backward();
            for (int i = net.size() - 1; i >= 0; i--) {
                long t = System.nanoTime();
                Layer l = net.get(i);
                g = l.backward(g);
                nanos[2 * i + 1] += System.nanoTime() - t;
            }
            sgd.step();
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** CPU time of the whole process (all threads), or NaN where the JVM does not report it. */
    private static double cpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1e9;
        return Double.NaN;
    }

}
