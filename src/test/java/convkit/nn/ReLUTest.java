package convkit.nn;

import convkit.Tensor;
import convkit.testing.CentralDifference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReLUTest {
    @Test
    void forwardAndBackwardByHand() {
        ReLU r = new ReLU();
        Tensor y = r.forward(Tensor.wrap(new double[] {-1, 0, 2, -3, 4, 0.5}, 2, 3));
        assertThat(y.shape()).containsExactly(2, 3);
        assertThat(y.data()).containsExactly(0, 0, 2, 0, 4, 0.5);
        Tensor dx = r.backward(Tensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertThat(dx.data()).containsExactly(0, 0, 3, 0, 5, 6); // gradient 0 at x == 0, like PyTorch
    }

    @Test
    void gradientsMatchCentralDifferences() {
        // randn values are never within 1e-6 of the kink at 0 for this seed (checked by the assertion itself)
        assertThat(CentralDifference.check(new ReLU(), CentralDifference.randn(7, 2, 3, 5, 5), 8, 1e-8)).isLessThan(1e-8);
    }

    @Test
    void misuseIsReported() {
        assertThatThrownBy(() -> new ReLU().backward(Tensor.zeros(2))).isInstanceOf(IllegalStateException.class);
        ReLU r = new ReLU();
        r.forward(Tensor.zeros(4));
        assertThatThrownBy(() -> r.backward(Tensor.zeros(5))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[4]");
    }
}
