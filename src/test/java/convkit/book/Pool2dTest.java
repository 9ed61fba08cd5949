package convkit.book;

import convkit.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** d2l 7.5.1 (seed 000). */
class Pool2dTest {
    static final Tensor X = Tensor.of(new double[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}});

    @Test
    void maxAndAverage() {
        assertThat(Pool2d.pool2d(X, 2, 2, "max")).isEqualTo(Tensor.of(new double[][] {{4, 5}, {7, 8}}));
        assertThat(Pool2d.pool2d(X, 2, 2, "avg")).isEqualTo(Tensor.of(new double[][] {{2, 3}, {5, 6}}));
        assertThat(Pool2d.pool2d(X, 1, 3, "max").toArray()).containsExactly(2, 5, 8);
    }

    @Test
    void unknownModeAndBadWindow() {
        assertThatThrownBy(() -> Pool2d.pool2d(X, 2, 2, "sum")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mode").hasMessageContaining("\"sum\"");
        assertThatThrownBy(() -> Pool2d.pool2d(X, 4, 2, "max")).hasMessageContaining("4x2").hasMessageContaining("[3, 3]");
        assertThatThrownBy(() -> Pool2d.pool2d(X, 0, 2, "max")).hasMessageContaining("0x2");
    }
}
