package convkit.ops;

import convkit.Ops;
import convkit.Tensor;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvolutionTest {

    @Test
    void oneByOneExampleWithAllWeightsFour() {
        // seed 003 (1x1 convolution example): x (3, 2, 2), weights all 4, no bias -> [[16, 60], [56, 48]]
        Tensor x = Tensor.wrap(new double[] {1, 1, 5, 7, 2, 6, 7, 3, 1, 8, 2, 2}, 1, 3, 2, 2);
        Tensor w = Tensor.wrap(new double[] {4, 4, 4}, 1, 3, 1, 1);
        Tensor y = Ops.conv2d(x, w, null, null, null, null, 1);
        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.data()).containsExactly(16, 60, 56, 48);
    }

    @Test
    void outputSizesOfTheTwoQuestions() {
        // seed 003: 224x224, 11x11 filter, no padding, stride 1 -> 214; 4x4 filter, stride 4 -> 56
        Tensor x = Tensor.zeros(1, 1, 224, 224);
        assertThat(Convolution.conv2d(x, Tensor.zeros(1, 1, 11, 11), null, null, null, null, 1).shape()).containsExactly(1, 1, 214, 214);
        assertThat(Convolution.conv2d(x, Tensor.zeros(1, 1, 4, 4), null, new int[] {4}, null, null, 1).shape()).containsExactly(1, 1, 56, 56);
    }

    @Test
    void im2colGemmEqualsTheNaiveSevenLoopsOnRandomGeometries() {
        Random r = new Random(2024);
        for (int t = 0; t < 80; t++) {
            int groups = 1 + r.nextInt(3);
            int cg = 1 + r.nextInt(3), fg = 1 + r.nextInt(3);
            int n = 1 + r.nextInt(3), h = 1 + r.nextInt(9), w = 1 + r.nextInt(9);
            int[] pad = {r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3)};
            int dh = 1 + r.nextInt(2), dw = 1 + r.nextInt(2), sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3);
            int kh = 1 + r.nextInt((h + pad[0] + pad[1] - 1) / dh + 1), kw = 1 + r.nextInt((w + pad[2] + pad[3] - 1) / dw + 1);
            if (r.nextInt(5) == 0) { // exercise the pointwise shortcut
                kh = kw = 1;
                sh = sw = 1;
                pad = new int[4];
            }
            Tensor x = Rnd.uniform(3 * t, n, cg * groups, h, w);
            Tensor wt = Rnd.uniform(3 * t + 1, fg * groups, cg, kh, kw);
            Tensor b = r.nextBoolean() ? Rnd.uniform(3 * t + 2, fg * groups) : null;
            Tensor fast = Convolution.conv2d(x, wt, b, new int[] {sh, sw}, pad, new int[] {dh, dw}, groups);
            Tensor ref = Rnd.naiveConv(x, wt, b, sh, sw, pad, dh, dw, groups);
            assertThat(fast.shape()).as("trial %d", t).containsExactly(ref.shape());
            assertThat(Rnd.maxAbsDiff(fast.data(), ref.data())).as("trial %d", t).isLessThan(1e-12);
        }
    }

    @Test
    void largeBatchTakesTheParallelPathAndStillMatches() {
        Tensor x = Rnd.uniform(5, 8, 4, 20, 20), w = Rnd.uniform(6, 6, 2, 3, 3), b = Rnd.uniform(7, 6);
        Tensor fast = Convolution.conv2d(x, w, b, new int[] {1}, new int[] {1, 0, 2, 1}, new int[] {2}, 2);
        Tensor ref = Rnd.naiveConv(x, w, b, 1, 1, new int[] {1, 0, 2, 1}, 2, 2, 2);
        assertThat(Rnd.maxAbsDiff(fast.data(), ref.data())).isLessThan(1e-12);
    }

    @Test
    void backwardIsTheAdjointOfForward() {
        // for a linear map y = conv(x, w): <dy, conv(x, w)> = <dx, x> = <dw, w> with dx, dw from backward
        Random r = new Random(99);
        for (int t = 0; t < 30; t++) {
            int groups = 1 + r.nextInt(3), cg = 1 + r.nextInt(3), fg = 1 + r.nextInt(3);
            int h = 2 + r.nextInt(7), w = 2 + r.nextInt(7);
            int[] pad = {r.nextInt(2), r.nextInt(3), r.nextInt(2), r.nextInt(3)};
            int[] stride = {1 + r.nextInt(2), 1 + r.nextInt(3)}, dil = {1 + r.nextInt(2), 1};
            int kh = 1 + r.nextInt(Math.min(3, (h + pad[0] + pad[1] - 1) / dil[0] + 1)), kw = 1 + r.nextInt(Math.min(3, w));
            Tensor x = Rnd.uniform(t, 2, cg * groups, h, w), wt = Rnd.uniform(100 + t, fg * groups, cg, kh, kw);
            Tensor y = Convolution.conv2d(x, wt, null, stride, pad, dil, groups);
            Tensor dy = Rnd.uniform(200 + t, y.shape());
            Convolution.Gradients gr = Convolution.backward(x, wt, true, dy, stride, pad, dil, groups);
            double lhs = Rnd.dot(dy, y);
            assertThat(Rnd.dot(gr.dx(), x)).as("trial %d dx", t).isCloseTo(lhs, org.assertj.core.api.Assertions.within(1e-11));
            assertThat(Rnd.dot(gr.dw(), wt)).as("trial %d dw", t).isCloseTo(lhs, org.assertj.core.api.Assertions.within(1e-11));
            for (int f = 0; f < fg * groups; f++) {
                double s = 0;
                for (int q = 0; q < dy.size() / 2 / (fg * groups); q++) {
                    int per = dy.size() / 2 / (fg * groups);
                    s += dy.data()[f * per + q] + dy.data()[(fg * groups + f) * per + q];
                }
                assertThat(gr.db().data()[f]).isCloseTo(s, org.assertj.core.api.Assertions.within(1e-12));
            }
        }
    }

    @Test
    void rejectsBadArgumentsWithTheShapesInTheMessage() {
        Tensor x = Rnd.uniform(1, 2, 4, 5, 5), w = Rnd.uniform(2, 6, 4, 3, 3);
        assertThatThrownBy(() -> Convolution.conv2d(x, Rnd.uniform(3, 6, 3, 3, 3), null, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel mismatch")
                .hasMessageContaining("C_in = 4").hasMessageContaining("[6, 3, 3, 3]").hasMessageContaining("groups = 1");
        assertThatThrownBy(() -> Convolution.conv2d(x, Rnd.uniform(3, 6, 1, 3, 3), null, null, null, null, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups = 3 does not divide the input channels C_in = 4");
        assertThatThrownBy(() -> Convolution.conv2d(x, Rnd.uniform(3, 5, 2, 3, 3), null, null, null, null, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups = 2 does not divide the output channels F = 5");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups must be >= 1 but was 0");
        assertThatThrownBy(() -> Convolution.conv2d(x, Rnd.uniform(3, 1, 4, 6, 6), null, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel 6x6")
                .hasMessageContaining("padded input 5x5").hasMessageContaining("[2, 4, 5, 5]");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, null, null, new int[] {3}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dilation 3x3 spans 7x7");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, new int[] {1, 0}, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must be >= 1").hasMessageContaining("[1, 0]");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, null, new int[] {0, 0, -1, 0}, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding must not be negative")
                .hasMessageContaining("[0, 0, -1, 0]");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, null, new int[] {1, 1, 1}, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding must have length 1, 2");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, null, null, new int[] {0}, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dilation must be >= 1");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, null, new int[] {1, 1, 1}, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must have length 1");
        assertThatThrownBy(() -> Convolution.conv2d(Rnd.uniform(1, 4, 5, 5), w, null, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must have rank 4").hasMessageContaining("[4, 5, 5]");
        assertThatThrownBy(() -> Convolution.conv2d(x, Rnd.uniform(1, 4, 3, 3), null, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w must have rank 4").hasMessageContaining("[4, 3, 3]");
        assertThatThrownBy(() -> Convolution.conv2d(x, w, Rnd.uniform(1, 5), null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias b must have shape [6]").hasMessageContaining("[5]");
        assertThatThrownBy(() -> Convolution.conv2d(null, w, null, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must not be null");
        assertThatThrownBy(() -> Convolution.conv2d(x, null, null, null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("w must not be null");
        assertThatThrownBy(() -> Convolution.backward(x, w, true, Rnd.uniform(1, 2, 6, 4, 4), null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dy must have the output shape [2, 6, 3, 3]")
                .hasMessageContaining("[2, 6, 4, 4]");
    }
}
