package convkit.nn;

import convkit.Tensor;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GradCheckTest {

    /** A convolution whose backward "forgets" the bias gradient: exactly the kind of bug the checker must catch. */
    private static final class ConvWithoutBiasGrad implements Layer {
        final Conv2D inner = Conv2D.of(2, 2).kernel(3).seed(5L).build();

        @Override
        public Tensor forward(Tensor x) {
            return inner.forward(x);
        }

        @Override
        public Tensor backward(Tensor dy) {
            Tensor dx = inner.backward(dy);
            inner.bias().zeroGrad(); // the bug
            return dx;
        }

        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }
    }

    /** A layer whose input gradient is off by a factor of 2 in one element. */
    private static final class ScaledDx implements Layer {
        final MaxPool2D inner = MaxPool2D.of(2).build();

        @Override
        public Tensor forward(Tensor x) {
            return inner.forward(x);
        }

        @Override
        public Tensor backward(Tensor dy) {
            Tensor dx = inner.backward(dy);
            for (int i = 0; i < dx.size(); i++) {
                if (dx.data()[i] != 0) {
                    dx.data()[i] *= 2;
                    break;
                }
            }
            return dx;
        }
    }

    @Test
    void aCorrectLayerPassesWithTinyErrors() {
        GradCheck.Report r = GradCheck.assertGradients(Conv2D.of(2, 2).kernel(3).seed(5L).build(), Rnd.uniform(1, 1, 2, 5, 5), 7);
        assertThat(r.entries()).extracting(GradCheck.Entry::tensor).containsExactly("input", "weight", "bias");
        assertThat(r.maxError()).isLessThan(GradCheck.TOLERANCE);
    }

    @Test
    void aDroppedBiasGradientFailsNamingTheTensor() {
        Layer bad = new ConvWithoutBiasGrad();
        GradCheck.Report r = GradCheck.check(bad, Rnd.uniform(1, 1, 2, 5, 5), 7);
        assertThat(r.entry("bias").maxError()).isGreaterThan(1e-2);
        assertThat(r.entry("weight").maxError()).isLessThan(GradCheck.TOLERANCE);
        assertThatThrownBy(() -> GradCheck.assertGradients(bad, Rnd.uniform(1, 1, 2, 5, 5), 7))
                .isInstanceOf(AssertionError.class).hasMessageContaining("gradient of bias [2]").hasMessageContaining("at index [");
    }

    @Test
    void aWrongInputGradientFailsNamingTheIndex() {
        assertThatThrownBy(() -> GradCheck.assertGradients(new ScaledDx(), Rnd.uniform(3, 1, 1, 4, 4), 1))
                .isInstanceOf(AssertionError.class).hasMessageContaining("gradient of input [1, 1, 4, 4] at index [0, 0,");
    }
}
