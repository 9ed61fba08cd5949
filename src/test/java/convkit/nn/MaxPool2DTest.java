package convkit.nn;

import convkit.testing.Rnd;
import convkit.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaxPool2DTest {

    @Test
    void layerForwardMatchesTheBookAndBackwardRoutesToTheMaxima() {
        // d2l 7.5.2, seed 000: MaxPool2D((2, 3), padding=(1, 2), strides=(2, 3)) on arange(16) -> [[0,3],[8,11],[12,15]]
        MaxPool2D pool = new MaxPool2D(new int[] {2, 3}, new int[] {2, 3}, new int[] {1, 2});
        Tensor y = pool.forward(Rnd.arange(1, 1, 4, 4));
        assertThat(y.data()).containsExactly(0, 3, 8, 11, 12, 15);
        Tensor dx = pool.backward(Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 3, 2));
        assertThat(dx.data()).containsExactly(1, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 4, 5, 0, 0, 6);
    }

    @Test
    void gradientCheckWithPaddingAndOverlap() {
        // distinct random values: no ties within the finite-difference step
        GradCheck.assertGradients(new MaxPool2D(new int[] {3}, new int[] {2}, new int[] {1}), Rnd.uniform(1, 2, 2, 6, 7), 1);
        GradCheck.assertGradients(new MaxPool2D(new int[] {2, 3}, null, new int[] {1, 0, 2, 1}), Rnd.uniform(2, 1, 3, 5, 5), 2);
    }

    @Test
    void rejectsBadArguments() {
        MaxPool2D pool = new MaxPool2D(new int[] {2}, null, null);
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 1, 1))).isInstanceOf(IllegalStateException.class);
        pool.forward(Rnd.arange(1, 1, 4, 4));
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 1, 3, 3]");
        assertThatThrownBy(() -> new MaxPool2D(new int[] {2}, new int[] {0}, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride must be >= 1");
        assertThatThrownBy(() -> new MaxPool2D(new int[] {3}, null, new int[] {3}).forward(Rnd.arange(1, 1, 4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most kernel - 1");
    }
}
