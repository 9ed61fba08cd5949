package convkit.ops;

import convkit.Ops;
import convkit.Tensor;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Im2ColTest {

    @Test
    void shapesOfTheBookExample() {
        // DLFS 7.4.3, seed 001: x1 = rand(1, 3, 7, 7) -> col1.shape (9, 75); x2 = rand(10, 3, 7, 7) -> (90, 75)
        assertThat(Im2Col.im2col(Rnd.uniform(1, 1, 3, 7, 7), 5, 5, 1, 0).shape()).containsExactly(9, 75);
        assertThat(Ops.im2col(Rnd.uniform(2, 10, 3, 7, 7), 5, 5, 1, 0).shape()).containsExactly(90, 75);
    }

    @Test
    void rowsAreReceptiveFieldsInChannelRowColumnOrder() {
        // x = arange(2*3*3).reshape(1, 2, 3, 3), 2x2 windows, stride 1: 4 rows (oy, ox), 8 columns (c, i, j)
        Tensor col = Im2Col.im2col(Rnd.arange(1, 2, 3, 3), 2, 2, 1, 0);
        assertThat(col.shape()).containsExactly(4, 8);
        assertThat(col.data()).containsExactly(
                0, 1, 3, 4, 9, 10, 12, 13,
                1, 2, 4, 5, 10, 11, 13, 14,
                3, 4, 6, 7, 12, 13, 15, 16,
                4, 5, 7, 8, 13, 14, 16, 17);
    }

    @Test
    void paddingReadsAsZeroAndStrideSkips() {
        // x = arange(9).reshape(1,1,3,3), 2x2 windows, stride 2, pad 1 -> outH = outW = floor((3+2-2)/2)+1 = 2
        Tensor col = Im2Col.im2col(Rnd.arange(1, 1, 3, 3), 2, 2, 2, 1);
        assertThat(col.data()).containsExactly(
                0, 0, 0, 0,
                0, 0, 1, 2,
                0, 3, 0, 6,
                4, 5, 7, 8);
    }

    @Test
    void col2imAccumulatesOverlaps() {
        // every x position receives one 1 per window that covers it: 3x3 input, 2x2 windows stride 1
        Tensor ones = Tensor.wrap(new double[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 4, 4);
        Tensor x = Ops.col2im(ones, new int[] {1, 1, 3, 3}, 2, 2, 1, 0);
        assertThat(x.shape()).containsExactly(1, 1, 3, 3);
        assertThat(x.data()).containsExactly(1, 2, 1, 2, 4, 2, 1, 2, 1);
    }

    @Test
    void col2imIsTheAdjointOfIm2colOnRandomGeometries() {
        Random r = new Random(42);
        for (int t = 0; t < 60; t++) {
            int n = 1 + r.nextInt(3), c = 1 + r.nextInt(3), h = 1 + r.nextInt(8), w = 1 + r.nextInt(8);
            int[] pad = {r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3)};
            int dh = 1 + r.nextInt(2), dw = 1 + r.nextInt(2);
            int kh = 1 + r.nextInt((h + pad[0] + pad[1] - 1) / dh + 1), kw = 1 + r.nextInt((w + pad[2] + pad[3] - 1) / dw + 1);
            int[] stride = {1 + r.nextInt(3), 1 + r.nextInt(3)};
            int[] k = {kh, kw}, dil = {dh, dw};
            Tensor x = Rnd.uniform(t, n, c, h, w);
            Tensor col = Im2Col.im2col(x, k, stride, pad, dil);
            Tensor y = Rnd.uniform(1000 + t, col.shape());
            Tensor back = Im2Col.col2im(y, x.shape(), k, stride, pad, dil);
            double lhs = Rnd.dot(col, y), rhs = Rnd.dot(x, back);
            assertThat(lhs).as("<im2col(x), y> vs <x, col2im(y)> for trial %d", t)
                    .isCloseTo(rhs, org.assertj.core.api.Assertions.within(1e-12 * (1 + Math.abs(lhs))));
        }
    }

    @Test
    void rejectsBadArgumentsWithTheShapesInTheMessage() {
        Tensor x = Rnd.uniform(1, 1, 3, 4, 4);
        assertThatThrownBy(() -> Im2Col.im2col(x, 5, 5, 1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel 5x5").hasMessageContaining("padded input 4x4")
                .hasMessageContaining("[1, 3, 4, 4]");
        assertThatThrownBy(() -> Im2Col.im2col(x, 2, 2, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride must be >= 1").hasMessageContaining("[0]");
        assertThatThrownBy(() -> Im2Col.im2col(x, 2, 2, 1, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("padding must not be negative").hasMessageContaining("[-1]");
        assertThatThrownBy(() -> Im2Col.im2col(x, new int[] {2}, null, null, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dilation must be >= 1");
        assertThatThrownBy(() -> Im2Col.im2col(Rnd.uniform(1, 3, 4, 4), 2, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must have rank 4")
                .hasMessageContaining("[3, 4, 4]");
        assertThatThrownBy(() -> Im2Col.im2col(null, 2, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must not be null");
        Tensor col = Im2Col.im2col(x, 2, 2, 1, 0);
        assertThatThrownBy(() -> Im2Col.col2im(col, new int[] {1, 3, 5, 5}, 2, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("col has shape [9, 12]")
                .hasMessageContaining("(16, 12)");
        assertThatThrownBy(() -> Im2Col.col2im(col, new int[] {3, 5, 5}, 2, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xShape must be an NCHW shape");
        assertThatThrownBy(() -> Im2Col.col2im(col, null, 2, 2, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xShape must not be null");
    }
}
