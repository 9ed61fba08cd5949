package convkit.ops;

import convkit.compute.ConvKernelsF;
import convkit.compute.Gemm;
import convkit.compute.Simd;
import convkit.compute.ThreadPool;

import java.util.Arrays;

/**
 * The float32 convolution of the vector path without im2col and without packing the windows: forward, dL/dW and
 * (for stride 1) dL/dx as matrix products whose unrolled operand is read straight from the (zero-padded) image by
 * {@link ConvKernelsF}, with the channels in the vector lanes.
 *
 * <ul>
 *   <li>forward: {@code y[n][f][q] = b[f] + sum over taps t=(c,i,j) of W[f][t] * x_pad[n][c][oy*sh + i*dh][ox*sw + j*dw]};
 *       register tile: output positions x output channels, the weights transposed to {@code (taps, F)};</li>
 *   <li>dL/dW: {@code dW[f][t] += sum over n, q of dY[n][f][q] * x_pad[n][window of q, tap t]}; tile: taps x output
 *       channels, dY transposed to {@code (positions, F)} per image;</li>
 *   <li>dL/dx (stride 1): a forward convolution of dY padded by {@code (k-1)*d} with the flipped kernel; tile: input
 *       positions x input channels.</li>
 * </ul>
 * Used for {@code groups = 1} when the vector code is on (the backward pass for stride 1 only). Each output element is one chain of fused multiply-adds in
 * a fixed order (forward: starting from the bias, over the taps (c, i, j) in order; dW: per share of images, over the
 * images and positions in order, the shares then added in order), so results do not depend on the JIT or on timing.
 */
final class DirectConv {
    private DirectConv() {
    }

    /** {@code -Dconvkit.directConv=false} sends float32 convolutions the im2col way (for comparisons). */
    private static final boolean ON = !"false".equals(System.getProperty("convkit.directConv"));

    /** Whether {@link #forward} and {@link #weightGradient} handle this convolution. */
    static boolean applies(WindowGeometry g, int groups) {
        return ON && groups == 1 && Simd.enabled() && g.outH > 0 && g.outW > 0;
    }

    /**
     * Whether {@link #weightGradient} and {@link #inputGradient} handle the backward pass: stride 1 as well (with a
     * larger stride, dW this way measured slower than the packed GEMM on 32x3x224x224 -> 64 k11 s4, and dx would need
     * a dilated dY).
     */
    static boolean backwardApplies(WindowGeometry g, int groups) {
        return applies(g, groups) && g.sh == 1 && g.sw == 1;
    }

    /** Per-thread buffers. */
    private static final class Work {
        float[] img = new float[0], acc = new float[0], bt = new float[0];

        float[] img(int n) {
            if (img.length < n) img = new float[n];
            return img;
        }

        float[] acc(int n) {
            if (acc.length < n) acc = new float[n];
            return acc;
        }

        float[] bt(int n) {
            if (bt.length < n) bt = new float[n];
            return bt;
        }
    }

    private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

    private static int lanesPadded(int f) {
        int l = ConvKernelsF.L;
        return (f + l - 1) / l * l;
    }

    /** Rows per tile for a chunk of lanes starting at f0 (of fp): 6 rows of two vectors, or 12 of one. */
    private static int chunk(int fp, int f0) {
        return fp - f0 >= 2 * ConvKernelsF.L ? 2 * ConvKernelsF.L : ConvKernelsF.L;
    }

    /** {@code n} values padded to a multiple of 12 by repeating the last one. */
    private static int[] padRows(int[] v, int n) {
        int[] r = Arrays.copyOf(v, (n + 11) / 12 * 12);
        for (int i = n; i < r.length; i++) r[i] = v[n - 1];
        return r;
    }

    private static boolean padded(WindowGeometry g) {
        return g.pt != 0 || g.pb != 0 || g.pl != 0 || g.pr != 0;
    }

    /** Copies image {@code n} of x into {@code dst} with its zero border: (C, H+pt+pb, W+pl+pr). */
    private static void padImage(float[] x, int n, WindowGeometry g, float[] dst) {
        int hp = g.h + g.pt + g.pb, wp = g.w + g.pl + g.pr;
        Arrays.fill(dst, 0, g.c * hp * wp, 0f);
        for (int c = 0; c < g.c; c++) {
            int src = (n * g.c + c) * g.h * g.w, d = c * hp * wp + g.pt * wp + g.pl;
            for (int r = 0; r < g.h; r++) System.arraycopy(x, src + r * g.w, dst, d + r * wp, g.w);
        }
    }

    /** Tap offsets (c, i, j) in an image of rows {@code wp} and planes {@code hp*wp}. */
    private static int[] tapOffsets(WindowGeometry g, int hp, int wp) {
        int[] t = new int[g.c * g.kh * g.kw];
        int k = 0;
        for (int c = 0; c < g.c; c++) {
            for (int i = 0; i < g.kh; i++) {
                for (int j = 0; j < g.kw; j++) t[k++] = c * hp * wp + i * g.dh * wp + j * g.dw;
            }
        }
        return t;
    }

    /** Where each output position's window starts, (oy, ox) in order, in an image of rows {@code wp}. */
    private static int[] positions(WindowGeometry g, int wp) {
        int[] p = new int[g.outH * g.outW];
        for (int oy = 0, k = 0; oy < g.outH; oy++) {
            for (int ox = 0; ox < g.outW; ox++) p[k++] = oy * g.sh * wp + ox * g.sw;
        }
        return p;
    }

    /**
     * Runs the tiles of {@code acc (rows, fp)} (row stride fp) = acc + A . B over all rows (a multiple of 12) and lane
     * chunks.
     */
    private static void product(float[] a, int[] base, int rows, int shift, int[] offs, int k0, int kn,
                                float[] b, int bOff, int fp, float[] acc, int accOff) {
        for (int f0 = 0; f0 < fp; ) {
            int cw = chunk(fp, f0);
            if (cw == 2 * ConvKernelsF.L) {
                for (int r = 0; r < rows; r += 6) {
                    ConvKernelsF.tile6x2(a, base, r, shift, offs, k0, kn, b, bOff + f0, fp, acc, accOff + r * fp + f0, fp);
                }
            } else {
                for (int r = 0; r < rows; r += 12) {
                    ConvKernelsF.tile12x1(a, base, r, shift, offs, k0, kn, b, bOff + f0, fp, acc, accOff + r * fp + f0, fp);
                }
            }
            f0 += cw;
        }
    }

    /**
     * Whether channels this few ({@code < 2L}) at stride 1 go in the rows and the positions in the lanes: a register
     * tile with the channels in the lanes would leave lanes empty and need a broadcast per FMA.
     */
    private static boolean fewChannels(WindowGeometry g, int channels) {
        return channels < 2 * ConvKernelsF.L && g.sh == 1 && g.sw == 1;
    }

    /** Forward: overwrites {@code y (N, F, outH, outW)}; {@code bias} may be null. */
    static void forward(float[] x, float[] w, float[] bias, WindowGeometry g, int f, float[] y) {
        if (fewChannels(g, f)) {
            forwardShifted(x, w, bias, g, f, y);
            return;
        }
        final int k = g.c * g.kh * g.kw, p = g.outPlane(), fp = lanesPadded(f);
        final boolean pad = padded(g);
        final int hp = g.h + g.pt + g.pb, wp = g.w + g.pl + g.pr, img = g.c * hp * wp;
        final int[] taps = tapOffsets(g, hp, wp);
        final int[] pos = padRows(positions(g, wp), p);
        final int rows = pos.length;
        final float[] wt = new float[k * fp];   // W^T: (taps, F), zero lanes beyond F
        for (int o = 0; o < f; o++) {
            for (int t = 0; t < k; t++) wt[t * fp + o] = w[o * k + t];
        }
        long flops = (long) g.n * f * p * k;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            Work wk = WORK.get();
            float[] xp = pad ? wk.img(img) : null;
            float[] acc = wk.acc(rows * fp);
            for (int n = n0; n < n1; n++) {
                float[] src = x;
                int shift = n * g.c * g.h * g.w;
                if (pad) {
                    padImage(x, n, g, xp);
                    src = xp;
                    shift = 0;
                }
                for (int r = 0; r < rows; r++) {
                    int d = r * fp;
                    if (bias == null) {
                        Arrays.fill(acc, d, d + fp, 0f);
                    } else {
                        System.arraycopy(bias, 0, acc, d, f);
                        Arrays.fill(acc, d + f, d + fp, 0f);
                    }
                }
                product(src, pos, rows, shift, taps, 0, k, wt, 0, fp, acc, 0);
                int yo = n * f * p;
                for (int o = 0; o < f; o++) {
                    int d = yo + o * p;
                    for (int q = 0; q < p; q++) y[d + q] = acc[q * fp + o];
                }
            }
        });
    }

    /**
     * dL/dW: returns one partial {@code (F, C, kh, kw)} per share of images (null for unused slots), to be added in
     * order by the caller.
     */
    static float[][] weightGradient(float[] x, float[] dy, WindowGeometry g, int f) {
        if (fewChannels(g, f)) return weightGradientDot(x, dy, g, f);
        final int k = g.c * g.kh * g.kw, p = g.outPlane(), fp = lanesPadded(f);
        final boolean pad = padded(g);
        final int hp = g.h + g.pt + g.pb, wp = g.w + g.pl + g.pr, img = g.c * hp * wp;
        final int[] taps = padRows(tapOffsets(g, hp, wp), k);
        final int[] pos = positions(g, wp);
        final int rows = taps.length, kb = Math.max(16, (1 << 14) / fp);
        final float[][] parts = new float[g.n][];
        long flops = (long) g.n * f * p * k;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            Work wk = WORK.get();
            float[] xp = pad ? wk.img(img) : null;
            float[] dyt = wk.bt(p * fp);
            float[] acc = new float[rows * fp];   // dW^T (taps, F), chains over the share's images and positions
            for (int n = n0; n < n1; n++) {
                float[] src = x;
                int shift = n * g.c * g.h * g.w;
                if (pad) {
                    padImage(x, n, g, xp);
                    src = xp;
                    shift = 0;
                }
                int dyo = n * f * p;
                for (int q = 0; q < p; q++) {
                    int d = q * fp;
                    for (int o = 0; o < f; o++) dyt[d + o] = dy[dyo + o * p + q];
                    for (int o = f; o < fp; o++) dyt[d + o] = 0f;
                }
                for (int k0 = 0; k0 < p; k0 += kb) {   // positions in blocks whose rows of dY^T stay in L2 (64 KB)
                    int kn = Math.min(kb, p - k0);
                    product(src, taps, rows, shift, pos, k0, kn, dyt, k0 * fp, fp, acc, 0);
                }
            }
            float[] dw = new float[f * k];
            for (int o = 0; o < f; o++) {
                for (int t = 0; t < k; t++) dw[o * k + t] = acc[t * fp + o];
            }
            parts[n0] = dw;
        });
        return parts;
    }

    /** dL/dx for stride 1: overwrites {@code dx (N, C, H, W)}. */
    static void inputGradient(float[] w, float[] dy, WindowGeometry g, int f, float[] dx) {
        if (fewChannels(g, g.c)) {
            inputGradientShifted(w, dy, g, f, dx);
            return;
        }
        final int c = g.c, kk = g.kh * g.kw, k = f * kk, cp = lanesPadded(c), hw = g.h * g.w;
        final int ptop = (g.kh - 1) * g.dh, pleft = (g.kw - 1) * g.dw;
        final int hq = g.h + g.pt + ptop, wq = g.w + g.pl + pleft, plane = hq * wq, p = g.outPlane();
        final int[] taps = new int[k];          // (f, i, j): the flipped kernel over the padded dY
        final float[] wd = new float[k * cp];   // (taps, C)
        for (int o = 0, t = 0; o < f; o++) {
            for (int i = 0; i < g.kh; i++) {
                for (int j = 0; j < g.kw; j++, t++) {
                    taps[t] = o * plane + (g.kh - 1 - i) * g.dh * wq + (g.kw - 1 - j) * g.dw;
                    for (int ci = 0; ci < c; ci++) wd[t * cp + ci] = w[((o * c + ci) * g.kh + i) * g.kw + j];
                }
            }
        }
        int[] at = new int[hw];
        for (int yy = 0, q = 0; yy < g.h; yy++) {
            for (int xx = 0; xx < g.w; xx++) at[q++] = (yy + g.pt) * wq + xx + g.pl;
        }
        final int[] pos = padRows(at, hw);
        final int rows = pos.length;
        final int rowsIn = Math.min(g.outH, hq - ptop), colsIn = Math.min(g.outW, wq - pleft);
        long flops = (long) g.n * f * p * c * kk;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            Work wk = WORK.get();
            float[] dyp = wk.img(f * plane);
            float[] acc = wk.acc(rows * cp);
            for (int n = n0; n < n1; n++) {
                Arrays.fill(dyp, 0, f * plane, 0f);
                for (int o = 0; o < f; o++) {
                    int src = (n * f + o) * p, d = o * plane + ptop * wq + pleft;
                    for (int oy = 0; oy < rowsIn; oy++) System.arraycopy(dy, src + oy * g.outW, dyp, d + oy * wq, colsIn);
                }
                Arrays.fill(acc, 0, rows * cp, 0f);
                product(dyp, pos, rows, 0, taps, 0, k, wd, 0, cp, acc, 0);
                int xo = n * c * hw;
                for (int ci = 0; ci < c; ci++) {
                    int d = xo + ci * hw;
                    for (int q = 0; q < hw; q++) dx[d + q] = acc[q * cp + ci];
                }
            }
        });
    }

    // ---- few channels, stride 1: the positions in the lanes. A position (oy, ox) is v = oy*wp + ox in the padded
    // image's grid (rows wp wide), so the window of tap t at positions v, v+1, ... is the run at v + offset(t); the
    // wp - outW positions at the end of each row are computed too and dropped.

    private static int roundUp(int v, int m) {
        return (v + m - 1) / m * m;
    }

    /** Forward with the output channels in the rows (tiles of 6) and the positions in the lanes. */
    private static void forwardShifted(float[] x, float[] w, float[] bias, WindowGeometry g, int f, float[] y) {
        final int k = g.c * g.kh * g.kw, p = g.outPlane(), fr = roundUp(f, 6), tw = 2 * ConvKernelsF.L;
        final int hp = g.h + g.pt + g.pb, wp = g.w + g.pl + g.pr, img = g.c * hp * wp;
        final int vp = roundUp((g.outH - 1) * wp + g.outW, tw);
        final int[] taps = tapOffsets(g, hp, wp);
        final float[] wq = new float[k * fr];   // (taps, F rounded up to 6), zero rows beyond F
        for (int o = 0; o < f; o++) {
            for (int t = 0; t < k; t++) wq[t * fr + o] = w[o * k + t];
        }
        long flops = (long) g.n * f * p * k;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            Work wk = WORK.get();
            float[] xp = wk.img(img + tw);   // the guard: the last tile reads past the image
            float[] acc = wk.acc(fr * vp);
            Arrays.fill(xp, img, img + tw, 0f);
            for (int n = n0; n < n1; n++) {
                padImage(x, n, g, xp);
                for (int o = 0; o < fr; o++) Arrays.fill(acc, o * vp, (o + 1) * vp, bias == null || o >= f ? 0f : bias[o]);
                for (int r = 0; r < fr; r += 6) {
                    for (int v0 = 0; v0 < vp; v0 += tw) {
                        ConvKernelsF.tile6x2s(wq, r, fr, xp, v0, taps, 0, k, acc, r * vp + v0, vp);
                    }
                }
                for (int o = 0; o < f; o++) {
                    int d = (n * f + o) * p;
                    for (int oy = 0; oy < g.outH; oy++) System.arraycopy(acc, o * vp + oy * wp, y, d + oy * g.outW, g.outW);
                }
            }
        });
    }

    /** dL/dx (stride 1) with the input channels in the rows and the positions of dx in the lanes. */
    private static void inputGradientShifted(float[] w, float[] dy, WindowGeometry g, int f, float[] dx) {
        final int c = g.c, kk = g.kh * g.kw, k = f * kk, cr = roundUp(c, 6), hw = g.h * g.w, tw = 2 * ConvKernelsF.L;
        final int ptop = (g.kh - 1) * g.dh, pleft = (g.kw - 1) * g.dw;
        final int hq = g.h + g.pt + ptop, wq = g.w + g.pl + pleft, plane = hq * wq, p = g.outPlane();
        final int vp = roundUp((g.h - 1) * wq + g.w, tw), base0 = g.pt * wq + g.pl;
        final int[] taps = new int[k];           // (f, i, j): the flipped kernel over the padded dY
        final float[] wd = new float[k * cr];    // (taps, C rounded up to 6)
        for (int o = 0, t = 0; o < f; o++) {
            for (int i = 0; i < g.kh; i++) {
                for (int j = 0; j < g.kw; j++, t++) {
                    taps[t] = o * plane + (g.kh - 1 - i) * g.dh * wq + (g.kw - 1 - j) * g.dw;
                    for (int ci = 0; ci < c; ci++) wd[t * cr + ci] = w[((o * c + ci) * g.kh + i) * g.kw + j];
                }
            }
        }
        final int rowsIn = Math.min(g.outH, hq - ptop), colsIn = Math.min(g.outW, wq - pleft);
        final int size = f * plane + tw;   // the guard: the last tile reads past the planes
        long flops = (long) g.n * f * p * c * kk;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            Work wk = WORK.get();
            float[] dyp = wk.img(size);
            float[] acc = wk.acc(cr * vp);
            for (int n = n0; n < n1; n++) {
                Arrays.fill(dyp, 0, size, 0f);
                for (int o = 0; o < f; o++) {
                    int src = (n * f + o) * p, d = o * plane + ptop * wq + pleft;
                    for (int oy = 0; oy < rowsIn; oy++) System.arraycopy(dy, src + oy * g.outW, dyp, d + oy * wq, colsIn);
                }
                Arrays.fill(acc, 0, cr * vp, 0f);
                for (int r = 0; r < cr; r += 6) {
                    for (int v0 = 0; v0 < vp; v0 += tw) {
                        ConvKernelsF.tile6x2s(wd, r, cr, dyp, base0 + v0, taps, 0, k, acc, r * vp + v0, vp);
                    }
                }
                for (int ci = 0; ci < c; ci++) {
                    int d = (n * c + ci) * hw;
                    for (int yy = 0; yy < g.h; yy++) System.arraycopy(acc, ci * vp + yy * wq, dx, d + yy * g.w, g.w);
                }
            }
        });
    }

    /**
     * dL/dW (stride 1) as lane-wise dot products: dY laid out on the padded grid (zeros where no output is) times
     * the image's runs, over the share's images; the lanes summed at the end in lane order.
     */
    private static float[][] weightGradientDot(float[] x, float[] dy, WindowGeometry g, int f) {
        final int k = g.c * g.kh * g.kw, p = g.outPlane(), fr = roundUp(f, 6), kp = roundUp(k, 2), l = ConvKernelsF.L;
        final int hp = g.h + g.pt + g.pb, wp = g.w + g.pl + g.pr, img = g.c * hp * wp;
        final int vp = roundUp((g.outH - 1) * wp + g.outW, l);
        final int[] taps = Arrays.copyOf(tapOffsets(g, hp, wp), kp);
        if (kp > k) taps[k] = taps[k - 1];
        final float[][] parts = new float[g.n][];
        long flops = (long) g.n * f * p * k;
        ThreadPool.forRange(g.n, flops >= Gemm.PARALLEL_THRESHOLD, (n0, n1) -> {
            Work wk = WORK.get();
            float[] xp = wk.img(img + l);
            Arrays.fill(xp, img, img + l, 0f);
            float[] dyv = wk.bt(fr * vp);
            Arrays.fill(dyv, 0, fr * vp, 0f);        // rows beyond F and the positions past each row stay zero
            float[] acc = new float[fr * kp * l];    // (F, taps, lanes)
            for (int n = n0; n < n1; n++) {
                padImage(x, n, g, xp);
                for (int o = 0; o < f; o++) {
                    int src = (n * f + o) * p;
                    for (int oy = 0; oy < g.outH; oy++) System.arraycopy(dy, src + oy * g.outW, dyv, o * vp + oy * wp, g.outW);
                }
                for (int r = 0; r < fr; r += 6) {
                    for (int t = 0; t < kp; t += 2) {
                        ConvKernelsF.dot6x2(dyv, r * vp, vp, xp, 0, taps[t], taps[t + 1], vp, acc, (r * kp + t) * l, kp * l);
                    }
                }
            }
            float[] dw = new float[f * k];
            for (int o = 0; o < f; o++) {
                for (int t = 0; t < k; t++) {
                    float s = 0f;
                    for (int i = 0, a = (o * kp + t) * l; i < l; i++) s += acc[a + i];
                    dw[o * k + t] = s;
                }
            }
            parts[n0] = dw;
        });
        return parts;
    }
}
