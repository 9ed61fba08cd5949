package convkit.nn;

import convkit.Tensor;
import convkit.testing.CentralDifference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlattenTest {
    @Test
    void flattensAllButTheBatchAxisAndRestoresTheShape() {
        Flatten f = new Flatten();
        Tensor x = CentralDifference.randn(1, 2, 16, 5, 5);
        Tensor y = f.forward(x);
        assertThat(y.shape()).containsExactly(2, 400);
        assertThat(y.data()).containsExactly(x.data());
        Tensor dx = f.backward(y);
        assertThat(dx.shape()).containsExactly(2, 16, 5, 5);
        assertThat(CentralDifference.check(f, x, 3, 1e-7)).isLessThan(1e-7);
    }

    @Test
    void wrongDyIsReported() {
        Flatten f = new Flatten();
        f.forward(Tensor.zeros(2, 3, 4));
        assertThatThrownBy(() -> f.backward(Tensor.zeros(2, 11)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 12)").hasMessageContaining("[2, 11]");
        assertThatThrownBy(() -> new Flatten().backward(Tensor.zeros(2, 2))).isInstanceOf(IllegalStateException.class);
    }
}
