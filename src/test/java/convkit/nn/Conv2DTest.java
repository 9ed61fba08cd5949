package convkit.nn;

import convkit.testing.Rnd;
import convkit.ops.Convolution;
import convkit.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Conv2DTest {

    @Test
    void forwardEqualsConvAndBackwardAccumulates() {
        Tensor x = Rnd.uniform(1, 2, 3, 6, 5), w = Rnd.uniform(2, 4, 3, 3, 2), b = Rnd.uniform(3, 4);
        Conv2D layer = Conv2D.fromWeights(w, b, new int[] {2, 1}, new int[] {1, 0, 0, 1}, null, 1);
        Tensor y = layer.forward(x);
        assertThat(y.data()).containsExactly(Convolution.conv2d(x, w, b, new int[] {2, 1}, new int[] {1, 0, 0, 1}, null, 1).data());
        Tensor dy = Rnd.uniform(4, y.shape());
        layer.backward(dy);
        double[] once = layer.weight().grad().data().clone(), onceB = layer.bias().grad().data().clone();
        layer.backward(dy);
        for (int i = 0; i < once.length; i++) assertThat(layer.weight().grad().data()[i]).isEqualTo(2 * once[i]);
        for (int i = 0; i < onceB.length; i++) assertThat(layer.bias().grad().data()[i]).isEqualTo(2 * onceB[i]);
        layer.zeroGrad();
        assertThat(layer.weight().grad().data()).containsOnly(0.0);
    }

    @Test
    void withoutInputGradientTheParameterGradientsAreTheSame() {
        Tensor x = Rnd.uniform(21, 3, 2, 7, 6), w = Rnd.uniform(22, 4, 2, 3, 3), b = Rnd.uniform(23, 4);
        Conv2D full = Conv2D.fromWeights(w, b, null, new int[] {1}, null, 1);
        Conv2D lean = Conv2D.fromWeights(w, b, null, new int[] {1}, null, 1).inputGradient(false);
        assertThat(lean.inputGradient()).isFalse();
        Tensor dy = Rnd.uniform(24, full.forward(x).shape());
        lean.forward(x);
        assertThat(full.backward(dy)).isNotNull();
        assertThat(lean.backward(dy)).isNull();
        assertThat(lean.weight().grad().data()).containsExactly(full.weight().grad().data());
        assertThat(lean.bias().grad().data()).containsExactly(full.bias().grad().data());
    }

    @Test
    void gradientCheckPlain() {
        GradCheck.assertGradients(new Conv2D(2, 3, 3, 11L), Rnd.uniform(5, 2, 2, 5, 6), 1);
    }

    @Test
    void gradientCheckStrideAsymmetricPaddingDilation() {
        Conv2D c = new Conv2D(3, 4, new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 2, 0, 1}, new int[] {2, 1}, 1, true, 12L);
        GradCheck.assertGradients(c, Rnd.uniform(6, 2, 3, 7, 6), 2);
    }

    @Test
    void gradientCheckGroupsAndDepthwise() {
        GradCheck.assertGradients(new Conv2D(4, 6, new int[] {3}, null, new int[] {1}, null, 2, true, 13L),
                Rnd.uniform(7, 2, 4, 5, 5), 3);
        GradCheck.assertGradients(new Conv2D(3, 3, new int[] {2, 3}, new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 2}, 3, false, 14L),
                Rnd.uniform(8, 2, 3, 6, 7), 4);
    }

    @Test
    void gradientCheckPointwise() {
        GradCheck.assertGradients(new Conv2D(5, 2, 1, 15L), Rnd.uniform(9, 3, 5, 3, 4), 5);
    }

    @Test
    void seededInitIsPyTorchLikeAndReproducible() {
        Conv2D a = new Conv2D(3, 8, 5, 42L), b = new Conv2D(3, 8, 5, 42L);
        assertThat(a.weight().value().data()).containsExactly(b.weight().value().data());
        assertThat(a.weight().value().shape()).containsExactly(8, 3, 5, 5);
        double bound = 1 / Math.sqrt(3 * 25);
        for (double v : a.weight().value().data()) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        assertThat(a.parameters()).hasSize(2);
        Conv2D noBias = new Conv2D(2, 2, new int[] {3}, null, null, null, 1, false, 1L);
        assertThat(noBias.bias()).isNull();
        assertThat(noBias.parameters()).hasSize(1);
    }

    @Test
    void rejectsBadArguments() {
        Conv2D c = new Conv2D(3, 2, 3, 1L);
        assertThatThrownBy(() -> c.forward(Rnd.uniform(1, 1, 2, 5, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C_in = 2").hasMessageContaining("[2, 3, 3, 3]");
        assertThatThrownBy(() -> c.backward(Rnd.uniform(1, 1, 2, 3, 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before forward");
        c.forward(Rnd.uniform(1, 1, 3, 5, 5));
        assertThatThrownBy(() -> c.backward(Rnd.uniform(1, 1, 2, 4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dy must have the output shape [1, 2, 3, 3]");
        assertThatThrownBy(() -> Conv2D.fromWeights(Rnd.uniform(1, 4, 2, 3, 3), Rnd.uniform(2, 3), null, null, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias b must have shape [4]");
        assertThatThrownBy(() -> Conv2D.fromWeights(Rnd.uniform(1, 4, 2, 3, 3), null, null, null, null, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups = 3 does not divide the output channels F = 4");
        assertThatThrownBy(() -> new Conv2D(3, 4, new int[] {3}, null, null, null, 2, true, 1L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups = 2");
    }
}
