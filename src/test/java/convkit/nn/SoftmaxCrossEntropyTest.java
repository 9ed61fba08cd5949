package convkit.nn;

import convkit.Tensor;
import convkit.testing.CentralDifference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SoftmaxCrossEntropyTest {
    @Test
    void uniformLogitsGiveLogK() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        assertThat(ce.forward(Tensor.zeros(3, 10), new int[] {0, 4, 9})).isCloseTo(Math.log(10), within(1e-15));
        Tensor g = ce.backward();
        // (0.1 - onehot) / 3
        assertThat(g.data()[0]).isCloseTo(-0.9 / 3, within(1e-16));
        assertThat(g.data()[1]).isCloseTo(0.1 / 3, within(1e-16));
    }

    @Test
    void handComputedTwoClassValue() {
        // logits [1, 2], label 1: loss = log(e + e^2) - 2 = log(1 + e^-1) = 0.31326168751822286
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        assertThat(ce.forward(Tensor.wrap(new double[] {1, 2}, 1, 2), new int[] {1}))
                .isCloseTo(0.31326168751822286, within(1e-15));
    }

    @Test
    void hugeLogitsStayFinite() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        double loss = ce.forward(Tensor.wrap(new double[] {1000, 0, -1000, 1000}, 2, 2), new int[] {1, 0});
        // row 0: logsumexp(1000, 0) - 0 = 1000; row 1: 1000 - (-1000) = 2000
        assertThat(loss).isCloseTo(1500, within(1e-9));
        assertThat(ce.backward().data()).doesNotContain(Double.NaN);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Tensor z = CentralDifference.randn(11, 4, 5);
        int[] y = {3, 0, 4, 1};
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        ce.forward(z, y);
        double[] g = ce.backward().data();
        double h = 1e-6;
        for (int i = 0; i < z.size(); i++) {
            double old = z.data()[i];
            z.data()[i] = old + h;
            double lp = ce.forward(z, y);
            z.data()[i] = old - h;
            double lm = ce.forward(z, y);
            z.data()[i] = old;
            assertThat(g[i]).as("dlogits[%d]", i).isCloseTo((lp - lm) / (2 * h), within(1e-9));
        }
    }

    @Test
    void badLabelsAreReported() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        assertThatThrownBy(() -> ce.forward(Tensor.zeros(2, 3), new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N = 2");
        assertThatThrownBy(() -> ce.forward(Tensor.zeros(2, 3), new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("labels[1] = 3").hasMessageContaining("[2, 3]");
        assertThatThrownBy(ce::backward).isInstanceOf(IllegalStateException.class);
    }
}
