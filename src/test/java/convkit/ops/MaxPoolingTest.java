package convkit.ops;

import convkit.Ops;
import convkit.Tensor;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaxPoolingTest {
    private static final Tensor X = Rnd.arange(1, 1, 4, 4); // d2l 7.5.2: X = arange(16).reshape(1, 1, 4, 4)

    @Test
    void windowOfThreeDefaultsStrideToTheWindow() {
        // d2l 7.5.2, seed 000: MaxPool2D(3) -> [[[[10.]]]]
        Tensor y = Ops.maxPool2d(X, new int[] {3}, null, null);
        assertThat(y.shape()).containsExactly(1, 1, 1, 1);
        assertThat(y.data()).containsExactly(10);
    }

    @Test
    void paddingOneStrideTwo() {
        // d2l 7.5.2, seed 000: MaxPool2D(3, padding=1, strides=2) -> [[5, 7], [13, 15]]
        Tensor y = MaxPooling.maxPool2d(X, new int[] {3}, new int[] {2}, new int[] {1});
        assertThat(y.shape()).containsExactly(1, 1, 2, 2);
        assertThat(y.data()).containsExactly(5, 7, 13, 15);
    }

    @Test
    void rectangularWindowPaddingAndStride() {
        // d2l 7.5.2, seed 000: MaxPool2D((2, 3), padding=(1, 2), strides=(2, 3)) -> [[0, 3], [8, 11], [12, 15]]
        Tensor y = MaxPooling.maxPool2d(X, new int[] {2, 3}, new int[] {2, 3}, new int[] {1, 2});
        assertThat(y.shape()).containsExactly(1, 1, 3, 2);
        assertThat(y.data()).containsExactly(0, 3, 8, 11, 12, 15);
    }

    @Test
    void twoChannelsArePooledSeparately() {
        // d2l 7.5.3, seed 000: X = concat(X, X + 1) on channels; MaxPool2D(3, padding=1, strides=2)
        double[] d = new double[32];
        for (int i = 0; i < 16; i++) {
            d[i] = i;
            d[16 + i] = i + 1;
        }
        Tensor y = MaxPooling.maxPool2d(Tensor.wrap(d, 1, 2, 4, 4), new int[] {3}, new int[] {2}, new int[] {1});
        assertThat(y.shape()).containsExactly(1, 2, 2, 2);
        assertThat(y.data()).containsExactly(5, 7, 13, 15, 6, 8, 14, 16);
    }

    @Test
    void paddingIsMinusInfinityNotZero() {
        Tensor neg = Tensor.wrap(new double[] {-5, -6, -7, -8}, 1, 1, 2, 2);
        assertThat(MaxPooling.maxPool2d(neg, new int[] {2}, new int[] {1}, new int[] {1}).data())
                .containsExactly(-5, -5, -6, -5, -5, -6, -7, -7, -8);
    }

    @Test
    void backwardSendsEachGradientToTheFirstMaximumOnTies() {
        // all four values tie: the gradient goes to the top-left (first in row-major order) of each window
        Tensor x = Tensor.wrap(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3}, 1, 1, 4, 4);
        Tensor dy = Tensor.wrap(new double[] {10, 20, 30, 40}, 1, 1, 2, 2);
        Tensor dx = MaxPooling.maxPool2dBackward(x, dy, new int[] {2}, null, null);
        assertThat(dx.data()).containsExactly(10, 0, 20, 0, 0, 0, 0, 0, 30, 0, 40, 0, 0, 0, 0, 0);
        // overlapping windows (stride 1) on a plateau: each window picks its own first element; overlaps add
        Tensor flat = Tensor.wrap(new double[] {7, 7, 7, 7, 7, 7, 7, 7, 7}, 1, 1, 3, 3);
        Tensor dx2 = MaxPooling.maxPool2dBackward(flat, Tensor.wrap(new double[] {1, 2, 3, 4}, 1, 1, 2, 2), new int[] {2}, new int[] {1}, null);
        assertThat(dx2.data()).containsExactly(1, 2, 0, 3, 4, 0, 0, 0, 0);
        // the same element being the maximum of two windows receives both gradients
        Tensor peak = Tensor.wrap(new double[] {0, 0, 0, 0, 9, 0, 0, 0, 0}, 1, 1, 3, 3);
        Tensor dx3 = MaxPooling.maxPool2dBackward(peak, Tensor.wrap(new double[] {1, 2, 3, 4}, 1, 1, 2, 2), new int[] {2}, new int[] {1}, null);
        assertThat(dx3.data()).containsExactly(0, 0, 0, 0, 10, 0, 0, 0, 0);
    }

    @Test
    void rejectsBadArgumentsWithTheShapesInTheMessage() {
        assertThatThrownBy(() -> MaxPooling.maxPool2d(X, new int[] {2, 3}, null, new int[] {2, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding [2, 2]")
                .hasMessageContaining("at most kernel - 1").hasMessageContaining("kernel 2x3");
        assertThatThrownBy(() -> MaxPooling.maxPool2d(X, new int[] {5}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel 5x5")
                .hasMessageContaining("padded input 4x4").hasMessageContaining("[1, 1, 4, 4]");
        assertThatThrownBy(() -> MaxPooling.maxPool2d(X, new int[] {2}, new int[] {0}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride must be >= 1");
        assertThatThrownBy(() -> MaxPooling.maxPool2d(X, new int[] {2}, null, new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("padding must not be negative");
        assertThatThrownBy(() -> MaxPooling.maxPool2d(X, null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel must not be null");
        assertThatThrownBy(() -> MaxPooling.maxPool2d(X, new int[] {0}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel must be >= 1");
        assertThatThrownBy(() -> MaxPooling.maxPool2d(Rnd.arange(4, 4), new int[] {2}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must have rank 4").hasMessageContaining("[4, 4]");
        assertThatThrownBy(() -> MaxPooling.maxPool2d(null, new int[] {2}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x must not be null");
        assertThatThrownBy(() -> MaxPooling.maxPool2dBackward(X, Rnd.arange(1, 1, 3, 3), new int[] {2}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dy must have the output shape [1, 1, 2, 2]");
    }
}
