package convkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void nestedArraysAreRowMajor() {
        Tensor t = Tensor.of(new double[][] {{0, 1, 2}, {3, 4, 5}});
        assertThat(t.shape()).containsExactly(2, 3);
        assertThat(t.toArray()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(t.get(1, 2)).isEqualTo(5.0);
        Tensor t4 = Tensor.of(new double[][][][] {{{{1, 2}}, {{3, 4}}}});
        assertThat(t4.shape()).containsExactly(1, 2, 1, 2);
        assertThat(t4.get(0, 1, 0, 1)).isEqualTo(4.0);
    }

    @Test
    void raggedNestedArraysAreRejectedWithTheirShapes() {
        assertThatThrownBy(() -> Tensor.of(new double[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ragged").hasMessageContaining("expected length 2").hasMessageContaining("[1]");
        assertThatThrownBy(() -> Tensor.of(new double[][][] {{{1}}, {{1}, {2}}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ragged");
    }

    @Test
    void wrapChecksTheShapeAgainstTheData() {
        assertThatThrownBy(() -> Tensor.wrap(new double[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("5");
        assertThatThrownBy(() -> Tensor.zeros(2, -1)).hasMessageContaining("negative");
    }

    @Test
    void factories() {
        assertThat(Tensor.arange(4).toArray()).containsExactly(0, 1, 2, 3);
        assertThat(Tensor.ones(2, 2).sum()).isEqualTo(4.0);
        assertThat(Tensor.full(7, 3).toArray()).containsExactly(7, 7, 7);
        assertThat(Tensor.arange(0, 1, 0.25).toArray()).containsExactly(0, 0.25, 0.5, 0.75);
        assertThat(Tensor.rand(42, 3, 3)).isEqualTo(Tensor.rand(42, 3, 3));
        assertThat(Tensor.rand(42, 3, 3)).isNotEqualTo(Tensor.rand(43, 3, 3));
        // java.util.Random's algorithm is specified by the JDK, so the first draw of seed 42 is fixed everywhere.
        assertThat(Tensor.rand(42, 1).item()).isEqualTo(new java.util.Random(42).nextDouble());
        assertThat(Tensor.rand(1, 1000).max()).isLessThan(1.0);
        assertThat(Tensor.rand(1, 1000).min()).isGreaterThanOrEqualTo(0.0);
    }

    @Test
    void reshapeSharesDataAndInfersOneExtent() {
        Tensor t = Tensor.arange(16);
        Tensor r = t.reshape(1, 1, 4, -1);
        assertThat(r.shape()).containsExactly(1, 1, 4, 4);
        r.set(99, 0, 0, 3, 3);
        assertThat(t.get(15)).isEqualTo(99.0);
        assertThatThrownBy(() -> t.reshape(3, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[16]").hasMessageContaining("[3, -1]");
        assertThatThrownBy(() -> t.reshape(-1, -1)).hasMessageContaining("only one");
    }

    @Test
    void transposeAndPermute() {
        Tensor x = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertThat(x.transpose()).isEqualTo(Tensor.of(new double[][] {{1, 4}, {2, 5}, {3, 6}}));
        Tensor y = Tensor.arange(24).reshape(2, 3, 4);
        Tensor p = y.permute(2, 0, 1);
        assertThat(p.shape()).containsExactly(4, 2, 3);
        assertThat(p.get(3, 1, 2)).isEqualTo(y.get(1, 2, 3));
        assertThatThrownBy(() -> y.transpose()).hasMessageContaining("2-D").hasMessageContaining("[2, 3, 4]");
        assertThatThrownBy(() -> y.permute(0, 0, 1)).hasMessageContaining("permutation");
    }

    @Test
    void stackAndConcat() {
        Tensor k = Tensor.of(new double[][][] {{{0, 1}, {2, 3}}, {{1, 2}, {3, 4}}});
        Tensor s = Tensor.stack(k, k.add(1), k.add(2));
        assertThat(s.shape()).containsExactly(3, 2, 2, 2); // d2l 7.4.2: K.shape == (3, 2, 2, 2)
        assertThat(s.get(2, 1, 1, 1)).isEqualTo(6.0);
        Tensor x = Tensor.arange(16).reshape(1, 1, 4, 4);
        Tensor c = Tensor.concat(1, x, x.add(1));
        assertThat(c.shape()).containsExactly(1, 2, 4, 4);
        assertThat(c.get(0, 1, 3, 3)).isEqualTo(16.0);
        assertThatThrownBy(() -> Tensor.stack(x, Tensor.zeros(2))).hasMessageContaining("[1, 1, 4, 4]").hasMessageContaining("[2]");
        assertThatThrownBy(() -> Tensor.concat(1, x, Tensor.zeros(1, 1, 3, 4))).hasMessageContaining("[1, 1, 3, 4]");
    }

    @Test
    void arithmeticBroadcastsLikeNumpy() {
        Tensor a = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor row = Tensor.of(new double[] {10, 20, 30});
        Tensor col = Tensor.of(new double[][] {{1}, {2}});
        assertThat(a.add(row)).isEqualTo(Tensor.of(new double[][] {{11, 22, 33}, {14, 25, 36}}));
        assertThat(a.mul(col)).isEqualTo(Tensor.of(new double[][] {{1, 2, 3}, {8, 10, 12}}));
        assertThat(a.sub(1).div(2).toArray()).containsExactly(0, 0.5, 1, 1.5, 2, 2.5);
        assertThat(a.neg().abs()).isEqualTo(a);
        assertThat(a.pow(2).sum()).isEqualTo(91.0);
        assertThatThrownBy(() -> a.add(Tensor.zeros(3, 2))).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]")
                .hasMessageContaining("broadcast");
    }

    @Test
    void reductions() {
        Tensor a = Tensor.of(new double[][] {{1, 7, 3}, {4, 5, 7}});
        assertThat(a.sum()).isEqualTo(27.0);
        assertThat(a.mean()).isEqualTo(4.5);
        assertThat(a.max()).isEqualTo(7.0);
        assertThat(a.min()).isEqualTo(1.0);
        assertThat(a.sum(0).toArray()).containsExactly(5, 12, 10);
        assertThat(a.sum(1).toArray()).containsExactly(11, 16);
        assertThat(a.mean(-1).toArray()).containsExactly(11 / 3.0, 16 / 3.0);
        assertThat(a.max(0).toArray()).containsExactly(4, 7, 7);
        assertThat(a.argmax(1).toArray()).containsExactly(1, 2); // ties: first maximum
        assertThatThrownBy(() -> a.sum(2)).hasMessageContaining("axis 2").hasMessageContaining("[2, 3]");
    }

    @Test
    void matmulAndAllClose() {
        Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}});
        assertThat(a.matmul(a)).isEqualTo(Tensor.of(new double[][] {{7, 10}, {15, 22}}));
        assertThatThrownBy(() -> a.matmul(Tensor.zeros(3, 1))).hasMessageContaining("[2, 2] x [3, 1]");
        assertThat(a.allClose(a.add(1e-9))).isTrue();
        assertThat(a.allClose(a.add(1e-3))).isFalse();
        assertThat(a.allClose(a.reshape(4))).isFalse();
    }

    @Test
    void atAndGetValidateIndices() {
        Tensor x = Tensor.arange(6).reshape(2, 3);
        assertThat(x.at(1).toArray()).containsExactly(3, 4, 5);
        assertThatThrownBy(() -> x.get(2, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 0]")
                .hasMessageContaining("[2, 3]");
        assertThatThrownBy(() -> x.get(0)).hasMessageContaining("needs 2 coordinates");
        assertThatThrownBy(() -> x.at(5)).hasMessageContaining("out of bounds");
    }

    @Test
    void printsLikeNumpy() {
        // d2l 7.2.1 (seed 000): corr2d(X, K) prints array([[19., 25.],\n       [37., 43.]])
        assertThat(Tensor.of(new double[][] {{19, 25}, {37, 43}}).toString()).isEqualTo("[[19., 25.],\n [37., 43.]]");
        // d2l 7.5 (seed 000): arange(16).reshape(1, 1, 4, 4)
        assertThat(Tensor.arange(16).reshape(1, 1, 4, 4).toString()).isEqualTo(
                "[[[[ 0.,  1.,  2.,  3.],\n   [ 4.,  5.,  6.,  7.],\n   [ 8.,  9., 10., 11.],\n   [12., 13., 14., 15.]]]]");
        // the edge-detection output: negative numbers are aligned on the decimal point
        assertThat(Tensor.of(new double[][] {{0, 1, 0, -1}}).toString()).isEqualTo("[[ 0.,  1.,  0., -1.]]");
        // maxprec: 0.5 and 0.25 are padded on the right, np.array2string(np.array([0.5, 0.25, 1.]), separator=', ')
        assertThat(Tensor.of(new double[] {0.5, 0.25, 1}).toString()).isEqualTo("[0.5 , 0.25, 1.  ]");
        // scientific notation when min < 1e-4: np.array2string(np.array([1e-5, 1.5]), separator=', ')
        assertThat(Tensor.of(new double[] {1e-5, 1.5}).toString()).isEqualTo("[1.e-05, 1.5e+00]".replace("1.e-05", "1.0e-05"));
        assertThat(Tensor.of(new double[] {0.9895, -0.9873705}).toString()).isEqualTo("[ 0.9895   , -0.9873705]");
    }
}
