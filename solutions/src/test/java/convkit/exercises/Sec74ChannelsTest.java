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

/** Visible tests of the d2l 7.4 exercises. */
class Sec74ChannelsTest {

    @ParameterizedTest(name = "k1={0} k2={1}")
    @CsvSource({"3, 3, 5", "5, 1, 5", "2, 4, 5"})
    @Graded(number = "7.4.1.1", points = 1, hint = "An output of the second layer sees k2 outputs of the first, which together see k1 + k2 - 1 inputs")
    void composedKernelSize(int k1, int k2, int expected) {
        assertEquals(expected, Sec74Channels.composedKernelSize(k1, k2));
    }

    @ParameterizedTest(name = "k1 {0}x{1}, k2 {2}x{3}")
    @CsvSource({"3, 3, 2, 2", "1, 3, 2, 1", "2, 3, 3, 2"})
    @Graded(number = "7.4.1.2", points = 3,
            hint = "K[u + s][v + t] += k1[u][v] * k2[s][t]; check with Ops.corr2d(Ops.corr2d(X, k1), k2) on a random X")
    void composeKernels(int a, int b, int c, int d) {
        Tensor k1 = Tensor.randn(741, a, b), k2 = Tensor.randn(742, c, d), x = Tensor.randn(743, 7, 8);
        Tensor k = Sec74Channels.composeKernels(k1.copy(), k2.copy());   // copies: the answer cannot change k1 or k2
        assertArrayEquals(new int[] {a + c - 1, b + d - 1}, k.shape(), "shape of the composed kernel");
        Tensor twoLayers = Ops.corr2d(Ops.corr2d(x, k1), k2);
        Tensor oneLayer = Ops.corr2d(x, k);
        assertTrue(twoLayers.allClose(oneLayer, 1e-9, 1e-12),
                () -> "corr2d(corr2d(X, k1), k2) =\n" + twoLayers + "\nbut corr2d(X, composed) =\n" + oneLayer);
    }

    // ci=3, 8x8, co=4, 3x3, pad 1, stride 1 -> 4 x 8 x 8 outputs of 27 products each = 6912
    // ci=2, 7x9, co=5, 3x2, pad (0, 1), stride (2, 3) -> oh = 3, ow = floor(10/3)+1 = 4: 5*3*4*2*3*2 = 720
    // ci=1, 6x6, co=1, 3x3, stride 2 -> o = floor(3/2)+1 = 2 (ceil would give 3): 4 outputs * 9 = 36
    @ParameterizedTest(name = "ci={0} {1}x{2} co={3} k {4}x{5} p ({6},{7}) s ({8},{9})")
    @CsvSource({"3, 8, 8, 4, 3, 3, 1, 1, 1, 1, 6912, 192, 108, 256, 13824",
                "2, 7, 9, 5, 3, 2, 0, 1, 2, 3, 720, 126, 60, 60, 1440",
                "1, 28, 28, 6, 5, 5, 2, 2, 1, 1, 117600, 784, 150, 4704, 235200",
                "1, 6, 6, 1, 3, 3, 0, 0, 2, 2, 36, 36, 9, 4, 72",
                "512, 2048, 2048, 512, 3, 3, 1, 1, 1, 1, 9895604649984, 2147483648, 2359296, 2147483648, 19791209299968",
                "3, 50000, 50000, 64, 4, 2, 1, 0, 2, 1, 1919961600000, 7500000000, 1536, 79998400000, 3839923200000"})
    @Graded(number = "7.4.2.1", points = 3,
            hint = "Forward: c_o * o_h * o_w outputs times c_i * k_h * k_w products each; memory: input + kernel + output; "
                    + "backward: dx and dk each cost as much as the forward pass")
    void costAndMemory(int ci, int h, int w, int co, int kh, int kw, int ph, int pw, int sh, int sw,
                       long macs, long input, long kernel, long output, long backward) {
        assertEquals(macs, Sec74Channels.forwardMultiplyAdds(ci, h, w, co, kh, kw, ph, pw, sh, sw), "forward multiply-adds");
        assertEquals(input + kernel + output, Sec74Channels.forwardMemory(ci, h, w, co, kh, kw, ph, pw, sh, sw), "forward memory");
        assertEquals(backward, Sec74Channels.backwardMultiplyAdds(ci, h, w, co, kh, kw, ph, pw, sh, sw), "backward multiply-adds");
    }

    // backward keeps the input and the kernel and reads dY (the output's size); it writes dX and dK
    @ParameterizedTest(name = "ci={0} {1}x{2} co={3} k {4}x{5} p ({6},{7}) s ({8},{9})")
    @CsvSource({"3, 8, 8, 4, 3, 3, 1, 1, 1, 1, 856",
                "2, 7, 9, 5, 3, 2, 0, 1, 2, 3, 432",
                "512, 2048, 2048, 512, 3, 3, 1, 1, 1, 1, 6447169536",
                "3, 50000, 50000, 64, 4, 2, 1, 0, 2, 1, 94998403072"})
    @Graded(number = "7.4.2.3", points = 2,
            hint = "While backward runs: the input and the kernel it kept, dY, and the dX and dK it writes (each the size of x or K)")
    void backwardMemory(int ci, int h, int w, int co, int kh, int kw, int ph, int pw, int sh, int sw, long expected) {
        assertEquals(expected, Sec74Channels.backwardMemory(ci, h, w, co, kh, kw, ph, pw, sh, sw));
    }

    @Test
    @Graded(number = "7.4.3.1", points = 1, hint = "The cost is c_o * c_i * (the rest)")
    void costFactorDoublingChannels() {
        assertEquals(4.0, Sec74Channels.costFactorDoublingChannels(), 1e-12);
    }

    // 8x8, 3x3, p=1 -> 8x8 = 64; p=2 -> 10x10 = 100: factor 100/64. 7x7, 3x3, p=1, s=2 -> 4x4; p=2 -> 5x5: 25/16.
    // 6x10, 3x5, p=(0,2) -> 4x10 = 40; p=(0,4) -> 4x14 = 56: 1.4
    @ParameterizedTest(name = "{0}x{1} k {2}x{3} p ({4},{5}) s ({6},{7})")
    // 8x8, 4x2, p=1 -> 7x9 = 63; p=2 -> 9x11 = 99: 99/63 (an even kernel)
    @CsvSource({"8, 8, 3, 3, 1, 1, 1, 1, 1.5625", "7, 7, 3, 3, 1, 1, 2, 2, 1.5625", "6, 10, 3, 5, 0, 2, 1, 1, 1.4",
                "8, 8, 4, 2, 1, 1, 1, 1, 1.5714285714285714"})
    @Graded(number = "7.4.3.2", points = 2, hint = "Only o_h * o_w changes: compare it with padding p and with padding 2p")
    void costFactorDoublingPadding(int h, int w, int kh, int kw, int ph, int pw, int sh, int sw, double factor) {
        assertEquals(factor, Sec74Channels.costFactorDoublingPadding(h, w, kh, kw, ph, pw, sh, sw), 1e-12);
    }

    @Test
    @Graded(number = "7.4.4.1", points = 1, hint = "Y1[o][p] sums k[o][c] * x[c][p] over c in the order c = 0, 1, 2 in both; "
            + "compare where each of them rounds: after every product and every addition, or once per multiply-add")
    void y1VersusY2() {
        assertEquals(Sec74Channels.Equality.EXACTLY_EQUAL, Sec74Channels.y1VersusY2(false), "plain loops (simd false)");
        assertEquals(Sec74Channels.Equality.EQUAL_UP_TO_ROUNDING, Sec74Channels.y1VersusY2(true), "vector loops (simd true)");
    }

    @Test
    @Graded(number = "7.4.4.2", points = 1, hint = "Arrays.equals(a.shape(), b.shape()), then a.equals(b), then a.allClose(b, 1e-12, 1e-12)")
    void compare() {
        Tensor a = Tensor.rand(747, 2, 3, 3);
        Tensor oneUlp = a.copy();
        oneUlp.data()[4] = Math.nextUp(oneUlp.data()[4]);
        Tensor far = a.add(1e-6);
        assertEquals(Sec74Channels.Equality.EXACTLY_EQUAL, Sec74Channels.compare(a, a.copy()), "a copy");
        assertEquals(Sec74Channels.Equality.EQUAL_UP_TO_ROUNDING, Sec74Channels.compare(a, oneUlp), "one element one ulp up");
        assertEquals(Sec74Channels.Equality.DIFFERENT, Sec74Channels.compare(a, far), "every element 1e-6 up");
        assertEquals(Sec74Channels.Equality.DIFFERENT, Sec74Channels.compare(a, a.reshape(3, 2, 3)), "same numbers, other shape");
    }

    @ParameterizedTest(name = "k {0}x{1} on {2}x{3}")
    @CsvSource({"2, 2, 3, 3", "1, 2, 3, 4", "3, 2, 5, 4"})
    @Graded(number = "7.4.5.1", points = 3, hint = "Row i*ow + j of M holds k[a][b] in column (i + a)*w + (j + b)")
    void convolutionMatrix(int kh, int kw, int h, int w) {
        Tensor k = Tensor.randn(745, kh, kw), x = Tensor.randn(746, h, w);
        Tensor m = Sec74Channels.convolutionMatrix(k.copy(), h, w);   // a copy: the answer cannot change k
        int oh = h - kh + 1, ow = w - kw + 1;
        assertArrayEquals(new int[] {oh * ow, h * w}, m.shape(), "shape of the convolution matrix");
        Tensor viaMatrix = m.matmul(x.reshape(h * w, 1)).reshape(oh, ow);
        Tensor direct = Ops.corr2d(x, k);
        assertTrue(viaMatrix.allClose(direct, 1e-9, 1e-12), () -> "M X gives\n" + viaMatrix + "\nbut corr2d(X, k) is\n" + direct);
    }
}
