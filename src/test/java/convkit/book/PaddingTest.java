package convkit.book;

import convkit.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaddingTest {
    static final Tensor X = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void zeroPaddingPerSide() {
        Tensor p = Padding.pad2d(X, 1);
        assertThat(p.shape()).containsExactly(4, 5);
        assertThat(p.sum()).isEqualTo(21.0);
        assertThat(p.get(1, 1)).isEqualTo(1.0);
        Tensor a = Padding.pad2d(X.reshape(1, 1, 2, 3), 0, 1, 2, 0, Padding.Mode.ZEROS);
        assertThat(a.shape()).containsExactly(1, 1, 3, 5);
        assertThat(a.get(0, 0, 0, 2)).isEqualTo(1.0);
    }

    @Test
    void reflectAndReplicate() {
        // numpy.pad([[1,2,3],[4,5,6]], 1, mode="reflect") = [[5,4,5,6,5],[2,1,2,3,2],[5,4,5,6,5],[2,1,2,3,2]]
        assertThat(Padding.pad2d(X, 1, 1, 1, 1, Padding.Mode.REFLECT)).isEqualTo(Tensor.of(new double[][] {
                {5, 4, 5, 6, 5}, {2, 1, 2, 3, 2}, {5, 4, 5, 6, 5}, {2, 1, 2, 3, 2}}));
        // numpy.pad(..., 1, mode="edge")
        assertThat(Padding.pad2d(X, 1, 1, 1, 1, Padding.Mode.REPLICATE)).isEqualTo(Tensor.of(new double[][] {
                {1, 1, 2, 3, 3}, {1, 1, 2, 3, 3}, {4, 4, 5, 6, 6}, {4, 4, 5, 6, 6}}));
    }

    @Test
    void badPadding() {
        assertThatThrownBy(() -> Padding.pad2d(X, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("top=-1");
        assertThatThrownBy(() -> Padding.pad2d(X, 2, 2, 0, 0, Padding.Mode.REFLECT)).hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> Padding.pad2d(Tensor.zeros(3), 1)).hasMessageContaining("rank >= 2");
    }
}
