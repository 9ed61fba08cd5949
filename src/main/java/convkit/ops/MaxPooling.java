package convkit.ops;

import convkit.Tensor;
import convkit.compute.ThreadPool;

/**
 * Max pooling on NCHW batches, forward and backward (the fast path; {@code convkit.book.Pool2d} has the book's teaching loop).
 *
 * <p>Shapes: {@code x (N, C, H, W)} gives {@code y (N, C, outH, outW)} with
 * {@code out = floor((n + padBefore + padAfter - k) / stride) + 1}. Padding counts as minus infinity, so it never
 * wins; it may be at most {@code kernel - 1} per side (MXNet allows padding up to the window, PyTorch only up to
 * half of it), which guarantees every window holds a real element. {@code stride == null} means stride = kernel.
 * On ties the gradient goes to the FIRST maximum in row-major order within the window (like PyTorch); a NaN
 * counts as the maximum.
 */
public final class MaxPooling {
    private MaxPooling() {
    }

    /**
     * @param x       input {@code (N, C, H, W)}, not modified
     * @param kernel  {k} or {kh, kw}
     * @param stride  {s} or {sh, sw}; null = kernel
     * @param padding {p}, {ph, pw} or {top, bottom, left, right}; null = 0; each side at most kernel - 1
     * @return a new tensor {@code (N, C, outH, outW)}
     */
    public static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        WindowGeometry g = WindowGeometry.pool(x, kernel, stride, padding);
        double[] y = new double[g.n * g.c * g.outPlane()];
        forward(x.data(), g, y, null);
        return Tensor.wrap(y, g.n, g.c, g.outH, g.outW);
    }

    /**
     * dL/dx for {@link #maxPool2d} with the same arguments: each {@code dy} element goes to the (first) maximum of
     * its window; overlapping windows add up. Arguments are not modified.
     *
     * @param dy dL/dy {@code (N, C, outH, outW)}
     * @return a new tensor shaped like {@code x}
     */
    public static Tensor maxPool2dBackward(Tensor x, Tensor dy, int[] kernel, int[] stride, int[] padding) {
        WindowGeometry g = WindowGeometry.pool(x, kernel, stride, padding);
        Checks.outputGradient(dy, g, g.c, "(N, C, outH, outW)");
        int[] argmax = new int[dy.size()];
        forward(x.data(), g, new double[dy.size()], argmax);
        double[] dx = new double[x.size()];
        backward(dy.data(), argmax, dx);
        return Tensor.wrap(dx, x.shape());
    }

    /**
     * Raw forward: overwrites {@code y}; when {@code argmax} is not null, stores for each output the flat index into
     * {@code x} of the element chosen.
     */
    public static void forward(double[] x, WindowGeometry g, double[] y, int[] argmax) {
        final int planes = g.n * g.c, hw = g.inPlane(), p = g.outPlane();
        ThreadPool.forRange(planes, (long) planes * p * g.kh * g.kw >= (1 << 18), (c0, c1) -> {
            for (int pl = c0; pl < c1; pl++) {
                int xBase = pl * hw, yBase = pl * p;
                for (int oy = 0; oy < g.outH; oy++) {
                    int y0 = oy * g.sh - g.pt;
                    int iyLo = Math.max(0, y0), iyHi = Math.min(g.h, y0 + g.kh);
                    for (int ox = 0; ox < g.outW; ox++) {
                        int x0 = ox * g.sw - g.pl;
                        int ixLo = Math.max(0, x0), ixHi = Math.min(g.w, x0 + g.kw);
                        int best = xBase + iyLo * g.w + ixLo;
                        double m = Double.NEGATIVE_INFINITY;
                        for (int iy = iyLo; iy < iyHi; iy++) {
                            int row = xBase + iy * g.w;
                            for (int ix = ixLo; ix < ixHi; ix++) {
                                double v = x[row + ix];
                                if (v > m || Double.isNaN(v)) {
                                    m = v;
                                    best = row + ix;
                                }
                            }
                        }
                        y[yBase + oy * g.outW + ox] = x[best];
                        if (argmax != null) argmax[yBase + oy * g.outW + ox] = best;
                    }
                }
            }
        });
    }

    /** Raw backward: ADDS {@code dy[o]} to {@code dx[argmax[o]]} for every output o. */
    public static void backward(double[] dy, int[] argmax, double[] dx) {
        for (int o = 0; o < dy.length; o++) dx[argmax[o]] += dy[o];
    }


    /** float32: 
     * Raw forward: overwrites {@code y}; when {@code argmax} is not null, stores for each output the flat index into
     * {@code x} of the element chosen.
     */
    public static void forward(float[] x, WindowGeometry g, float[] y, int[] argmax) {
        final int planes = g.n * g.c, hw = g.inPlane(), p = g.outPlane();
        ThreadPool.forRange(planes, (long) planes * p * g.kh * g.kw >= (1 << 18), (c0, c1) -> {
            for (int pl = c0; pl < c1; pl++) {
                int xBase = pl * hw, yBase = pl * p;
                for (int oy = 0; oy < g.outH; oy++) {
                    int y0 = oy * g.sh - g.pt;
                    int iyLo = Math.max(0, y0), iyHi = Math.min(g.h, y0 + g.kh);
                    for (int ox = 0; ox < g.outW; ox++) {
                        int x0 = ox * g.sw - g.pl;
                        int ixLo = Math.max(0, x0), ixHi = Math.min(g.w, x0 + g.kw);
                        int best = xBase + iyLo * g.w + ixLo;
                        float m = Float.NEGATIVE_INFINITY;
                        for (int iy = iyLo; iy < iyHi; iy++) {
                            int row = xBase + iy * g.w;
                            for (int ix = ixLo; ix < ixHi; ix++) {
                                float v = x[row + ix];
                                if (v > m || Float.isNaN(v)) {
                                    m = v;
                                    best = row + ix;
                                }
                            }
                        }
                        y[yBase + oy * g.outW + ox] = x[best];
                        if (argmax != null) argmax[yBase + oy * g.outW + ox] = best;
                    }
                }
            }
        });
    }


    /** float32: Raw backward: ADDS {@code dy[o]} to {@code dx[argmax[o]]} for every output o. */
    public static void backward(float[] dy, int[] argmax, float[] dx) {
        for (int o = 0; o < dy.length; o++) dx[argmax[o]] += dy[o];
    }
}
