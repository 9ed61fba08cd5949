package convkit.nn;

import convkit.Tensor;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MaxPool2DTest {

    @Test
    void layerForwardMatchesTheBookAndBackwardRoutesToTheMaxima() {
        // d2l 7.5.2, seed 000: MaxPool2D((2, 3), padding=(1, 2), strides=(2, 3)) on arange(16) -> [[0,3],[8,11],[12,15]]
        MaxPool2D pool = MaxPool2D.of(2, 3).stride(2, 3).padding(1, 2).build();
        Tensor y = pool.forward(Rnd.arange(1, 1, 4, 4));
        assertThat(y.data()).containsExactly(0, 3, 8, 11, 12, 15);
        Tensor dx = pool.backward(Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 1, 1, 3, 2));
        assertThat(dx.data()).containsExactly(1, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 4, 5, 0, 0, 6);
    }

    @Test
    void gradientCheckWithPaddingAndOverlap() {
        // distinct random values: no ties within the finite-difference step
        GradCheck.assertGradients(MaxPool2D.of(3).stride(2).padding(1).build(), Rnd.uniform(1, 2, 2, 6, 7), 1);
        GradCheck.assertGradients(MaxPool2D.of(2, 3).padding(1, 0, 2, 1).build(), Rnd.uniform(2, 1, 3, 5, 5), 2);
    }

    @Test
    void rejectsBadArguments() {
        MaxPool2D pool = MaxPool2D.of(2).build();
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 1, 1))).isInstanceOf(IllegalStateException.class);
        pool.forward(Rnd.arange(1, 1, 4, 4));
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 1, 3, 3]");
        assertThatThrownBy(() -> MaxPool2D.of(2).stride(0).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stride must be >= 1");
        assertThatThrownBy(() -> MaxPool2D.of(3).padding(3).build().forward(Rnd.arange(1, 1, 4, 4)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most kernel - 1");
    }

    @Test
    void builderDefaultsAndSettings() {
        assertThat(MaxPool2D.of(2).build()).hasToString("MaxPool2D(kernel [2, 2], stride [2, 2], padding [0, 0, 0, 0])");
        assertThat(MaxPool2D.of(3, 2).stride(1).padding(1, 0).build())
                .hasToString("MaxPool2D(kernel [3, 2], stride [1, 1], padding [1, 1, 0, 0])");
        assertThatThrownBy(() -> MaxPool2D.of()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel must have length 1 (both axes) or 2 ({h, w}) but was []");
        assertThatThrownBy(() -> MaxPool2D.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel must be >= 1 on each axis but was [0]");
        assertThatThrownBy(() -> MaxPool2D.of(2).stride(2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stride must be >= 1 on each axis but was [2, 0]");
        // a window must hold a real element, so padding is at most kernel - 1: said when the padding is set
        assertThatThrownBy(() -> MaxPool2D.of(2).padding(2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("padding [2]").hasMessageContaining("at most kernel - 1");
    }
}
