package convkit.testing;

import convkit.Tensor;

import java.util.Random;

/** Seeded random tensors and reference loops shared by the fast-path tests (test scope only). */
public final class Rnd {
    private Rnd() {
    }

    /** Uniform in [-1, 1), from {@code new Random(seed)}. */
    public static Tensor uniform(long seed, int... shape) {
        Random r = new Random(seed);
        double[] d = new double[(int) Tensor.product(shape)];
        for (int i = 0; i < d.length; i++) d[i] = 2 * r.nextDouble() - 1;
        return Tensor.wrap(d, shape);
    }

    /** 0, 1, 2, ... reshaped. */
    public static Tensor arange(int... shape) {
        double[] d = new double[(int) Tensor.product(shape)];
        for (int i = 0; i < d.length; i++) d[i] = i;
        return Tensor.wrap(d, shape);
    }

    public static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) s += a.data()[i] * b.data()[i];
        return s;
    }

    public static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }

    /**
     * The textbook 7-loop convolution (cross-correlation): y[n,f,oy,ox] = b[f] + sum over c in f's group, i, j of
     * x[n, c, oy*sh - pt + i*dh, ox*sw - pl + j*dw] * w[f, c - group start, i, j], zero outside the input.
     * pad = {top, bottom, left, right}.
     */
    public static Tensor naiveConv(Tensor x, Tensor w, Tensor b, int sh, int sw, int[] pad, int dh, int dw, int groups) {
        int n = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int f = w.dim(0), cg = w.dim(1), kh = w.dim(2), kw = w.dim(3), fg = f / groups;
        int oh = (h + pad[0] + pad[1] - dh * (kh - 1) - 1) / sh + 1;
        int ow = (wd + pad[2] + pad[3] - dw * (kw - 1) - 1) / sw + 1;
        double[] y = new double[n * f * oh * ow];
        double[] xd = x.data(), wdat = w.data();
        for (int in = 0; in < n; in++)
            for (int of = 0; of < f; of++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        double s = b == null ? 0 : b.data()[of];
                        int g = of / fg;
                        for (int ic = 0; ic < cg; ic++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int iy = oy * sh - pad[0] + i * dh, ix = ox * sw - pad[2] + j * dw;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                    s += xd[((in * c + g * cg + ic) * h + iy) * wd + ix]
                                            * wdat[((of * cg + ic) * kh + i) * kw + j];
                                }
                        y[((in * f + of) * oh + oy) * ow + ox] = s;
                    }
        return Tensor.wrap(y, n, f, oh, ow);
    }
}
