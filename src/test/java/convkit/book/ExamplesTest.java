package convkit.book;

import convkit.Tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExamplesTest {
    private static Tensor t(double[][] v) {
        return Tensor.of(v);
    }

    @Test
    void correlationFigure() {
        // d2l 7.2.1 (seed 000, 004): X = [[0,1,2],[3,4,5],[6,7,8]], K = [[0,1],[2,3]]
        assertThat(Examples.correlationX()).isEqualTo(t(new double[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}));
        assertThat(Examples.correlationK()).isEqualTo(t(new double[][] {{0, 1}, {2, 3}}));
    }

    @Test
    void edgeImageHasColumnsTwoToFiveBlack() {
        // d2l 7.2.3 (seed 000): X = ones((6, 8)); X[:, 2:6] = 0
        double[] row = {1, 1, 0, 0, 0, 0, 1, 1};
        Tensor x = Examples.edgeImage();
        assertThat(x.shape()).containsExactly(6, 8);
        for (int i = 0; i < 6; i++) assertThat(x.at(i).toArray()).containsExactly(row);
        assertThat(Examples.edgeKernel()).isEqualTo(t(new double[][] {{1, -1}}));
    }

    @Test
    void freshTensorsEachCall() {
        Tensor a = Examples.edgeImage();
        a.set(5, 0, 0);
        assertThat(Examples.edgeImage().get(0, 0)).isEqualTo(1.0);
    }

    @Test
    void diagonalImage() {
        assertThat(Examples.diagonalImage(3)).isEqualTo(t(new double[][] {{1, 0, 0}, {1, 1, 0}, {1, 1, 1}}));
        assertThatThrownBy(() -> Examples.diagonalImage(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n must be >= 2");
    }

    @Test
    void channelExamples() {
        // d2l 7.4.1/7.4.2 (seed 000, 002)
        assertThat(Examples.multiInX()).isEqualTo(Tensor.of(new double[][][] {
            {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}}));
        assertThat(Examples.multiInK()).isEqualTo(Tensor.of(new double[][][] {{{0, 1}, {2, 3}}, {{1, 2}, {3, 4}}}));
        Tensor k3 = Examples.multiInOutK();
        assertThat(k3.shape()).containsExactly(3, 2, 2, 2);
        assertThat(k3.at(2)).isEqualTo(Tensor.of(new double[][][] {{{2, 3}, {4, 5}}, {{3, 4}, {5, 6}}}));
    }

    @Test
    void oneByOneExample() {
        // seed 003: x of shape (3, 2, 2), weights all 4
        assertThat(Examples.oneByOneX()).isEqualTo(Tensor.of(new double[][][] {
            {{1, 1}, {5, 7}}, {{2, 6}, {7, 3}}, {{1, 8}, {2, 2}}}));
        assertThat(Examples.oneByOneK().shape()).containsExactly(1, 3, 1, 1);
        assertThat(Examples.oneByOneK().toArray()).containsOnly(4.0);
    }

    @Test
    void poolingInput() {
        // d2l 7.5.2: X = arange(16).reshape((1, 1, 4, 4))
        Tensor x = Examples.poolingX();
        assertThat(x.shape()).containsExactly(1, 1, 4, 4);
        assertThat(x.get(0, 0, 3, 2)).isEqualTo(14.0);
    }
}
