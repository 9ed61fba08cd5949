package convkit.bench;

import convkit.Tensor;
import convkit.nn.AvgPool2D;
import convkit.nn.Conv2D;
import convkit.nn.MaxPool2D;
import convkit.ops.Convolution;
import java.util.Arrays;
import java.util.Random;

/**
 * Benchmark of the fast path on the NCHW shapes of issue 2: milliseconds and GFLOP/s of conv2d forward and
 * forward+backward (dx, dW, db), and milliseconds of 2x2 stride-2 max and average pooling (forward, and
 * forward+backward) on the same inputs. Each figure is the median of several timed runs after warm-up runs.
 *
 * <p>Run: {@code ./convkit bench conv [REPS] [SHAPE...]} (shape numbers 1..5, in the order above).
 * FLOPs count 2 per multiply-add: forward {@code 2*N*F*outH*outW*(C/groups)*kh*kw}, forward+backward three times that.
 */
public final class ConvBench {
    private ConvBench() {
    }

    private record Shape(int n, int c, int h, int w, int f, int k, int stride, int pad) {
        @Override
        public String toString() {
            return n + "x" + c + "x" + h + "x" + w + " -> " + f + ", k" + k + (stride != 1 ? " s" + stride : "")
                    + (pad != 0 ? " p" + pad : "");
        }
    }

    private static final Shape[] SHAPES = {
            new Shape(256, 1, 28, 28, 6, 5, 1, 2),
            new Shape(256, 6, 14, 14, 16, 5, 1, 0),
            new Shape(64, 64, 56, 56, 64, 3, 1, 1),
            new Shape(32, 3, 224, 224, 64, 11, 4, 2),
            new Shape(64, 256, 28, 28, 128, 1, 1, 0),
    };

    /** The names of the same shapes in {@code torch_baseline.py}'s report. */
    private static final String[] TORCH_NAMES = {"lenet_c1", "lenet_c2", "mid", "alex_c1", "pointwise"};

    /** How many shapes {@link #run} knows (numbered 1 to this). */
    public static final int SHAPE_COUNT = SHAPES.length;

    /**
     * Times the shapes numbered in {@code shapes} (1 to {@link #SHAPE_COUNT}; none: all of them), each figure the
     * median of {@code reps} runs, and prints the table on standard output.
     */
    public static void run(int reps, int... shapes) {
        run(reps, null, shapes);
    }

    /**
     * Like {@link #run(int, int...)}; with {@code torch} not null, first runs PyTorch's reference on the same shapes
     * and the same number of threads, then prints, after convkit's table, the forward+backward ratios convkit / PyTorch
     * (float64) and their geometric mean.
     */
    public static void run(int reps, TorchReference torch, int... shapes) {
        int threads = Runtime.getRuntime().availableProcessors();
        java.util.Map<String, Double> ref = torch == null ? null : torch.convFwdBwd(threads, "float64");
        double[] mine = new double[SHAPES.length];
        if (reps < 1) throw new IllegalArgumentException("reps must be >= 1 but was " + reps);
        boolean[] pick = new boolean[SHAPES.length];
        for (int s : shapes) {
            if (s < 1 || s > SHAPES.length) {
                throw new IllegalArgumentException("shape numbers are 1 to " + SHAPES.length + " but one was " + s);
            }
            pick[s - 1] = true;
        }
        if (shapes.length == 0) Arrays.fill(pick, true);
        System.out.printf("convkit ConvBench: %d cores, Java %s, median of %d runs (after warm-up), float64%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), reps);
        System.out.println(convkit.compute.Simd.describe());
        System.out.println("wall ms = median wall time; cpu ms = median CPU time of the process (all threads), which is");
        System.out.println("what an otherwise idle machine needs in total: on 2 free cores wall is about cpu/2 when parallel.");
        System.out.printf("%-32s %9s %8s %8s %11s %9s %8s %9s %11s %9s %11s%n", "shape (NCHW -> F)", "fwd ms", "GFLOP/s",
                "fwd cpu", "f+b ms", "GFLOP/s", "f+b cpu", "max ms", "max f+b ms", "avg ms", "avg f+b ms");
        for (int s = 0; s < SHAPES.length; s++) {
            if (!pick[s]) continue;
            Shape sh = SHAPES[s];
            Tensor x = random(1, sh.n, sh.c, sh.h, sh.w);
            Tensor w = random(2, sh.f, sh.c, sh.k, sh.k);
            Tensor b = random(3, sh.f);
            int[] st = {sh.stride}, pd = {sh.pad};
            Conv2D layer = Conv2D.fromWeights(w, b).stride(sh.stride).padding(sh.pad).build();
            Tensor y = layer.forward(x);
            Tensor dy = random(4, y.shape());
            int oh = y.dim(2), ow = y.dim(3);
            double flops = 2.0 * sh.n * sh.f * oh * ow * sh.c * sh.k * sh.k;
            double fwd = median(reps, () -> Convolution.conv2d(x, w, b, st, pd, null, 1));
            double fwdCpu = lastCpu;
            double both = median(reps, () -> {
                layer.forward(x);
                layer.backward(dy);
            });
            double bothCpu = lastCpu;
            MaxPool2D mp = MaxPool2D.of(2).stride(2).build();
            AvgPool2D ap = AvgPool2D.of(2).stride(2).build();
            Tensor py = mp.forward(x);
            Tensor pdy = random(5, py.shape());
            double max = median(reps, () -> mp.forward(x));
            double maxBoth = median(reps, () -> {
                mp.forward(x);
                mp.backward(pdy);
            });
            double avg = median(reps, () -> ap.forward(x));
            double avgBoth = median(reps, () -> {
                ap.forward(x);
                ap.backward(pdy);
            });
            System.out.printf("%-32s %9.1f %8.1f %8.1f %11.1f %9.1f %8.1f %9.2f %11.2f %9.2f %11.2f%n", sh, fwd,
                    flops / fwd / 1e6, fwdCpu, both, 3 * flops / both / 1e6, bothCpu, max, maxBoth, avg, avgBoth);
            mine[s] = both;
        }
        if (ref == null) return;
        System.out.printf(java.util.Locale.ROOT, "%nconv2d float64 forward+backward, convkit vs %s, %d threads, in one run:%n",
                TorchReference.describe(torch.lastReport()), threads);
        System.out.printf(java.util.Locale.ROOT, "%-32s %12s %12s %8s%n", "shape", "convkit ms", "PyTorch ms", "ratio");
        double logSum = 0;
        int count = 0;
        for (int s = 0; s < SHAPES.length; s++) {
            if (!pick[s]) continue;
            Double t = ref.get(TORCH_NAMES[s]);
            if (t == null) throw new IllegalStateException("the PyTorch report has no float64 " + TORCH_NAMES[s] + " at " + threads + " threads");
            double ratio = mine[s] / t;
            logSum += Math.log(ratio);
            count++;
            System.out.printf(java.util.Locale.ROOT, "%-32s %12.1f %12.1f %8.2f%n", SHAPES[s], mine[s], t, ratio);
        }
        System.out.printf(java.util.Locale.ROOT, "geometric mean of the %d ratios: %.2f (below 1: convkit is faster)%n",
                count, Math.exp(logSum / count));
    }

    private static Tensor random(long seed, int... shape) {
        Random r = new Random(seed);
        int n = 1;
        for (int d : shape) n *= d;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = 2 * r.nextDouble() - 1;
        return Tensor.wrap(a, shape);
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    /** CPU ms (all threads of this process) of the median run of the last {@link #median} call. */
    private static double lastCpu;

    /**
     * Median wall time in ms of {@code reps} runs after warm-up runs (at least 3 and at least 1 s); also records
     * the median process CPU time in {@link #lastCpu} (robust when other processes share the cores).
     */
    private static double median(int reps, Runnable body) {
        long start = System.nanoTime();
        int warm = 0;
        for (; warm < 3 || System.nanoTime() - start < 1_000_000_000L && warm < 50; warm++) body.run();
        double perRun = (System.nanoTime() - start) / 1e6 / warm;
        // small operations: each sample times several runs, so that the CPU clock's 10 ms ticks do not dominate
        int inner = (int) Math.max(1, Math.min(100, Math.ceil(200 / perRun)));
        double[] t = new double[reps], c = new double[reps];
        for (int i = 0; i < reps; i++) {
            long c0 = OS.getProcessCpuTime();
            long t0 = System.nanoTime();
            for (int r = 0; r < inner; r++) body.run();
            t[i] = (System.nanoTime() - t0) / 1e6 / inner;
            c[i] = (OS.getProcessCpuTime() - c0) / 1e6 / inner;
        }
        Arrays.sort(t);
        Arrays.sort(c);
        lastCpu = c[reps / 2];
        return t[reps / 2];
    }
}
