package convkit.bench;

import convkit.compute.Gemm;
import convkit.compute.Simd;
import convkit.compute.ThreadPool;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's measured peak and the GEMM's share of it ({@code ./convkit bench peak [N]}):
 * <ol>
 *   <li>peak: GFLOP/s of a loop of independent fused multiply-adds on vectors of the preferred width (twelve
 *       accumulators, enough to hide the FMA latency), per core and on every core at once, float64 and float32. Each
 *       accumulator is the addend, {@code acc = x.fma(y, acc)} ({@code acc += x*y}, what a GEMM does): C2 compiles
 *       the other form, {@code acc = acc.fma(x, y)}, less well (measured on a 2-core EPYC with AVX2, December
 *       2026: 11-13 GFLOP/s per core against 19.4 for this form and for the same loop in C with
 *       {@code _mm256_fmadd_pd}, so the GEMM seemed to run above "peak");</li>
 *   <li>GEMM: GFLOP/s of {@link Gemm#gemm} on {@code N x N . N x N} (default 2048, like
 *       {@code torch_baseline.py --matmul-n}), float64 and float32, on one thread and on all, as a fraction of the
 *       peak of the same number of cores.</li>
 * </ol>
 * FLOPs count 2 per multiply-add. Each figure is the best of several timed runs after a warm-up (peak: the FMA
 * units' capacity; GEMM: also the median).
 */
public final class PeakBench {
    private PeakBench() {
    }

    private static final int ACC = 12;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    /** One-thread figures per second of the thread's CPU time (robust when other processes share the cores). */
    private static double lastCpuGflops, lastCpuMs;
    private static final long STEPS = 20_000_000L;

    /** Runs both parts and prints the table on standard output. */
    public static void run(int n, int reps) {
        if (n < 1) throw new IllegalArgumentException("N must be >= 1 but was " + n);
        if (reps < 1) throw new IllegalArgumentException("reps must be >= 1 but was " + reps);
        int cores = ThreadPool.THREADS;
        System.out.printf(Locale.ROOT, "convkit PeakBench: %d cores, Java %s, %s%n", cores,
                System.getProperty("java.version"), Simd.describe());
        System.out.printf(Locale.ROOT, "vector width: %d bits (float64 x %d, float32 x %d)%n",
                DoubleVector.SPECIES_PREFERRED.vectorBitSize(), DoubleVector.SPECIES_PREFERRED.length(),
                FloatVector.SPECIES_PREFERRED.length());
        double p64one = peak(false, 1), p64cpu = lastCpuGflops, p64all = peak(false, cores);
        double p32one = peak(true, 1), p32cpu = lastCpuGflops, p32all = peak(true, cores);
        System.out.printf(Locale.ROOT, "peak FMA GFLOP/s   float64: 1 core %.1f, %d cores %.1f   float32: 1 core %.1f, %d cores %.1f%n",
                p64one, cores, p64all, p32one, cores, p32all);
        System.out.printf(Locale.ROOT, "%-10s %-8s %7s %10s %10s %10s %9s%n", "GEMM", "dtype", "threads", "best ms",
                "median ms", "GFLOP/s", "of peak");
        for (boolean f32 : new boolean[] {false, true}) {
            for (int t : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
                double[] ms = gemm(f32, n, t, reps);
                double gf = 2.0 * n * n * n / ms[0] / 1e6;
                double peak = f32 ? (t == 1 ? p32one : p32all) : (t == 1 ? p64one : p64all);
                System.out.printf(Locale.ROOT, "%-10s %-8s %7d %10.1f %10.1f %10.1f %8.0f%%", n + "^3",
                        f32 ? "float32" : "float64", t, ms[0], ms[1], gf, 100 * gf / peak);
                if (t == 1) {
                    double cpuGf = 2.0 * n * n * n / lastCpuMs / 1e6, cpuPeak = f32 ? p32cpu : p64cpu;
                    System.out.printf(Locale.ROOT, "   per CPU second: %.1f of %.1f = %.0f%%", cpuGf, cpuPeak, 100 * cpuGf / cpuPeak);
                }
                System.out.println();
            }
        }
    }

    /** Best GFLOP/s of {@code threads} threads each running the FMA loop. */
    static double peak(boolean f32, int threads) {
        double best = 0, bestCpu = 0;
        for (int rep = 0; rep < 4; rep++) {   // the first rounds also warm up the JIT
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            double[] sink = new double[threads];
            ThreadPool.forRange(threads, true, (s0, s1) -> {
                for (int s = s0; s < s1; s++) sink[s] = f32 ? fmaLoopF(STEPS) : fmaLoop(STEPS);
            });
            double sec = (System.nanoTime() - t0) / 1e9, cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            if (Arrays.stream(sink).anyMatch(Double::isNaN)) throw new IllegalStateException("NaN in the FMA loop");
            long lanes = f32 ? FloatVector.SPECIES_PREFERRED.length() : DoubleVector.SPECIES_PREFERRED.length();
            double flops = 2.0 * ACC * lanes * STEPS * threads;
            best = Math.max(best, flops / sec / 1e9);
            bestCpu = Math.max(bestCpu, flops / cpu / 1e9);
        }
        if (threads == 1) lastCpuGflops = bestCpu;
        return best;
    }

    private static double fmaLoop(long steps) {
        VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
        DoubleVector x = DoubleVector.broadcast(s, 1e-9), y = DoubleVector.broadcast(s, 1e-9);
        DoubleVector a0 = DoubleVector.broadcast(s, 1), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        DoubleVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < steps; i++) {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).lane(0);
    }

    private static double fmaLoopF(long steps) {
        VectorSpecies<Float> s = FloatVector.SPECIES_PREFERRED;
        FloatVector x = FloatVector.broadcast(s, 1e-3f), y = FloatVector.broadcast(s, 1e-3f);
        FloatVector a0 = FloatVector.broadcast(s, 1), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0;
        FloatVector a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
        for (long i = 0; i < steps; i++) {
            a0 = x.fma(y, a0);
            a1 = x.fma(y, a1);
            a2 = x.fma(y, a2);
            a3 = x.fma(y, a3);
            a4 = x.fma(y, a4);
            a5 = x.fma(y, a5);
            a6 = x.fma(y, a6);
            a7 = x.fma(y, a7);
            a8 = x.fma(y, a8);
            a9 = x.fma(y, a9);
            a10 = x.fma(y, a10);
            a11 = x.fma(y, a11);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11).lane(0);
    }

    /** {best ms, median ms} of an n x n GEMM on {@code threads} threads (1: inside a worker share, so serial). */
    static double[] gemm(boolean f32, int n, int threads, int reps) {
        Random r = new Random(0);
        int size = n * n;
        double[] a = new double[f32 ? 0 : size], b = new double[f32 ? 0 : size], c = new double[f32 ? 0 : size];
        float[] af = new float[f32 ? size : 0], bf = new float[f32 ? size : 0], cf = new float[f32 ? size : 0];
        for (int i = 0; i < size; i++) {
            if (f32) {
                af[i] = (float) r.nextGaussian();
                bf[i] = (float) r.nextGaussian();
            } else {
                a[i] = r.nextGaussian();
                b[i] = r.nextGaussian();
            }
        }
        Runnable call = f32 ? () -> Gemm.gemm(false, false, n, n, n, af, 0, n, bf, 0, n, cf, 0, n, false)
                : () -> Gemm.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        Runnable run = threads > 1 ? call : () -> ThreadPool.forRange(2, true, (s0, s1) -> {
            if (s0 == 0) call.run();   // the caller's share: inside a parallel region, so the GEMM stays serial
        });
        long start = System.nanoTime();
        for (int w = 0; w < 3 || System.nanoTime() - start < 2_000_000_000L && w < 20; w++) run.run();
        double[] t = new double[reps];
        double cpuBest = Double.MAX_VALUE;
        for (int i = 0; i < reps; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run.run();
            t[i] = (System.nanoTime() - t0) / 1e6;
            cpuBest = Math.min(cpuBest, (CPU.getCurrentThreadCpuTime() - c0) / 1e6);
        }
        lastCpuMs = cpuBest;
        Arrays.sort(t);
        return new double[] {t[0], t[reps / 2]};
    }
}
