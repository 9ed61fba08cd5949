package convkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AvgPool2DTest {

    @Test
    void layerMatchesTheStaticOp() {
        Tensor x = Rnd.uniform(1, 2, 3, 5, 5);
        AvgPool2D pool = new AvgPool2D(new int[] {3}, new int[] {2}, new int[] {1}, false);
        assertThat(pool.forward(x).data())
                .containsExactly(AvgPool.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}, false).data());
    }

    @Test
    void gradientCheckBothDivisors() {
        GradCheck.assertGradients(new AvgPool2D(new int[] {3}, new int[] {2}, new int[] {1}, true), Rnd.uniform(1, 2, 2, 6, 7), 1);
        GradCheck.assertGradients(new AvgPool2D(new int[] {3}, new int[] {2}, new int[] {1}, false), Rnd.uniform(1, 2, 2, 6, 7), 1);
        GradCheck.assertGradients(new AvgPool2D(new int[] {2, 3}, new int[] {1, 2}, new int[] {0, 1, 2, 0}, false),
                Rnd.uniform(2, 1, 2, 5, 6), 2);
    }

    @Test
    void rejectsBadArguments() {
        AvgPool2D pool = new AvgPool2D(new int[] {2}, null, null, true);
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 1, 1))).isInstanceOf(IllegalStateException.class);
        pool.forward(Rnd.arange(1, 1, 4, 4));
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dy must have the output shape [1, 1, 2, 2]");
        assertThatThrownBy(() -> new AvgPool2D(new int[] {2}, null, new int[] {-1}, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("padding must not be negative");
    }
}
