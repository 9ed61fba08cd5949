package convkit.nn;

import convkit.testing.CentralDifference;
import convkit.Tensor;

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
        Linear l = Linear.fromWeights(Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3), null);
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
        Linear l = new Linear(7, 5, 3L);
        l.bias().value().data()[2] = 0.3;
        assertThat(CentralDifference.check(l, CentralDifference.randn(1, 4, 7), 2, 1e-7)).isLessThan(1e-7);
    }

    @Test
    void largeBatchTakesTheParallelPathAndStillMatches() {
        Linear l = new Linear(400, 120, 5L);
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
        Linear a = new Linear(400, 120, 42L), b = new Linear(400, 120, new Random(42));
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
        Linear l = new Linear(3, 2, 1L);
        assertThatThrownBy(() -> l.forward(Tensor.zeros(4, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(N, 3)").hasMessageContaining("[4, 5]");
        l.forward(Tensor.zeros(4, 3));
        assertThatThrownBy(() -> l.backward(Tensor.zeros(4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(4, 2)").hasMessageContaining("[4, 3]");
        assertThatThrownBy(() -> new Linear(0, 2, 1L)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in=0");
        assertThatThrownBy(() -> Linear.fromWeights(Tensor.zeros(2, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2]");
        assertThatThrownBy(() -> new Linear(3, 2, 1L).backward(Tensor.zeros(1, 2))).isInstanceOf(IllegalStateException.class);
    }
}
