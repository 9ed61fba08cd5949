package convkit.ops;

import convkit.Ops;
import convkit.Tensor;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AvgPoolingTest {

    @Test
    void twoByTwoWindowsOfTheBookMatrix() {
        // d2l 7.5.1: X = [[0,1,2],[3,4,5],[6,7,8]], 2x2 avg pooling with stride 1 -> [[2, 3], [5, 6]]
        Tensor x = Rnd.arange(1, 1, 3, 3);
        assertThat(Ops.avgPool2d(x, new int[] {2}, new int[] {1}, null, true).data()).containsExactly(2, 3, 5, 6);
    }

    @Test
    void countIncludePadDecidesTheDivisorAtTheBorder() {
        // x = arange(9).reshape(1,1,3,3), window 2, stride 2, padding 1 -> windows at rows/cols {-1,0}, {1,2}
        Tensor x = Rnd.arange(1, 1, 3, 3);
        Tensor incl = AvgPooling.avgPool2d(x, new int[] {2}, new int[] {2}, new int[] {1}, true);
        assertThat(incl.data()).containsExactly(0 / 4.0, (1 + 2) / 4.0, (3 + 6) / 4.0, (4 + 5 + 7 + 8) / 4.0);
        Tensor excl = AvgPooling.avgPool2d(x, new int[] {2}, new int[] {2}, new int[] {1}, false);
        assertThat(excl.data()).containsExactly(0, (1 + 2) / 2.0, (3 + 6) / 2.0, (4 + 5 + 7 + 8) / 4.0);
    }

    @Test
    void backwardSpreadsEvenlyWithTheSameDivisor() {
        Tensor x = Rnd.arange(1, 1, 3, 3);
        Tensor dy = Tensor.wrap(new double[] {4, 8, 12, 16}, 1, 1, 2, 2);
        Tensor incl = AvgPooling.avgPool2dBackward(x, dy, new int[] {2}, new int[] {2}, new int[] {1}, true);
        assertThat(incl.data()).containsExactly(1, 2, 2, 3, 4, 4, 3, 4, 4);
        Tensor excl = AvgPooling.avgPool2dBackward(x, dy, new int[] {2}, new int[] {2}, new int[] {1}, false);
        assertThat(excl.data()).containsExactly(4, 4, 4, 6, 4, 4, 6, 4, 4);
        // overlapping windows add up: 2x2 windows, stride 1 on 3x3, dy = 1 everywhere
        Tensor ones = Tensor.wrap(new double[] {1, 1, 1, 1}, 1, 1, 2, 2);
        assertThat(AvgPooling.avgPool2dBackward(x, ones, new int[] {2}, new int[] {1}, null, true).data())
                .containsExactly(0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25);
    }

    @Test
    void rejectsBadArgumentsWithTheShapesInTheMessage() {
        Tensor x = Rnd.arange(1, 1, 3, 3);
        assertThatThrownBy(() -> AvgPooling.avgPool2d(x, new int[] {2}, null, new int[] {0, 0, 2, 0}, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most kernel - 1");
        assertThatThrownBy(() -> AvgPooling.avgPool2d(x, new int[] {4, 2}, null, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel 4x2").hasMessageContaining("padded input 3x3");
        assertThatThrownBy(() -> AvgPooling.avgPool2d(x, new int[] {2}, new int[] {-1}, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must be >= 1");
        assertThatThrownBy(() -> AvgPooling.avgPool2d(x, new int[] {2, 2, 2}, null, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel must have length 1");
        assertThatThrownBy(() -> AvgPooling.avgPool2d(Rnd.arange(2, 3, 3), new int[] {2}, null, null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must have rank 4");
    }
}
