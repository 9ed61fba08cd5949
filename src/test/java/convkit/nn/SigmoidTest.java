package convkit.nn;

import convkit.Tensor;
import convkit.compute.Simd;
import convkit.compute.VectorMath;
import convkit.testing.CentralDifference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SigmoidTest {
    @Test
    void valuesAndSaturation() {
        Tensor y = new Sigmoid().forward(Tensor.wrap(new double[] {0, 2, -2, 800, -800}, 5));
        assertThat(y.data()[0]).isEqualTo(0.5);
        assertThat(y.data()[1]).isCloseTo(0.8807970779778823, within(1e-16)); // 1/(1+e^-2)
        assertThat(y.data()[1] + y.data()[2]).isCloseTo(1.0, within(1e-15));
        assertThat(y.data()[3]).isEqualTo(1.0);
        assertThat(y.data()[4]).isEqualTo(0.0);
    }

    @Test
    void gradientsMatchCentralDifferences() {
        assertThat(CentralDifference.check(new Sigmoid(), CentralDifference.randn(3, 2, 3, 4, 4), 4, 1e-8)).isLessThan(1e-8);
    }

    @Test
    void largeInputTakesTheParallelPath() {
        Tensor x = CentralDifference.randn(5, 8, 6, 28, 28);
        Sigmoid s = new Sigmoid();
        Tensor y = s.forward(x);
        for (int i = 0; i < x.size(); i += 997) {   // every element, whichever thread and kernel computed it
            double xi = x.data()[i];
            assertThat(y.data()[i]).isEqualTo(Simd.enabled() ? VectorMath.scalar(xi) : 1 / (1 + Math.exp(-xi)));
        }
        Tensor dx = s.backward(Tensor.wrap(new double[x.size()], x.shape()));
        assertThat(dx.data()).containsOnly(0.0);
    }

    @Test
    void misuseIsReported() {
        assertThatThrownBy(() -> new Sigmoid().backward(Tensor.zeros(2))).isInstanceOf(IllegalStateException.class);
        Sigmoid s = new Sigmoid();
        s.forward(Tensor.zeros(2, 3));
        assertThatThrownBy(() -> s.backward(Tensor.zeros(3, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]").hasMessageContaining("[3, 2]");
    }
}
