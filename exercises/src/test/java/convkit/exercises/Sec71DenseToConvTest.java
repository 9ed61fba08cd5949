package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Visible tests of the d2l 7.1 exercises. */
class Sec71DenseToConvTest {

    @ParameterizedTest(name = "ci={0} co={1}")
    @CsvSource({"1, 1, 1", "3, 64, 192", "256, 512, 131072", "65536, 65536, 4294967296"})
    @Graded(number = "7.1.1.1", points = 1, hint = "With Δ = 0 the offsets a and b take one value each; count with long arithmetic")
    void deltaZeroWeights(int ci, int co, long expected) {
        assertEquals(expected, Sec71DenseToConv.deltaZeroWeights(ci, co));
    }

    @ParameterizedTest(name = "ci={0} co={1} {2}x{3}")
    @CsvSource({"1, 1, 1, 1", "3, 2, 4, 5", "5, 7, 3, 2", "2, 3, 1, 6"})
    @Graded(number = "7.1.1.2", points = 2, hint = "H[d, i, j] = sum over c of V[d, c] X[c, i, j]: compare with Ops.conv2d and a (c_o, c_i, 1, 1) kernel")
    void deltaZeroLayer(int ci, int co, int h, int w) {
        Tensor x = Tensor.randn(711, ci, h, w), v = Tensor.randn(712, co, ci);
        Tensor got = Sec71DenseToConv.deltaZeroLayer(x.copy(), v.copy());   // copies: the answer cannot change what it is compared with
        assertArrayEquals(new int[] {co, h, w}, got.shape(), "shape");
        Tensor conv = Ops.conv2d(x.reshape(1, ci, h, w), v.reshape(co, ci, 1, 1)).reshape(co, h, w);
        assertTrue(got.allClose(conv, 1e-12, 1e-12), () -> "expected\n" + conv + "\nbut got\n" + got);
    }

    @ParameterizedTest(name = "n={0} m={1}")
    @CsvSource({"8, 1", "8, 2", "8, 3", "9, 4", "9, 5", "10, 6", "7, 7"})
    @Graded(number = "7.1.2.1", points = 2, hint = "y[i] = sum over a < m of k[a] x[i + a], for i = 0 .. n - m")
    void audioLayer(int n, int m) {
        Tensor x = Tensor.randn(713, n), k = Tensor.randn(714, m);
        Tensor got = Sec71DenseToConv.audioLayer(x.copy(), k.copy());
        assertArrayEquals(new int[] {n - m + 1}, got.shape(), "shape");
        Tensor ref = Ops.corr2d(x.reshape(1, n), k.reshape(1, m)).reshape(n - m + 1);
        assertTrue(got.allClose(ref, 1e-12, 1e-12), () -> "expected\n" + ref + "\nbut got\n" + got);
    }

    @ParameterizedTest(name = "{0}x{1} k {2}x{3}")
    @CsvSource({"5, 5, 1, 1", "5, 5, 2, 2", "5, 5, 3, 3", "6, 8, 4, 4", "6, 8, 5, 2", "7, 7, 6, 7", "28, 28, 5, 5"})
    @Graded(number = "7.1.5.1", points = 2,
            hint = "An output's window lies inside the image for (h - kh + 1) x (w - kw + 1) outputs; the others see padding")
    void outputsTouchingPadding(int h, int w, int kh, int kw) {
        assertEquals(bruteForce(h, w, kh, kw, (kh - 1) / 2, (kw - 1) / 2), Sec71DenseToConv.outputsTouchingPadding(h, w, kh, kw));
    }

    /** Looks at every output's window (padding pt on top and pl on the left, the rest at the bottom and right). */
    static long bruteForce(int h, int w, int kh, int kw, int pt, int pl) {
        long n = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                boolean pad = i - pt < 0 || i - pt + kh - 1 >= h || j - pl < 0 || j - pl + kw - 1 >= w;
                if (pad) n++;
            }
        }
        return n;
    }

    @ParameterizedTest(name = "n={0} m={1}")
    @CsvSource({"1, 1", "3, 1", "2, 5", "4, 4", "6, 3"})
    @Graded(number = "7.1.6.1", points = 2, hint = "Add f[a] g[b] to position a + b; then f * g and g * f hold the same sums")
    void convolveFull(int n, int m) {
        Tensor f = Tensor.randn(715, n), g = Tensor.randn(716, m);
        Tensor fg = Sec71DenseToConv.convolveFull(f.copy(), g.copy()), gf = Sec71DenseToConv.convolveFull(g.copy(), f.copy());
        assertArrayEquals(new int[] {n + m - 1}, fg.shape(), "shape of f * g");
        double[] ref = new double[n + m - 1];
        for (int i = 0; i < ref.length; i++) {
            for (int a = 0; a < n; a++) if (i - a >= 0 && i - a < m) ref[i] += f.get(a) * g.get(i - a);
        }
        assertTrue(fg.allClose(Tensor.of(ref), 1e-12, 1e-12), () -> "f * g: expected\n" + Tensor.of(ref) + "\nbut got\n" + fg);
        assertTrue(gf.allClose(fg, 1e-12, 1e-12), () -> "g * f =\n" + gf + "\ndiffers from f * g =\n" + fg);
    }

    @Test
    @Graded(number = "7.1.6.2", points = 1, hint = "A strict convolution flips the kernel; compare with Ops.convolve2d on 1 x n images")
    void convolveFullMatchesTheLibrary() {
        Tensor f = Tensor.randn(717, 9), g = Tensor.randn(718, 4);
        // the valid part of the full convolution is the library's strict (flipped-kernel) convolution
        Tensor valid = Ops.convolve2d(f.reshape(1, 9), g.reshape(1, 4)).reshape(6);
        Tensor full = Sec71DenseToConv.convolveFull(f.copy(), g.copy());
        Tensor middle = Tensor.zeros(6);
        for (int i = 0; i < 6; i++) middle.set(full.get(i + 3), i);
        assertTrue(middle.allClose(valid, 1e-12, 1e-12), () -> "positions 3..8 of f * g should be\n" + valid + "\nbut are\n" + middle);
    }
}
