package convkit.ops;

import convkit.Tensor;
import convkit.compute.Simd;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float32 direct convolution (forward, dW, db, dx without im2col) against float64 loops on the same float32
 * values, each element within the float32 rounding bound of its sum: {@code (terms + 1) * 2^-23} times the sum of the
 * absolute values of its terms (computed by the same float64 code on |x|, |w|, |dy|).
 */
class DirectConvTest {
    private static final double U = Math.ulp(1f);

    private static Tensor f32(Tensor t) {
        return t == null ? null : t.to(Tensor.DType.FLOAT32);
    }

    private static void within(String what, float[] actual, double[] exact, double[] absSum, int terms) {
        assertThat(actual.length).as(what).isEqualTo(exact.length);
        for (int i = 0; i < actual.length; i++) {
            double tol = (terms + 2) * U * absSum[i] + Float.MIN_NORMAL;
            if (!(Math.abs(actual[i] - exact[i]) <= tol)) {
                throw new AssertionError(what + " element " + i + ": " + actual[i] + " but the float64 sum is " + exact[i]
                        + " (tolerance " + tol + ")");
            }
        }
    }

    private static void check(String name, int n, int c, int h, int w, int f, int kh, int kw, int[] stride, int[] pad,
                              int[] dil, boolean bias, long seed) {
        Tensor x = f32(Rnd.uniform(seed, n, c, h, w)), wt = f32(Rnd.uniform(seed + 1, f, c, kh, kw));
        Tensor b = bias ? f32(Rnd.uniform(seed + 2, f)) : null;
        WindowGeometry g = WindowGeometry.conv(x, wt, b, stride, pad, dil, 1);
        if (Simd.enabled()) assertThat(DirectConv.applies(g, 1)).as(name).isTrue();
        float[] xs = x.floatData().clone(), ws = wt.floatData().clone();
        float[] y = new float[g.n * f * g.outPlane()];
        Convolution.forward(x.floatData(), wt.floatData(), b == null ? null : b.floatData(), g, f, 1, y);
        Tensor x64 = x.toFloat64(), w64 = wt.toFloat64(), b64 = b == null ? null : b.toFloat64();
        Tensor ref = Rnd.naiveConv(x64, w64, b64, g.sh, g.sw, pad4(pad), g.dh, g.dw, 1);
        Tensor abs = Rnd.naiveConv(x64.abs(), w64.abs(), b64 == null ? null : b64.abs(), g.sh, g.sw, pad4(pad), g.dh, g.dw, 1);
        int taps = c * kh * kw;
        within(name + " forward", y, ref.data(), abs.data(), taps);

        Tensor dy = f32(Rnd.uniform(seed + 3, g.n, f, g.outH, g.outW));
        float[] dys = dy.floatData().clone();
        float[] dx = new float[x.size()], dw = new float[wt.size()], db = bias ? new float[f] : null;
        java.util.Arrays.fill(dx, Float.NaN);   // overwritten
        Convolution.backward(x.floatData(), wt.floatData(), dy.floatData(), g, f, 1, dx, dw, db);
        Convolution.Gradients e = Convolution.backward(x64, w64, bias, dy.toFloat64(), stride, pad, dil, 1);
        Convolution.Gradients a = Convolution.backward(x64.abs(), w64.abs(), bias, dy.toFloat64().abs(), stride, pad, dil, 1);
        within(name + " dx", dx, e.dx().data(), a.dx().data(), f * kh * kw);
        within(name + " dw", dw, e.dw().data(), a.dw().data(), g.n * g.outPlane());
        if (bias) within(name + " db", db, e.db().data(), a.db().data(), g.n * g.outPlane());
        assertThat(x.floatData()).as(name + " x unchanged").containsExactly(xs);
        assertThat(wt.floatData()).as(name + " w unchanged").containsExactly(ws);
        assertThat(dy.floatData()).as(name + " dy unchanged").containsExactly(dys);

        // dW and db are added into what is there
        float[] dw2 = dw.clone(), db2 = bias ? db.clone() : null;
        Convolution.backward(x.floatData(), wt.floatData(), dy.floatData(), g, f, 1, null, dw2, db2);
        within(name + " dw added twice", dw2, e.dw().mul(2).data(), a.dw().mul(2).data(), g.n * g.outPlane() + 1);
        if (bias) within(name + " db added twice", db2, e.db().mul(2).data(), a.db().mul(2).data(), g.n * g.outPlane() + 1);
    }

    private static int[] pad4(int[] p) {
        return p.length == 4 ? p : new int[] {p[0], p[0], p[0], p[0]};
    }

    @Test
    void lenetShapes() {
        check("conv1", 3, 1, 28, 28, 6, 5, 5, new int[] {1}, new int[] {2}, new int[] {1}, true, 1);
        check("conv2", 3, 6, 14, 14, 16, 5, 5, new int[] {1}, new int[] {0}, new int[] {1}, true, 11);
    }

    @Test
    void aBatchLargeEnoughForThreads() {
        check("batch 40", 40, 6, 14, 14, 16, 5, 5, new int[] {1}, new int[] {1}, new int[] {1}, true, 21);
    }

    @Test
    void randomGeometries() {
        Random r = new Random(17);
        int[] channels = {1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 24, 33};
        for (int t = 0; t < 60; t++) {
            int n = 1 + r.nextInt(3), c = channels[r.nextInt(channels.length)], f = channels[r.nextInt(channels.length)];
            int h = 1 + r.nextInt(11), w = 1 + r.nextInt(11);
            int[] pad = {r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3)};
            int dh = 1 + r.nextInt(2), dw = 1 + r.nextInt(2);
            int sh = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1, sw = r.nextInt(3) == 0 ? 1 + r.nextInt(3) : 1;
            int kh = 1 + r.nextInt((h + pad[0] + pad[1] - 1) / dh + 1), kw = 1 + r.nextInt((w + pad[2] + pad[3] - 1) / dw + 1);
            check("trial " + t + " (" + n + "x" + c + "x" + h + "x" + w + " -> " + f + " k" + kh + "x" + kw + " s" + sh + "x" + sw
                            + " p" + java.util.Arrays.toString(pad) + " d" + dh + "x" + dw + ")",
                    n, c, h, w, f, kh, kw, new int[] {sh, sw}, pad, new int[] {dh, dw}, r.nextBoolean(), 100 + 7L * t);
        }
    }
}
