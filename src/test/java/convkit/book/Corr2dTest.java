package convkit.book;

import convkit.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Worked examples of d2l 7.2 and 7.4 (seeds 000, 002 and 004). */
class Corr2dTest {
    static final Tensor X3 = Tensor.of(new double[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}});
    static final Tensor K2 = Tensor.of(new double[][] {{0, 1}, {2, 3}});

    /** d2l 7.2.3: a 6x8 image, columns 2..5 black (0), the rest white (1). */
    static Tensor edgeImage() {
        Tensor x = Tensor.ones(6, 8);
        for (int i = 0; i < 6; i++) for (int j = 2; j < 6; j++) x.set(0, i, j);
        return x;
    }

    @Test
    void corr2dOfTheBookFigure() {
        assertThat(Corr2d.corr2d(X3, K2)).isEqualTo(Tensor.of(new double[][] {{19, 25}, {37, 43}}));
    }

    @Test
    void edgeDetection() {
        Tensor k = Tensor.of(new double[][] {{1, -1}});
        Tensor y = Corr2d.corr2d(edgeImage(), k);
        assertThat(y.shape()).containsExactly(6, 7);
        for (int i = 0; i < 6; i++) {
            assertThat(y.at(i).toArray()).containsExactly(0, 1, 0, 0, 0, -1, 0);
        }
        // the kernel only detects vertical edges: on the transpose it gives an 8x5 zero matrix
        Tensor yt = Corr2d.corr2d(edgeImage().transpose(), k);
        assertThat(yt).isEqualTo(Tensor.zeros(8, 5));
        // seed 002's variant: only column 4 black
        Tensor x2 = Tensor.ones(6, 8);
        for (int i = 0; i < 6; i++) x2.set(0, i, 4);
        assertThat(Corr2d.corr2d(x2, k).at(0).toArray()).containsExactly(0, 0, 0, 1, -1, 0, 0);
    }

    @Test
    void strictConvolutionFlipsTheKernel() {
        // flip([[0,1],[2,3]]) = [[3,2],[1,0]]: 0*3+1*2+3*1+4*0 = 5
        assertThat(Corr2d.flip(K2)).isEqualTo(Tensor.of(new double[][] {{3, 2}, {1, 0}}));
        assertThat(Corr2d.convolve2d(X3, K2)).isEqualTo(Tensor.of(new double[][] {{5, 11}, {23, 29}}));
        // convolving with the flipped kernel is cross-correlating with the original (d2l 7.2.4)
        assertThat(Corr2d.convolve2d(X3, Corr2d.flip(K2))).isEqualTo(Corr2d.corr2d(X3, K2));
    }

    static final Tensor XC = Tensor.of(new double[][][] {{{0, 1, 2}, {3, 4, 5}, {6, 7, 8}}, {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}});
    static final Tensor KC = Tensor.of(new double[][][] {{{0, 1}, {2, 3}}, {{1, 2}, {3, 4}}});

    @Test
    void multiInputChannels() {
        assertThat(Corr2d.corr2dMultiIn(XC, KC)).isEqualTo(Tensor.of(new double[][] {{56, 72}, {104, 120}}));
    }

    @Test
    void multiOutputChannels() {
        Tensor k = Tensor.stack(KC, KC.add(1), KC.add(2));
        assertThat(Corr2d.corr2dMultiInOut(XC, k)).isEqualTo(Tensor.of(new double[][][] {
                {{56, 72}, {104, 120}}, {{76, 100}, {148, 172}}, {{96, 128}, {192, 224}}}));
    }

    @Test
    void oneByOneIsAMatrixProduct() {
        Tensor x = Tensor.rand(1, 3, 3, 3);
        Tensor k = Tensor.rand(2, 2, 3, 1, 1);
        Tensor y1 = Corr2d.corr2dMultiInOut1x1(x, k);
        Tensor y2 = Corr2d.corr2dMultiInOut(x, k);
        assertThat(y1.shape()).containsExactly(2, 3, 3);
        assertThat(y1.sub(y2).abs().sum()).isLessThan(1e-12); // d2l: float(torch.abs(Y1 - Y2).sum()) < 1e-6
        // seed 003: x (3,2,2) with all weights 4 gives [[16, 60], [56, 48]]
        Tensor x3 = Tensor.of(new double[][][] {{{1, 1}, {5, 7}}, {{2, 6}, {7, 3}}, {{1, 8}, {2, 2}}});
        Tensor y3 = Corr2d.corr2dMultiInOut1x1(x3, Tensor.full(4, 1, 3, 1, 1));
        assertThat(y3).isEqualTo(Tensor.of(new double[][][] {{{16, 60}, {56, 48}}}));
    }

    @Test
    void badInputNamesArgumentAndShapes() {
        assertThatThrownBy(() -> Corr2d.corr2d(K2, X3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("K").hasMessageContaining("[3, 3]").hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> Corr2d.corr2d(XC, K2)).hasMessageContaining("X must have rank 2").hasMessageContaining("[2, 3, 3]");
        assertThatThrownBy(() -> Corr2d.corr2dMultiIn(XC, K2.reshape(1, 2, 2))).hasMessageContaining("channel mismatch")
                .hasMessageContaining("[2, 3, 3]").hasMessageContaining("[1, 2, 2]");
        assertThatThrownBy(() -> Corr2d.corr2dMultiInOut1x1(XC, Tensor.zeros(1, 2, 2, 2))).hasMessageContaining("(c_out, c, 1, 1)");
        assertThatThrownBy(() -> Corr2d.corr2d(null, K2)).hasMessageContaining("X must not be null");
    }
}
