package convkit.nn;

import convkit.Tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccuracyTest {
    @Test
    void countsArgmaxHitsWithFirstMaximumOnTies() {
        Tensor z = Tensor.wrap(new double[] {0.1, 0.9, 0.0, /**/ 0.5, 0.5, 0.1, /**/ 0.0, 0.2, 0.3}, 3, 3);
        assertThat(Accuracy.predict(z)).containsExactly(1, 0, 2);
        assertThat(Accuracy.correct(z, new int[] {1, 1, 2})).isEqualTo(2);
        assertThat(Accuracy.of(z, new int[] {1, 0, 2})).isEqualTo(1.0);
    }

    @Test
    void wrongLabelCountIsReported() {
        assertThatThrownBy(() -> Accuracy.correct(Tensor.zeros(2, 3), new int[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
    }
}
