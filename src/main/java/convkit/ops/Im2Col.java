package convkit.ops;

import convkit.Tensor;

import java.util.Arrays;

/**
 * im2col / col2im as in Deep Learning from Scratch ({@code common/util.py}), generalised to per-axis stride,
 * per-side padding and dilation.
 *
 * <p>{@link #im2col(Tensor, int, int, int, int)} unrolls every receptive field of an NCHW batch into one row:
 * the result has {@code N*outH*outW} rows (ordered n, oy, ox) and {@code C*kh*kw} columns (ordered c, i, j), so
 * convolution becomes {@code col . W.reshape(F, -1).T}. {@link #col2im} is its adjoint: it scatters the rows back
 * and <em>adds</em> where windows overlap (it is the backward pass of im2col).
 *
 * <p>The convolution fast path uses the transposed, per-image layout of the same numbers
 * ({@link #im2colT}: rows {@code (c, i, j)}, columns {@code (oy, ox)}), which feeds the matrix multiply directly.
 * Padded positions read as 0.
 */
public final class Im2Col {
    private Im2Col() {
    }

    /**
     * DLFS {@code im2col(input_data, filter_h, filter_w, stride, pad)}: same stride and padding on every side.
     *
     * @param x NCHW input (not modified)
     * @return a new 2-D tensor {@code (N*outH*outW, C*kh*kw)}
     */
    public static Tensor im2col(Tensor x, int kh, int kw, int stride, int pad) {
        return im2col(x, new int[] {kh, kw}, new int[] {stride}, new int[] {pad}, null);
    }

    /**
     * General im2col.
     *
     * @param x        NCHW input (not modified)
     * @param kernel   {kh, kw} or {k}
     * @param stride   {s} or {sh, sw}; null = 1
     * @param padding  {p}, {ph, pw} or {top, bottom, left, right}; null = 0
     * @param dilation {d} or {dh, dw}; null = 1
     * @return a new 2-D tensor {@code (N*outH*outW, C*kh*kw)}, columns ordered (c, i, j)
     */
    public static Tensor im2col(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        WindowGeometry g = WindowGeometry.of("x", x, kernel, stride, padding, dilation);
        int rows = g.n * g.outPlane(), cols = g.c * g.kh * g.kw;
        Checks.arraySize(rows, cols);
        double[] col = new double[rows * cols];
        im2col(x.data(), g, col);
        return Tensor.wrap(col, rows, cols);
    }

    /**
     * DLFS {@code col2im(col, input_shape, filter_h, filter_w, stride, pad)}: the adjoint of
     * {@link #im2col(Tensor, int, int, int, int)}; overlapping entries are summed.
     *
     * @param col    2-D {@code (N*outH*outW, C*kh*kw)} (not modified)
     * @param xShape the NCHW input shape {N, C, H, W}
     * @return a new 4-D tensor of shape {@code xShape}
     */
    public static Tensor col2im(Tensor col, int[] xShape, int kh, int kw, int stride, int pad) {
        return col2im(col, xShape, new int[] {kh, kw}, new int[] {stride}, new int[] {pad}, null);
    }

    /** General col2im, the adjoint of {@link #im2col(Tensor, int[], int[], int[], int[])}; overlaps are summed. */
    public static Tensor col2im(Tensor col, int[] xShape, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        Tensor.requireRank("col", col, 2, "(N*outH*outW, C*kh*kw)");
        if (xShape == null) throw new IllegalArgumentException("xShape must not be null");
        if (xShape.length != 4) {
            throw new IllegalArgumentException("xShape must be an NCHW shape of length 4 but was " + Arrays.toString(xShape));
        }
        for (int d : xShape) {
            if (d < 0) throw new IllegalArgumentException("xShape must not have negative extents but was " + Arrays.toString(xShape));
        }
        WindowGeometry g = WindowGeometry.of(xShape, "xShape " + Arrays.toString(xShape), kernel, stride, padding, dilation);
        long rows = (long) g.n * g.outPlane(), cols = (long) g.c * g.kh * g.kw;
        if (col.dim(0) != rows || col.dim(1) != cols) {
            throw new IllegalArgumentException("col has shape " + Arrays.toString(col.shape()) + " but xShape "
                    + Arrays.toString(xShape) + " with kernel " + g.kh + "x" + g.kw + " needs (N*outH*outW, C*kh*kw) = ("
                    + rows + ", " + cols + ")");
        }
        Checks.arraySize(g.n * g.c, g.h * g.w);
        double[] x = new double[g.n * g.c * g.h * g.w];
        col2im(col.data(), g, x);
        return Tensor.wrap(x, xShape.clone());
    }

    // ---- raw-array versions ----

    /** DLFS layout: fills {@code col} ({@code N*outH*outW} rows, {@code C*kh*kw} columns) from the batch {@code x}. */
    static void im2col(double[] x, WindowGeometry g, double[] col) {
        int k = g.c * g.kh * g.kw, p = g.outPlane();
        double[] tmp = new double[k * p];
        for (int n = 0; n < g.n; n++) {
            im2colT(x, n * g.c * g.inPlane(), 0, g.c, g, tmp, 0);
            int base = n * p * k;
            for (int r = 0; r < k; r++) {
                for (int q = 0; q < p; q++) col[base + q * k + r] = tmp[r * p + q];
            }
        }
    }

    /** DLFS layout: adds the rows of {@code col} back into the batch {@code x} (overlaps summed). */
    static void col2im(double[] col, WindowGeometry g, double[] x) {
        int k = g.c * g.kh * g.kw, p = g.outPlane();
        double[] tmp = new double[k * p];
        for (int n = 0; n < g.n; n++) {
            int base = n * p * k;
            for (int r = 0; r < k; r++) {
                for (int q = 0; q < p; q++) tmp[r * p + q] = col[base + q * k + r];
            }
            col2imT(tmp, 0, 0, g.c, g, x, n * g.c * g.inPlane());
        }
    }

    /**
     * Transposed per-image layout: writes channels {@code [c0, c0+cg)} of the image starting at {@code x[xOff]}
     * as a {@code (cg*kh*kw) x (outH*outW)} row-major matrix at {@code col[colOff]} (row (c, i, j), column (oy, ox)).
     * Only {@code col} is modified.
     */
    public static void im2colT(double[] x, int xOff, int c0, int cg, WindowGeometry g, double[] col, int colOff) {
        final int H = g.h, W = g.w, outH = g.outH, outW = g.outW, sw = g.sw, sh = g.sh;
        final int p = outH * outW;
        int row = colOff;
        for (int c = 0; c < cg; c++) {
            int plane = xOff + (c0 + c) * H * W;
            for (int i = 0; i < g.kh; i++) {
                int iy0 = i * g.dh - g.pt;
                for (int j = 0; j < g.kw; j++) {
                    int ix0 = j * g.dw - g.pl;
                    int oxLo = Math.max(0, ceilDiv(-ix0, sw));
                    int oxHi = Math.min(outW, Math.max(0, ceilDiv(W - ix0, sw)));
                    if (oxLo > oxHi) oxLo = oxHi;
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * sh + iy0;
                        int dst = row + oy * outW;
                        if (iy < 0 || iy >= H) {
                            Arrays.fill(col, dst, dst + outW, 0.0);
                            continue;
                        }
                        for (int ox = 0; ox < oxLo; ox++) col[dst + ox] = 0.0;
                        int src = plane + iy * W + ix0;
                        if (sw == 1) {
                            if (oxHi > oxLo) System.arraycopy(x, src + oxLo, col, dst + oxLo, oxHi - oxLo);
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) col[dst + ox] = x[src + ox * sw];
                        }
                        for (int ox = oxHi; ox < outW; ox++) col[dst + ox] = 0.0;
                    }
                    row += p;
                }
            }
        }
    }

    /**
     * Adjoint of {@link #im2colT}: adds the {@code (cg*kh*kw) x (outH*outW)} matrix at {@code col[colOff]} into
     * channels {@code [c0, c0+cg)} of the image starting at {@code x[xOff]}. Only {@code x} is modified (accumulated).
     */
    public static void col2imT(double[] col, int colOff, int c0, int cg, WindowGeometry g, double[] x, int xOff) {
        final int H = g.h, W = g.w, outH = g.outH, outW = g.outW, sw = g.sw, sh = g.sh;
        final int p = outH * outW;
        int row = colOff;
        for (int c = 0; c < cg; c++) {
            int plane = xOff + (c0 + c) * H * W;
            for (int i = 0; i < g.kh; i++) {
                int iy0 = i * g.dh - g.pt;
                for (int j = 0; j < g.kw; j++) {
                    int ix0 = j * g.dw - g.pl;
                    int oxLo = Math.max(0, ceilDiv(-ix0, sw));
                    int oxHi = Math.min(outW, Math.max(0, ceilDiv(W - ix0, sw)));
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * sh + iy0;
                        if (iy < 0 || iy >= H) continue;
                        int src = row + oy * outW;
                        int dst = plane + iy * W + ix0;
                        if (sw == 1) {
                            for (int ox = oxLo; ox < oxHi; ox++) x[dst + ox] += col[src + ox];
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) x[dst + ox * sw] += col[src + ox];
                        }
                    }
                    row += p;
                }
            }
        }
    }

    // ---- packing straight from the image (the fused im2col of the convolution's vector path)

    /**
     * Packs rows {@code [p0, p0+kc)} (taps (c, i, j)) and columns {@code [j0, j0+nc)} (output positions) of the
     * {@link #im2colT} matrix of channels {@code [c0, ...)} of the image at {@code x[xOff]} into {@code dst} in the
     * layout of {@link convkit.compute.Gemm.Panel64} (slivers of {@code nr} columns, zero-padded): the matrix itself is
     * never stored. Only {@code dst} is modified.
     */
    public static void packCols(double[] x, int xOff, int c0, WindowGeometry g, int p0, int kc, int j0, int nc, int nr,
                                double[] dst) {
        int khw = g.kh * g.kw, hw = g.h * g.w;
        double[] row = new double[nc];   // one row of the block, then cut into the slivers
        for (int r = 0; r < kc; r++) {
            int tap = p0 + r, c = tap / khw, rem = tap - c * khw, i = rem / g.kw, j = rem - i * g.kw;
            tapRun(x, xOff + (c0 + c) * hw, i, j, g, j0, nc, row, 0, 1);
            for (int s0 = 0; s0 < nc; s0 += nr) {
                int cols = Math.min(nr, nc - s0), d = s0 * kc + r * nr;
                System.arraycopy(row, s0, dst, d, cols);
                for (int l = cols; l < nr; l++) dst[d + l] = 0.0;
            }
        }
    }

    /**
     * Like {@link #packCols} for the transpose: rows {@code [p0, p0+kc)} are output positions and columns
     * {@code [j0, j0+nc)} taps (the B of {@code dW = dY . col^T}). Only {@code dst} is modified.
     */
    public static void packColsT(double[] x, int xOff, int c0, WindowGeometry g, int p0, int kc, int j0, int nc, int nr,
                                 double[] dst) {
        int khw = g.kh * g.kw, hw = g.h * g.w;
        double[] rows = TMP64.get();   // the sliver's taps as rows (contiguous copies), then transposed into the sliver
        if (rows.length < nr * kc) TMP64.set(rows = new double[nr * kc]);
        for (int s0 = 0; s0 < nc; s0 += nr) {
            int cols = Math.min(nr, nc - s0), base = s0 * kc;
            for (int l = 0; l < cols; l++) {
                int tap = j0 + s0 + l, c = tap / khw, rem = tap - c * khw, i = rem / g.kw, j = rem - i * g.kw;
                tapRun(x, xOff + (c0 + c) * hw, i, j, g, p0, kc, rows, l * kc, 1);
            }
            for (int p = 0; p < kc; p++) {
                int d = base + p * nr;
                for (int l = 0; l < cols; l++) dst[d + l] = rows[l * kc + p];
                for (int l = cols; l < nr; l++) dst[d + l] = 0.0;
            }
        }
    }

    /** Tap (i, j) of the channel plane at {@code x[plane]} at output positions {@code [q0, q0+count)} into {@code dst[d + t*stride]}. */
    private static void tapRun(double[] x, int plane, int i, int j, WindowGeometry g, int q0, int count, double[] dst,
                               int d, int stride) {
        final int W = g.w, H = g.h, outW = g.outW, sw = g.sw;
        int iy0 = i * g.dh - g.pt, ix0 = j * g.dw - g.pl;
        int oxLo = Math.max(0, ceilDiv(-ix0, sw)), oxHi = Math.min(outW, Math.max(0, ceilDiv(W - ix0, sw)));
        if (oxLo > oxHi) oxLo = oxHi;
        int oy = q0 / outW, ox = q0 - oy * outW, left = count;
        while (left > 0) {
            int run = Math.min(left, outW - ox), end = ox + run;
            int iy = oy * g.sh + iy0;
            if (iy < 0 || iy >= H) {
                for (int u = 0; u < run; u++, d += stride) dst[d] = 0.0;
            } else {
                int src = plane + iy * W + ix0;
                int a = Math.min(Math.max(oxLo, ox), end), b = Math.max(Math.min(oxHi, end), a);
                for (int xx = ox; xx < a; xx++, d += stride) dst[d] = 0.0;
                if (stride == 1 && sw == 1) {
                    if (b > a) System.arraycopy(x, src + a, dst, d, b - a);
                    d += b - a;
                } else {
                    for (int xx = a; xx < b; xx++, d += stride) dst[d] = x[src + xx * sw];
                }
                for (int xx = b; xx < end; xx++, d += stride) dst[d] = 0.0;
            }
            left -= run;
            ox = 0;
            oy++;
        }
    }

    /**
     * The adjoint of {@link #im2colT} on output positions {@code [q0, q0+count)} only: adds the
     * {@code (cg*kh*kw) x count} block at {@code col[colOff]} (row stride {@code ldcol}) into channels
     * {@code [c0, c0+cg)} of the image at {@code x[xOff]}. The same additions in the same order as {@link #col2imT}
     * restricted to those columns (a whole image in blocks of positions adds in another order than one {@link #col2imT}). Only {@code x} is modified.
     */
    public static void col2imRange(double[] col, int colOff, int ldcol, int q0, int count, int c0, int cg, WindowGeometry g,
                                   double[] x, int xOff) {
        final int W = g.w, H = g.h, outW = g.outW, sw = g.sw, hw = H * W;
        boolean simd = convkit.compute.Simd.enabled();
        int row = colOff;
        for (int c = 0; c < cg; c++) {
            int plane = xOff + (c0 + c) * hw;
            for (int i = 0; i < g.kh; i++) {
                int iy0 = i * g.dh - g.pt;
                for (int j = 0; j < g.kw; j++, row += ldcol) {
                    int ix0 = j * g.dw - g.pl;
                    int oxLo = Math.max(0, ceilDiv(-ix0, sw)), oxHi = Math.min(outW, Math.max(0, ceilDiv(W - ix0, sw)));
                    int oy = q0 / outW, ox = q0 - oy * outW, left = count, s = row;
                    while (left > 0) {
                        int run = Math.min(left, outW - ox), end = ox + run;
                        int iy = oy * g.sh + iy0;
                        if (iy >= 0 && iy < H) {
                            int dst = plane + iy * W + ix0;
                            int a = Math.min(Math.max(oxLo, ox), end), b = Math.max(Math.min(oxHi, end), a);
                            if (sw == 1 && simd && b > a) {
                                convkit.compute.VectorMath.addInto(col, s + (a - ox), x, dst + a, b - a);
                            } else {
                                for (int xx = a; xx < b; xx++) x[dst + xx * sw] += col[s + (xx - ox)];
                            }
                        }
                        s += run;
                        left -= run;
                        ox = 0;
                        oy++;
                    }
                }
            }
        }
    }

    /**
     * float32: packs rows {@code [p0, p0+kc)} (taps (c, i, j)) and columns {@code [j0, j0+nc)} (output positions) of the
     * {@link #im2colT} matrix of channels {@code [c0, ...)} of the image at {@code x[xOff]} into {@code dst} in the
     * layout of {@link convkit.compute.Gemm.Panel32} (slivers of {@code nr} columns, zero-padded): the matrix itself is
     * never stored. Only {@code dst} is modified.
     */
    public static void packCols(float[] x, int xOff, int c0, WindowGeometry g, int p0, int kc, int j0, int nc, int nr,
                                float[] dst) {
        int khw = g.kh * g.kw, hw = g.h * g.w;
        float[] row = new float[nc];   // one row of the block, then cut into the slivers
        for (int r = 0; r < kc; r++) {
            int tap = p0 + r, c = tap / khw, rem = tap - c * khw, i = rem / g.kw, j = rem - i * g.kw;
            tapRun(x, xOff + (c0 + c) * hw, i, j, g, j0, nc, row, 0, 1);
            for (int s0 = 0; s0 < nc; s0 += nr) {
                int cols = Math.min(nr, nc - s0), d = s0 * kc + r * nr;
                System.arraycopy(row, s0, dst, d, cols);
                for (int l = cols; l < nr; l++) dst[d + l] = 0f;
            }
        }
    }

    /**
     * float32: like {@link #packCols} for the transpose: rows {@code [p0, p0+kc)} are output positions and columns
     * {@code [j0, j0+nc)} taps (the B of {@code dW = dY . col^T}). Only {@code dst} is modified.
     */
    public static void packColsT(float[] x, int xOff, int c0, WindowGeometry g, int p0, int kc, int j0, int nc, int nr,
                                 float[] dst) {
        int khw = g.kh * g.kw, hw = g.h * g.w;
        float[] rows = TMP32.get();   // the sliver's taps as rows (contiguous copies), then transposed into the sliver
        if (rows.length < nr * kc) TMP32.set(rows = new float[nr * kc]);
        for (int s0 = 0; s0 < nc; s0 += nr) {
            int cols = Math.min(nr, nc - s0), base = s0 * kc;
            for (int l = 0; l < cols; l++) {
                int tap = j0 + s0 + l, c = tap / khw, rem = tap - c * khw, i = rem / g.kw, j = rem - i * g.kw;
                tapRun(x, xOff + (c0 + c) * hw, i, j, g, p0, kc, rows, l * kc, 1);
            }
            for (int p = 0; p < kc; p++) {
                int d = base + p * nr;
                for (int l = 0; l < cols; l++) dst[d + l] = rows[l * kc + p];
                for (int l = cols; l < nr; l++) dst[d + l] = 0f;
            }
        }
    }

    /** Tap (i, j) of the channel plane at {@code x[plane]} at output positions {@code [q0, q0+count)} into {@code dst[d + t*stride]}. */
    private static void tapRun(float[] x, int plane, int i, int j, WindowGeometry g, int q0, int count, float[] dst,
                               int d, int stride) {
        final int W = g.w, H = g.h, outW = g.outW, sw = g.sw;
        int iy0 = i * g.dh - g.pt, ix0 = j * g.dw - g.pl;
        int oxLo = Math.max(0, ceilDiv(-ix0, sw)), oxHi = Math.min(outW, Math.max(0, ceilDiv(W - ix0, sw)));
        if (oxLo > oxHi) oxLo = oxHi;
        int oy = q0 / outW, ox = q0 - oy * outW, left = count;
        while (left > 0) {
            int run = Math.min(left, outW - ox), end = ox + run;
            int iy = oy * g.sh + iy0;
            if (iy < 0 || iy >= H) {
                for (int u = 0; u < run; u++, d += stride) dst[d] = 0f;
            } else {
                int src = plane + iy * W + ix0;
                int a = Math.min(Math.max(oxLo, ox), end), b = Math.max(Math.min(oxHi, end), a);
                for (int xx = ox; xx < a; xx++, d += stride) dst[d] = 0f;
                if (stride == 1 && sw == 1) {
                    if (b > a) System.arraycopy(x, src + a, dst, d, b - a);
                    d += b - a;
                } else {
                    for (int xx = a; xx < b; xx++, d += stride) dst[d] = x[src + xx * sw];
                }
                for (int xx = b; xx < end; xx++, d += stride) dst[d] = 0f;
            }
            left -= run;
            ox = 0;
            oy++;
        }
    }

    /**
     * float32: the adjoint of {@link #im2colT} on output positions {@code [q0, q0+count)} only: adds the
     * {@code (cg*kh*kw) x count} block at {@code col[colOff]} (row stride {@code ldcol}) into channels
     * {@code [c0, c0+cg)} of the image at {@code x[xOff]}. The same additions in the same order as {@link #col2imT}
     * restricted to those columns (a whole image in blocks of positions adds in another order than one {@link #col2imT}). Only {@code x} is modified.
     */
    public static void col2imRange(float[] col, int colOff, int ldcol, int q0, int count, int c0, int cg, WindowGeometry g,
                                   float[] x, int xOff) {
        final int W = g.w, H = g.h, outW = g.outW, sw = g.sw, hw = H * W;
        boolean simd = convkit.compute.Simd.enabled();
        int row = colOff;
        for (int c = 0; c < cg; c++) {
            int plane = xOff + (c0 + c) * hw;
            for (int i = 0; i < g.kh; i++) {
                int iy0 = i * g.dh - g.pt;
                for (int j = 0; j < g.kw; j++, row += ldcol) {
                    int ix0 = j * g.dw - g.pl;
                    int oxLo = Math.max(0, ceilDiv(-ix0, sw)), oxHi = Math.min(outW, Math.max(0, ceilDiv(W - ix0, sw)));
                    int oy = q0 / outW, ox = q0 - oy * outW, left = count, s = row;
                    while (left > 0) {
                        int run = Math.min(left, outW - ox), end = ox + run;
                        int iy = oy * g.sh + iy0;
                        if (iy >= 0 && iy < H) {
                            int dst = plane + iy * W + ix0;
                            int a = Math.min(Math.max(oxLo, ox), end), b = Math.max(Math.min(oxHi, end), a);
                            if (sw == 1 && simd && b > a) {
                                convkit.compute.VectorMath.addInto(col, s + (a - ox), x, dst + a, b - a);
                            } else {
                                for (int xx = a; xx < b; xx++) x[dst + xx * sw] += col[s + (xx - ox)];
                            }
                        }
                        s += run;
                        left -= run;
                        ox = 0;
                        oy++;
                    }
                }
            }
        }
    }

    private static final ThreadLocal<double[]> TMP64 = ThreadLocal.withInitial(() -> new double[0]);
    private static final ThreadLocal<float[]> TMP32 = ThreadLocal.withInitial(() -> new float[0]);

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }


    /** float32: 
     * Transposed per-image layout: writes channels {@code [c0, c0+cg)} of the image starting at {@code x[xOff]}
     * as a {@code (cg*kh*kw) x (outH*outW)} row-major matrix at {@code col[colOff]} (row (c, i, j), column (oy, ox)).
     * Only {@code col} is modified.
     */
    public static void im2colT(float[] x, int xOff, int c0, int cg, WindowGeometry g, float[] col, int colOff) {
        final int H = g.h, W = g.w, outH = g.outH, outW = g.outW, sw = g.sw, sh = g.sh;
        final int p = outH * outW;
        int row = colOff;
        for (int c = 0; c < cg; c++) {
            int plane = xOff + (c0 + c) * H * W;
            for (int i = 0; i < g.kh; i++) {
                int iy0 = i * g.dh - g.pt;
                for (int j = 0; j < g.kw; j++) {
                    int ix0 = j * g.dw - g.pl;
                    int oxLo = Math.max(0, ceilDiv(-ix0, sw));
                    int oxHi = Math.min(outW, Math.max(0, ceilDiv(W - ix0, sw)));
                    if (oxLo > oxHi) oxLo = oxHi;
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * sh + iy0;
                        int dst = row + oy * outW;
                        if (iy < 0 || iy >= H) {
                            Arrays.fill(col, dst, dst + outW, 0f);
                            continue;
                        }
                        for (int ox = 0; ox < oxLo; ox++) col[dst + ox] = 0f;
                        int src = plane + iy * W + ix0;
                        if (sw == 1) {
                            if (oxHi > oxLo) System.arraycopy(x, src + oxLo, col, dst + oxLo, oxHi - oxLo);
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) col[dst + ox] = x[src + ox * sw];
                        }
                        for (int ox = oxHi; ox < outW; ox++) col[dst + ox] = 0f;
                    }
                    row += p;
                }
            }
        }
    }


    /** float32: 
     * Adjoint of {@link #im2colT}: adds the {@code (cg*kh*kw) x (outH*outW)} matrix at {@code col[colOff]} into
     * channels {@code [c0, c0+cg)} of the image starting at {@code x[xOff]}. Only {@code x} is modified (accumulated).
     */
    public static void col2imT(float[] col, int colOff, int c0, int cg, WindowGeometry g, float[] x, int xOff) {
        final int H = g.h, W = g.w, outH = g.outH, outW = g.outW, sw = g.sw, sh = g.sh;
        final int p = outH * outW;
        int row = colOff;
        for (int c = 0; c < cg; c++) {
            int plane = xOff + (c0 + c) * H * W;
            for (int i = 0; i < g.kh; i++) {
                int iy0 = i * g.dh - g.pt;
                for (int j = 0; j < g.kw; j++) {
                    int ix0 = j * g.dw - g.pl;
                    int oxLo = Math.max(0, ceilDiv(-ix0, sw));
                    int oxHi = Math.min(outW, Math.max(0, ceilDiv(W - ix0, sw)));
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * sh + iy0;
                        if (iy < 0 || iy >= H) continue;
                        int src = row + oy * outW;
                        int dst = plane + iy * W + ix0;
                        if (sw == 1) {
                            for (int ox = oxLo; ox < oxHi; ox++) x[dst + ox] += col[src + ox];
                        } else {
                            for (int ox = oxLo; ox < oxHi; ox++) x[dst + ox * sw] += col[src + ox];
                        }
                    }
                    row += p;
                }
            }
        }
    }
}
