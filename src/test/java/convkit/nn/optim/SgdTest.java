package convkit.nn.optim;

import convkit.Tensor;
import convkit.nn.Parameter;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SgdTest {
    @Test
    void stepSubtractsLrTimesGradAndZeroGradClears() {
        Parameter p = new Parameter("w", Tensor.wrap(new double[] {1, 2}, 2));
        p.grad().data()[0] = 0.5;
        p.grad().data()[1] = -1;
        Sgd sgd = new Sgd(List.of(p), 0.1);
        sgd.step();
        assertThat(p.value().data()).containsExactly(1 - 0.05, 2 + 0.1);
        sgd.zeroGrad();
        assertThat(p.grad().data()).containsExactly(0, 0);
    }

    @Test
    void badLrIsReported() {
        assertThatThrownBy(() -> new Sgd(List.of(), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lr");
        assertThatThrownBy(() -> new Sgd(List.of(), Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
