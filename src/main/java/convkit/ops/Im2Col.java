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
