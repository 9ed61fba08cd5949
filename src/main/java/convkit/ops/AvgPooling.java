package convkit.ops;

import convkit.Tensor;
import convkit.compute.ThreadPool;

/**
 * Average pooling on NCHW batches, forward and backward (the fast path; {@code convkit.book.Pool2d} has the book's loop).
 *
 * <p>Shapes and padding rules as in {@link MaxPooling}. Padding counts as zeros; with {@code countIncludePad} the
 * divisor is always {@code kh*kw} (PyTorch's default, MXNet's {@code count_include_pad=True}), otherwise it is the
 * number of real (unpadded) elements in the window.
 */
public final class AvgPooling {
    private AvgPooling() {
    }

    /**
     * @param x       input {@code (N, C, H, W)}, not modified
     * @param kernel  {k} or {kh, kw}
     * @param stride  {s} or {sh, sw}; null = kernel
     * @param padding {p}, {ph, pw} or {top, bottom, left, right}; null = 0; each side at most kernel - 1
     * @return a new tensor {@code (N, C, outH, outW)}
     */
    public static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        WindowGeometry g = WindowGeometry.pool(x, kernel, stride, padding);
        double[] y = new double[g.n * g.c * g.outPlane()];
        forward(x.data(), g, countIncludePad, y);
        return Tensor.wrap(y, g.n, g.c, g.outH, g.outW);
    }

    /**
     * dL/dx for {@link #avgPool2d} with the same arguments: each {@code dy} element is spread evenly (divided by the
     * same divisor as forward) over the real elements of its window; overlaps add up. Arguments are not modified.
     *
     * @param x  the forward input (only its shape is used)
     * @param dy dL/dy {@code (N, C, outH, outW)}
     * @return a new tensor shaped like {@code x}
     */
    public static Tensor avgPool2dBackward(Tensor x, Tensor dy, int[] kernel, int[] stride, int[] padding,
                                           boolean countIncludePad) {
        WindowGeometry g = WindowGeometry.pool(x, kernel, stride, padding);
        Checks.outputGradient(dy, g, g.c, "(N, C, outH, outW)");
        double[] dx = new double[x.size()];
        backward(dy.data(), g, countIncludePad, dx);
        return Tensor.wrap(dx, x.shape());
    }

    /** Raw forward: overwrites {@code y}. */
    public static void forward(double[] x, WindowGeometry g, boolean countIncludePad, double[] y) {
        final int planes = g.n * g.c, hw = g.inPlane(), p = g.outPlane();
        if (isPlain2x2(g)) {
            // LeNet's case, without the window bounds: the same sums in the same order, so the same bits
            ThreadPool.forRange(planes, (long) planes * p * 4 >= (1 << 18), (c0, c1) -> {
                for (int pl = c0; pl < c1; pl++) {
                    for (int oy = 0; oy < g.outH; oy++) {
                        int r0 = pl * hw + 2 * oy * g.w, r1 = r0 + g.w, yo = pl * p + oy * g.outW;
                        for (int ox = 0, i = 0; ox < g.outW; ox++, i += 2) {
                            y[yo + ox] = (((x[r0 + i] + x[r0 + i + 1]) + x[r1 + i]) + x[r1 + i + 1]) / 4;
                        }
                    }
                }
            });
            return;
        }
        ThreadPool.forRange(planes, (long) planes * p * g.kh * g.kw >= (1 << 18), (c0, c1) -> {
            for (int pl = c0; pl < c1; pl++) {
                int xBase = pl * hw, yBase = pl * p;
                for (int oy = 0; oy < g.outH; oy++) {
                    int y0 = oy * g.sh - g.pt;
                    int iyLo = Math.max(0, y0), iyHi = Math.min(g.h, y0 + g.kh);
                    for (int ox = 0; ox < g.outW; ox++) {
                        int x0 = ox * g.sw - g.pl;
                        int ixLo = Math.max(0, x0), ixHi = Math.min(g.w, x0 + g.kw);
                        double s = 0;
                        for (int iy = iyLo; iy < iyHi; iy++) {
                            int row = xBase + iy * g.w;
                            for (int ix = ixLo; ix < ixHi; ix++) s += x[row + ix];
                        }
                        int count = countIncludePad ? g.kh * g.kw : (iyHi - iyLo) * (ixHi - ixLo);
                        y[yBase + oy * g.outW + ox] = s / count;
                    }
                }
            }
        });
    }

    /** Raw backward: ADDS the gradient into {@code dx}. */
    public static void backward(double[] dy, WindowGeometry g, boolean countIncludePad, double[] dx) {
        final int planes = g.n * g.c, hw = g.inPlane(), p = g.outPlane();
        if (isPlain2x2(g)) {
            ThreadPool.forRange(planes, (long) planes * p * 4 >= (1 << 18), (c0, c1) -> {
                for (int pl = c0; pl < c1; pl++) {
                    for (int oy = 0; oy < g.outH; oy++) {
                        int r0 = pl * hw + 2 * oy * g.w, r1 = r0 + g.w, yo = pl * p + oy * g.outW;
                        for (int ox = 0, i = 0; ox < g.outW; ox++, i += 2) {
                            double d = dy[yo + ox] / 4;
                            dx[r0 + i] += d;
                            dx[r0 + i + 1] += d;
                            dx[r1 + i] += d;
                            dx[r1 + i + 1] += d;
                        }
                    }
                }
            });
            return;
        }
        ThreadPool.forRange(planes, (long) planes * p * g.kh * g.kw >= (1 << 18), (c0, c1) -> {
            for (int pl = c0; pl < c1; pl++) {
                int xBase = pl * hw, yBase = pl * p;
                for (int oy = 0; oy < g.outH; oy++) {
                    int y0 = oy * g.sh - g.pt;
                    int iyLo = Math.max(0, y0), iyHi = Math.min(g.h, y0 + g.kh);
                    for (int ox = 0; ox < g.outW; ox++) {
                        int x0 = ox * g.sw - g.pl;
                        int ixLo = Math.max(0, x0), ixHi = Math.min(g.w, x0 + g.kw);
                        int count = countIncludePad ? g.kh * g.kw : (iyHi - iyLo) * (ixHi - ixLo);
                        double d = dy[yBase + oy * g.outW + ox] / count;
                        for (int iy = iyLo; iy < iyHi; iy++) {
                            int row = xBase + iy * g.w;
                            for (int ix = ixLo; ix < ixHi; ix++) dx[row + ix] += d;
                        }
                    }
                }
            }
        });
    }

    /** A 2x2 window with stride 2 and no padding: every window lies inside the input and holds 4 elements. */
    private static boolean isPlain2x2(WindowGeometry g) {
        return g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2 && g.pt == 0 && g.pb == 0 && g.pl == 0 && g.pr == 0;
    }


    /** float32: Raw forward: overwrites {@code y}. */
    public static void forward(float[] x, WindowGeometry g, boolean countIncludePad, float[] y) {
        final int planes = g.n * g.c, hw = g.inPlane(), p = g.outPlane();
        if (isPlain2x2(g)) {
            // LeNet's case, without the window bounds: the same sums in the same order, so the same bits
            ThreadPool.forRange(planes, (long) planes * p * 4 >= (1 << 18), (c0, c1) -> {
                for (int pl = c0; pl < c1; pl++) {
                    for (int oy = 0; oy < g.outH; oy++) {
                        int r0 = pl * hw + 2 * oy * g.w, r1 = r0 + g.w, yo = pl * p + oy * g.outW;
                        for (int ox = 0, i = 0; ox < g.outW; ox++, i += 2) {
                            y[yo + ox] = (((x[r0 + i] + x[r0 + i + 1]) + x[r1 + i]) + x[r1 + i + 1]) / 4;
                        }
                    }
                }
            });
            return;
        }
        ThreadPool.forRange(planes, (long) planes * p * g.kh * g.kw >= (1 << 18), (c0, c1) -> {
            for (int pl = c0; pl < c1; pl++) {
                int xBase = pl * hw, yBase = pl * p;
                for (int oy = 0; oy < g.outH; oy++) {
                    int y0 = oy * g.sh - g.pt;
                    int iyLo = Math.max(0, y0), iyHi = Math.min(g.h, y0 + g.kh);
                    for (int ox = 0; ox < g.outW; ox++) {
                        int x0 = ox * g.sw - g.pl;
                        int ixLo = Math.max(0, x0), ixHi = Math.min(g.w, x0 + g.kw);
                        float s = 0;
                        for (int iy = iyLo; iy < iyHi; iy++) {
                            int row = xBase + iy * g.w;
                            for (int ix = ixLo; ix < ixHi; ix++) s += x[row + ix];
                        }
                        int count = countIncludePad ? g.kh * g.kw : (iyHi - iyLo) * (ixHi - ixLo);
                        y[yBase + oy * g.outW + ox] = s / count;
                    }
                }
            }
        });
    }


    /** float32: Raw backward: ADDS the gradient into {@code dx}. */
    public static void backward(float[] dy, WindowGeometry g, boolean countIncludePad, float[] dx) {
        final int planes = g.n * g.c, hw = g.inPlane(), p = g.outPlane();
        if (isPlain2x2(g)) {
            ThreadPool.forRange(planes, (long) planes * p * 4 >= (1 << 18), (c0, c1) -> {
                for (int pl = c0; pl < c1; pl++) {
                    for (int oy = 0; oy < g.outH; oy++) {
                        int r0 = pl * hw + 2 * oy * g.w, r1 = r0 + g.w, yo = pl * p + oy * g.outW;
                        for (int ox = 0, i = 0; ox < g.outW; ox++, i += 2) {
                            float d = dy[yo + ox] / 4;
                            dx[r0 + i] += d;
                            dx[r0 + i + 1] += d;
                            dx[r1 + i] += d;
                            dx[r1 + i + 1] += d;
                        }
                    }
                }
            });
            return;
        }
        ThreadPool.forRange(planes, (long) planes * p * g.kh * g.kw >= (1 << 18), (c0, c1) -> {
            for (int pl = c0; pl < c1; pl++) {
                int xBase = pl * hw, yBase = pl * p;
                for (int oy = 0; oy < g.outH; oy++) {
                    int y0 = oy * g.sh - g.pt;
                    int iyLo = Math.max(0, y0), iyHi = Math.min(g.h, y0 + g.kh);
                    for (int ox = 0; ox < g.outW; ox++) {
                        int x0 = ox * g.sw - g.pl;
                        int ixLo = Math.max(0, x0), ixHi = Math.min(g.w, x0 + g.kw);
                        int count = countIncludePad ? g.kh * g.kw : (iyHi - iyLo) * (ixHi - ixLo);
                        float d = dy[yBase + oy * g.outW + ox] / count;
                        for (int iy = iyLo; iy < iyHi; iy++) {
                            int row = xBase + iy * g.w;
                            for (int ix = ixLo; ix < ixHi; ix++) dx[row + ix] += d;
                        }
                    }
                }
            }
        });
    }
}
