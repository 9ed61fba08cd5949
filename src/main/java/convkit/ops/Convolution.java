package convkit.ops;

import convkit.Tensor;
import convkit.compute.Gemm;
import convkit.compute.Simd;
import convkit.compute.ThreadPool;

import java.util.Arrays;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning framework) on NCHW batches, forward and backward,
 * via im2col + matrix multiply.
 *
 * <p>Shapes: input {@code x (N, C, H, W)}, weight {@code w (F, C/groups, kh, kw)}, bias {@code b (F)} or null,
 * output {@code y (N, F, outH, outW)} with {@code out = floor((n + padBefore + padAfter - dilation*(k-1) - 1) / stride) + 1}.
 * With {@code groups = g} the channels are split into g groups and output channel f only sees input group
 * {@code f / (F/g)}; {@code groups = C = F} is a depthwise convolution.
 *
 * <p>Per image and group, the input is unrolled by {@link Im2Col#im2colT} into a {@code (C/g*kh*kw) x (outH*outW)}
 * matrix and {@code y = W . col} is one GEMM; a 1x1 kernel with stride 1 and no padding skips the unrolling.
 * Backward: {@code dW += dY . col^T}, {@code db += sum dY}, {@code dx = col2im(W^T . dY)}. Images are processed
 * in parallel. In float32 with the vector code on and {@code groups = 1}, {@code DirectConv} does the work instead
 * (the forward pass at any stride, the backward pass at stride 1): the windows are read straight from the
 * zero-padded image into the register tiles, with no unrolled matrix and no packing.
 */
public final class Convolution {
    private Convolution() {
    }

    /** dL/dx, dL/dw and dL/db (null when the convolution had no bias) of one backward pass. */
    public record Gradients(Tensor dx, Tensor dw, Tensor db) {
    }

    /**
     * Forward pass. Arguments are not modified.
     *
     * @param x        input {@code (N, C, H, W)}
     * @param w        weight {@code (F, C/groups, kh, kw)}
     * @param b        bias {@code (F)}, or null for none
     * @param stride   {s} or {sh, sw}; null = 1
     * @param padding  {p}, {ph, pw} (each applied to both sides) or {top, bottom, left, right}; null = 0
     * @param dilation {d} or {dh, dw}; null = 1
     * @param groups   number of channel groups, >= 1, dividing both C and F
     * @return a new tensor {@code (N, F, outH, outW)}
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, int[] stride, int[] padding, int[] dilation, int groups) {
        WindowGeometry g = WindowGeometry.conv(x, w, b, stride, padding, dilation, groups);
        int f = w.dim(0);
        Checks.arraySize((long) g.n * f, g.outPlane());
        double[] y = new double[g.n * f * g.outPlane()];
        forward(x.data(), w.data(), b == null ? null : b.data(), g, f, groups, y);
        return Tensor.wrap(y, g.n, f, g.outH, g.outW);
    }

    /**
     * Backward pass for the forward call with the same arguments. Arguments are not modified.
     *
     * @param dy       dL/dy {@code (N, F, outH, outW)}
     * @param withBias whether to compute dL/db
     * @return new tensors dx {@code (N, C, H, W)}, dw (shape of w) and db {@code (F)} (null unless withBias)
     */
    public static Gradients backward(Tensor x, Tensor w, boolean withBias, Tensor dy,
                                     int[] stride, int[] padding, int[] dilation, int groups) {
        WindowGeometry g = WindowGeometry.conv(x, w, null, stride, padding, dilation, groups);
        int f = w.dim(0);
        Checks.outputGradient(dy, g, f, "(N, F, outH, outW)");
        double[] dx = new double[x.size()];
        double[] dw = new double[w.size()];
        double[] db = withBias ? new double[f] : null;
        backward(x.data(), w.data(), dy.data(), g, f, groups, dx, dw, db);
        return new Gradients(Tensor.wrap(dx, x.shape()), Tensor.wrap(dw, w.shape()), withBias ? Tensor.wrap(db, f) : null);
    }

    /** Raw forward: overwrites {@code y (N, F, outH, outW)}. {@code bias} may be null. */
    public static void forward(double[] x, double[] w, double[] bias, WindowGeometry g, int f, int groups, double[] y) {
        final int cg = g.c / groups, fg = f / groups, kk = cg * g.kh * g.kw, p = g.outPlane(), hw = g.inPlane();
        final boolean pointwise = g.isPointwise(), fused = Simd.enabled();
        Checks.arraySize(kk, p);
        long flops = (long) g.n * f * p * kk;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            double[] col = pointwise || fused ? null : new double[kk * p];
            for (int n = n0; n < n1; n++) {
                for (int gi = 0; gi < groups; gi++) {
                    int yOff = (n * f + gi * fg) * p;
                    for (int o = 0; o < fg; o++) {
                        Arrays.fill(y, yOff + o * p, yOff + (o + 1) * p, bias == null ? 0.0 : bias[gi * fg + o]);
                    }
                    if (pointwise) {
                        Gemm.gemm(false, false, fg, p, kk, w, gi * fg * kk, kk, x, (n * g.c + gi * cg) * hw, hw,
                                y, yOff, p, true);
                    } else if (fused) {   // im2col packed straight into the GEMM's panels
                        final int xo = n * g.c * hw, ci = gi * cg;
                        Gemm.gemm(false, fg, p, kk, w, gi * fg * kk, kk,
                                (p0, kc, j0, nc, nr, dst) -> Im2Col.packCols(x, xo, ci, g, p0, kc, j0, nc, nr, dst),
                                y, yOff, p, true);
                    } else {
                        Im2Col.im2colT(x, n * g.c * hw, gi * cg, cg, g, col, 0);
                        Gemm.gemm(false, false, fg, p, kk, w, gi * fg * kk, kk, col, 0, p, y, yOff, p, true);
                    }
                }
            }
        });
    }

    /**
     * Raw backward. Overwrites {@code dx} (shape of x) when it is not null; ADDS dL/dw into {@code dwAcc} (shape of
     * w) and, when not null, dL/db into {@code dbAcc (F)}.
     */
    public static void backward(double[] x, double[] w, double[] dy, WindowGeometry g, int f, int groups,
                         double[] dx, double[] dwAcc, double[] dbAcc) {
        final int cg = g.c / groups, fg = f / groups, kk = cg * g.kh * g.kw, p = g.outPlane(), hw = g.inPlane();
        final boolean pointwise = g.isPointwise(), fused = Simd.enabled();
        if (dx != null) Arrays.fill(dx, 0.0);
        Checks.arraySize(kk, p);
        // dX in blocks of positions whose unrolled gradient stays in the L2 cache (whole rows when that is small)
        final int qb = !fused || (long) kk * p <= 1 << 16 ? p : Math.min(p, Math.max(64, ((1 << 16) / kk + 15) / 16 * 16));
        final double[][] partsW = new double[g.n][], partsB = new double[g.n][];
        long flops = (long) g.n * f * p * kk;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            double[] col = pointwise || fused ? null : new double[kk * p];
            double[] dcol = pointwise || dx == null ? null : new double[kk * qb];
            double[] dw = new double[dwAcc.length];
            double[] db = dbAcc == null ? null : new double[f];
            for (int n = n0; n < n1; n++) {
                for (int gi = 0; gi < groups; gi++) {
                    int dyOff = (n * f + gi * fg) * p;
                    if (db != null) {
                        for (int o = 0; o < fg; o++) {
                            double s = 0;
                            int base = dyOff + o * p;
                            for (int q = 0; q < p; q++) s += dy[base + q];
                            db[gi * fg + o] += s;
                        }
                    }
                    int wOff = gi * fg * kk;
                    if (pointwise) {
                        int xOff = (n * g.c + gi * cg) * hw;
                        Gemm.gemm(false, true, fg, kk, p, dy, dyOff, p, x, xOff, hw, dw, wOff, kk, true);
                        if (dx != null) Gemm.gemm(true, false, kk, p, fg, w, wOff, kk, dy, dyOff, p, dx, xOff, hw, false);
                    } else if (fused) {   // dW = dY . col^T with col^T packed from the image; dX by blocks of positions
                        final int xo = n * g.c * hw, ci = gi * cg;
                        Gemm.gemm(false, fg, kk, p, dy, dyOff, p,
                                (p0, kc, j0, nc, nr, dst) -> Im2Col.packColsT(x, xo, ci, g, p0, kc, j0, nc, nr, dst),
                                dw, wOff, kk, true);
                        if (dx != null) {
                            for (int q0 = 0; q0 < p; q0 += qb) {
                                int cnt = Math.min(qb, p - q0);
                                Gemm.gemm(true, false, kk, cnt, fg, w, wOff, kk, dy, dyOff + q0, p, dcol, 0, cnt, false);
                                Im2Col.col2imRange(dcol, 0, cnt, q0, cnt, ci, cg, g, dx, xo);
                            }
                        }
                    } else {
                        Im2Col.im2colT(x, n * g.c * hw, gi * cg, cg, g, col, 0);
                        Gemm.gemm(false, true, fg, kk, p, dy, dyOff, p, col, 0, p, dw, wOff, kk, true);
                        if (dx != null) {
                            Gemm.gemm(true, false, kk, p, fg, w, wOff, kk, dy, dyOff, p, dcol, 0, p, false);
                            Im2Col.col2imT(dcol, 0, gi * cg, cg, g, dx, n * g.c * hw);
                        }
                    }
                }
            }
            partsW[n0] = dw;
            partsB[n0] = db;
        });
        for (int s = 0; s < g.n; s++) {   // in the order of the shares, whichever finished first: the same bits every run
            if (partsW[s] == null) continue;
            for (int i = 0; i < dwAcc.length; i++) dwAcc[i] += partsW[s][i];
            if (dbAcc != null) for (int i = 0; i < f; i++) dbAcc[i] += partsB[s][i];
        }
    }


    /** float32: Raw forward: overwrites {@code y (N, F, outH, outW)}. {@code bias} may be null. */
    public static void forward(float[] x, float[] w, float[] bias, WindowGeometry g, int f, int groups, float[] y) {
        final int cg = g.c / groups, fg = f / groups, kk = cg * g.kh * g.kw, p = g.outPlane(), hw = g.inPlane();
        final boolean pointwise = g.isPointwise(), fused = Simd.enabled();
        Checks.arraySize(kk, p);
        if (!pointwise && DirectConv.applies(g, groups)) {   // the windows read straight from the image, no packing
            DirectConv.forward(x, w, bias, g, f, y);
            return;
        }
        long flops = (long) g.n * f * p * kk;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            float[] col = pointwise || fused ? null : new float[kk * p];
            for (int n = n0; n < n1; n++) {
                for (int gi = 0; gi < groups; gi++) {
                    int yOff = (n * f + gi * fg) * p;
                    for (int o = 0; o < fg; o++) {
                        Arrays.fill(y, yOff + o * p, yOff + (o + 1) * p, bias == null ? 0f : bias[gi * fg + o]);
                    }
                    if (pointwise) {
                        Gemm.gemm(false, false, fg, p, kk, w, gi * fg * kk, kk, x, (n * g.c + gi * cg) * hw, hw,
                                y, yOff, p, true);
                    } else if (fused) {   // im2col packed straight into the GEMM's panels
                        final int xo = n * g.c * hw, ci = gi * cg;
                        Gemm.gemm(false, fg, p, kk, w, gi * fg * kk, kk,
                                (p0, kc, j0, nc, nr, dst) -> Im2Col.packCols(x, xo, ci, g, p0, kc, j0, nc, nr, dst),
                                y, yOff, p, true);
                    } else {
                        Im2Col.im2colT(x, n * g.c * hw, gi * cg, cg, g, col, 0);
                        Gemm.gemm(false, false, fg, p, kk, w, gi * fg * kk, kk, col, 0, p, y, yOff, p, true);
                    }
                }
            }
        });
    }


    /** float32: 
     * Raw backward. Overwrites {@code dx} (shape of x) when it is not null; ADDS dL/dw into {@code dwAcc} (shape of
     * w) and, when not null, dL/db into {@code dbAcc (F)}.
     */
    public static void backward(float[] x, float[] w, float[] dy, WindowGeometry g, int f, int groups,
                         float[] dx, float[] dwAcc, float[] dbAcc) {
        final int cg = g.c / groups, fg = f / groups, kk = cg * g.kh * g.kw, p = g.outPlane(), hw = g.inPlane();
        final boolean pointwise = g.isPointwise(), fused = Simd.enabled();
        if (!pointwise && DirectConv.backwardApplies(g, groups)) {
            Checks.arraySize(kk, p);
            directBackward(x, w, dy, g, f, dx, dwAcc, dbAcc);
            return;
        }
        if (dx != null) Arrays.fill(dx, 0f);
        Checks.arraySize(kk, p);
        // dX in blocks of positions whose unrolled gradient stays in the L2 cache (whole rows when that is small)
        final int qb = !fused || (long) kk * p <= 1 << 16 ? p : Math.min(p, Math.max(64, ((1 << 16) / kk + 15) / 16 * 16));
        final float[][] partsW = new float[g.n][], partsB = new float[g.n][];
        long flops = (long) g.n * f * p * kk;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            float[] col = pointwise || fused ? null : new float[kk * p];
            float[] dcol = pointwise || dx == null ? null : new float[kk * qb];
            float[] dw = new float[dwAcc.length];
            float[] db = dbAcc == null ? null : new float[f];
            for (int n = n0; n < n1; n++) {
                for (int gi = 0; gi < groups; gi++) {
                    int dyOff = (n * f + gi * fg) * p;
                    if (db != null) {
                        for (int o = 0; o < fg; o++) {
                            float s = 0;
                            int base = dyOff + o * p;
                            for (int q = 0; q < p; q++) s += dy[base + q];
                            db[gi * fg + o] += s;
                        }
                    }
                    int wOff = gi * fg * kk;
                    if (pointwise) {
                        int xOff = (n * g.c + gi * cg) * hw;
                        Gemm.gemm(false, true, fg, kk, p, dy, dyOff, p, x, xOff, hw, dw, wOff, kk, true);
                        if (dx != null) Gemm.gemm(true, false, kk, p, fg, w, wOff, kk, dy, dyOff, p, dx, xOff, hw, false);
                    } else if (fused) {   // dW = dY . col^T with col^T packed from the image; dX by blocks of positions
                        final int xo = n * g.c * hw, ci = gi * cg;
                        Gemm.gemm(false, fg, kk, p, dy, dyOff, p,
                                (p0, kc, j0, nc, nr, dst) -> Im2Col.packColsT(x, xo, ci, g, p0, kc, j0, nc, nr, dst),
                                dw, wOff, kk, true);
                        if (dx != null) {
                            for (int q0 = 0; q0 < p; q0 += qb) {
                                int cnt = Math.min(qb, p - q0);
                                Gemm.gemm(true, false, kk, cnt, fg, w, wOff, kk, dy, dyOff + q0, p, dcol, 0, cnt, false);
                                Im2Col.col2imRange(dcol, 0, cnt, q0, cnt, ci, cg, g, dx, xo);
                            }
                        }
                    } else {
                        Im2Col.im2colT(x, n * g.c * hw, gi * cg, cg, g, col, 0);
                        Gemm.gemm(false, true, fg, kk, p, dy, dyOff, p, col, 0, p, dw, wOff, kk, true);
                        if (dx != null) {
                            Gemm.gemm(true, false, kk, p, fg, w, wOff, kk, dy, dyOff, p, dcol, 0, p, false);
                            Im2Col.col2imT(dcol, 0, gi * cg, cg, g, dx, n * g.c * hw);
                        }
                    }
                }
            }
            partsW[n0] = dw;
            partsB[n0] = db;
        });
        for (int s = 0; s < g.n; s++) {   // in the order of the shares, whichever finished first: the same bits every run
            if (partsW[s] == null) continue;
            for (int i = 0; i < dwAcc.length; i++) dwAcc[i] += partsW[s][i];
            if (dbAcc != null) for (int i = 0; i < f; i++) dbAcc[i] += partsB[s][i];
        }
    }

    /** float32 backward by {@link DirectConv}: dW and db per share of images, added in order; dx overwritten. */
    private static void directBackward(float[] x, float[] w, float[] dy, WindowGeometry g, int f, float[] dx,
                                       float[] dwAcc, float[] dbAcc) {
        final int p = g.outPlane();
        float[][] parts = DirectConv.weightGradient(x, dy, g, f);
        for (float[] part : parts) {   // in the order of the shares: the same bits every run
            if (part == null) continue;
            for (int i = 0; i < dwAcc.length; i++) dwAcc[i] += part[i];
        }
        if (dbAcc != null) {
            final float[][] partsB = new float[g.n][];
            ThreadPool.forRange(g.n, (long) g.n * f * p >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
                float[] db = new float[f];
                for (int n = n0; n < n1; n++) {
                    for (int o = 0; o < f; o++) db[o] += sum4(dy, (n * f + o) * p, p);
                }
                partsB[n0] = db;
            });
            for (float[] part : partsB) {
                if (part == null) continue;
                for (int i = 0; i < f; i++) dbAcc[i] += part[i];
            }
        }
        if (dx != null) DirectConv.inputGradient(w, dy, g, f, dx);
    }

    /** The sum of {@code a[off, off+len)} in four interleaved chains (i mod 4), then (c0 + c1) + (c2 + c3). */
    private static float sum4(float[] a, int off, int len) {
        float c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        int i = 0;
        for (; i + 3 < len; i += 4) {
            c0 += a[off + i];
            c1 += a[off + i + 1];
            c2 += a[off + i + 2];
            c3 += a[off + i + 3];
        }
        for (; i < len; i++) c0 += a[off + i];
        return (c0 + c1) + (c2 + c3);
    }
}
