package convkit.nn;

import convkit.Tensor;
import convkit.testing.CentralDifference;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LinearTest {
    @Test
    void forwardIsXWTransposedPlusBias() {
        // Hand computation: W = [[1,2,3],[4,5,6]] (out=2, in=3, PyTorch layout), b = [10, 20], x = [[1,0,-1],[2,1,0]]
        // y[0] = [1-3+10, 4-6+20] = [8, 18]; y[1] = [2+2+10, 8+5+20] = [14, 33]
        Linear l = Linear.fromWeights(Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.wrap(new double[] {10, 20}, 2));
        Tensor y = l.forward(Tensor.wrap(new double[] {1, 0, -1, 2, 1, 0}, 2, 3));
        assertThat(y.shape()).containsExactly(2, 2);
        assertThat(y.data()).containsExactly(8, 18, 14, 33);
    }

    @Test
    void backwardMatchesHandComputationAndAccumulates() {
        Linear l = Linear.fromWeights(Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), Tensor.zeros(2));
        Tensor x = Tensor.wrap(new double[] {1, 0, -1, 2, 1, 0}, 2, 3);
        l.forward(x);
        Tensor dy = Tensor.wrap(new double[] {1, 0, 0, 1}, 2, 2);
        Tensor dx = l.backward(dy);
        // dx = dy W = [[1,2,3],[4,5,6]]; dW = dy^T x = x; db = [1, 1]
        assertThat(dx.data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(l.weight().grad().data()).containsExactly(1, 0, -1, 2, 1, 0);
        assertThat(l.bias().grad().data()).containsExactly(1, 1);
        l.backward(dy);
        assertThat(l.weight().grad().data()).containsExactly(2, 0, -2, 4, 2, 0);
        assertThat(l.bias().grad().data()).containsExactly(2, 2);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        Linear l = Linear.of(7, 5).seed(3L).build();
        l.bias().value().data()[2] = 0.3;
        assertThat(CentralDifference.check(l, CentralDifference.randn(1, 4, 7), 2, 1e-7)).isLessThan(1e-7);
    }

    @Test
    void largeBatchTakesTheParallelPathAndStillMatches() {
        Linear l = Linear.of(400, 120).seed(5L).build();
        Tensor x = CentralDifference.randn(9, 64, 400);
        Tensor y = l.forward(x);
        double[] w = l.weight().value().data();
        for (int s : new int[] {0, 31, 63}) {
            for (int o : new int[] {0, 77, 119}) {
                double ref = l.bias().value().data()[o];
                for (int k = 0; k < 400; k++) ref += x.data()[s * 400 + k] * w[o * 400 + k];
                assertThat(y.data()[s * 120 + o]).isCloseTo(ref, org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @Test
    void xavierUniformIsSeededAndBounded() {
        Linear a = Linear.of(400, 120).seed(42L).build(), b = Linear.of(400, 120).random(new Random(42)).build();
        assertThat(a.weight().value().data()).containsExactly(b.weight().value().data());
        double bound = Math.sqrt(6.0 / (400 + 120));
        double max = 0, sumSq = 0;
        for (double v : a.weight().value().data()) {
            max = Math.max(max, Math.abs(v));
            sumSq += v * v;
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        // U(-a, a) has variance a^2 / 3 = 2 / (fan_in + fan_out)
        assertThat(sumSq / 48000).isCloseTo(2.0 / 520, org.assertj.core.data.Percentage.withPercentage(3));
        for (double v : a.bias().value().data()) assertThat(Math.abs(v)).isLessThanOrEqualTo(1 / Math.sqrt(400)); // PyTorch default
        assertThat(a.bias().value().data()).doesNotContain(0.0);
        assertThat(a.weight().value().shape()).containsExactly(120, 400);
    }

    @Test
    void badShapesNameTheShapes() {
        Linear l = Linear.of(3, 2).seed(1L).build();
        assertThatThrownBy(() -> l.forward(Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, 3)").hasMessageContaining("[4, 5]");
        l.forward(Tensor.zeros(4, 3));
        assertThatThrownBy(() -> l.backward(Tensor.zeros(4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(4, 2)").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> Linear.of(0, 2).seed(1L).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in=0");
        assertThatThrownBy(() -> Linear.fromWeights(Tensor.zeros(2, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2]");
        assertThatThrownBy(() -> Linear.of(3, 2).seed(1L).build().backward(Tensor.zeros(1, 2))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderSeedsAndSharedGenerators() {
        Linear a = Linear.of(5, 3).build(), z = Linear.of(5, 3).seed(0).build();
        assertThat(a.weight().value()).isEqualTo(z.weight().value());
        assertThat(a.bias().value()).isEqualTo(z.bias().value());
        // random(rng): two layers from one stream are the first and second draws of that stream
        Random r = new Random(3);
        Linear first = Linear.of(5, 3).random(r).build(), second = Linear.of(3, 2).random(r).build();
        Random again = new Random(3);
        assertThat(first.weight().value()).isEqualTo(Init.xavierUniform(again, 3, 5));
        assertThat(first.bias().value()).isEqualTo(Init.uniformBias(again, 3, 5));
        assertThat(second.weight().value()).isEqualTo(Init.xavierUniform(again, 2, 3));
        assertThatThrownBy(() -> Linear.of(2, 2).random(new Random(1)).seed(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seed cannot be set together with random(rng)");
        assertThatThrownBy(() -> Linear.of(2, 2).random(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("random needs a java.util.Random");
        assertThatThrownBy(() -> Linear.fromWeights(Tensor.zeros(2, 3), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b must not be null");
    }

    @Test
    void withoutBiasTheLayerIsXTimesWTransposed() {
        Linear l = Linear.fromWeights(Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertThat(l.bias()).isNull();
        assertThat(l.parameters()).hasSize(1);
        assertThat(l).hasToString("Linear(in=3, out=2, no bias)");
        Tensor x = Tensor.wrap(new double[] {1, 0, -1, 2, 1, 0}, 2, 3);
        assertThat(l.forward(x).data()).containsExactly(-2, -2, 4, 13);
        Tensor dx = l.backward(Tensor.wrap(new double[] {1, 0, 0, 1}, 2, 2));
        assertThat(dx.data()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(l.weight().grad().data()).containsExactly(1, 0, -1, 2, 1, 0);
        // the same layer reusing its arrays (DataParallel's replicas) overwrites instead of adding to a stale output
        Linear r = l.replica();
        r.reuseArrays();
        r.forward(x);
        assertThat(r.forward(x).data()).containsExactly(-2, -2, 4, 13);
        assertThat(Linear.of(4, 2).noBias().seed(1).build().parameters()).hasSize(1);
    }
}
