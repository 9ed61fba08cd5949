package convkit.nn;

import convkit.Tensor;
import convkit.ops.Convolution;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Conv2DTest {

    @Test
    void forwardEqualsConvAndBackwardAccumulates() {
        Tensor x = Rnd.uniform(1, 2, 3, 6, 5), w = Rnd.uniform(2, 4, 3, 3, 2), b = Rnd.uniform(3, 4);
        Conv2D layer = Conv2D.fromWeights(w, b).stride(2, 1).padding(1, 0, 0, 1).build();
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
        Conv2D full = Conv2D.fromWeights(w, b).padding(1).build();
        Conv2D lean = Conv2D.fromWeights(w, b).padding(1).build().inputGradient(false);
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
        GradCheck.assertGradients(Conv2D.of(2, 3).kernel(3).seed(11L).build(), Rnd.uniform(5, 2, 2, 5, 6), 1);
    }

    @Test
    void gradientCheckStrideAsymmetricPaddingDilation() {
        Conv2D c = Conv2D.of(3, 4).kernel(3, 2).stride(2, 1).padding(1, 2, 0, 1).dilation(2, 1).seed(12L).build();
        GradCheck.assertGradients(c, Rnd.uniform(6, 2, 3, 7, 6), 2);
    }

    @Test
    void gradientCheckGroupsAndDepthwise() {
        GradCheck.assertGradients(Conv2D.of(4, 6).kernel(3).padding(1).groups(2).seed(13L).build(),
                Rnd.uniform(7, 2, 4, 5, 5), 3);
        GradCheck.assertGradients(Conv2D.of(3, 3).kernel(2, 3).stride(1, 2).padding(1, 0).dilation(1, 2).groups(3).noBias().seed(14L).build(),
                Rnd.uniform(8, 2, 3, 6, 7), 4);
    }

    @Test
    void gradientCheckPointwise() {
        GradCheck.assertGradients(Conv2D.of(5, 2).kernel(1).seed(15L).build(), Rnd.uniform(9, 3, 5, 3, 4), 5);
    }

    @Test
    void seededInitIsPyTorchLikeAndReproducible() {
        Conv2D a = Conv2D.of(3, 8).kernel(5).seed(42L).build(), b = Conv2D.of(3, 8).kernel(5).seed(42L).build();
        assertThat(a.weight().value().data()).containsExactly(b.weight().value().data());
        assertThat(a.weight().value().shape()).containsExactly(8, 3, 5, 5);
        double bound = 1 / Math.sqrt(3 * 25);
        for (double v : a.weight().value().data()) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        assertThat(a.parameters()).hasSize(2);
        Conv2D noBias = Conv2D.of(2, 2).kernel(3).noBias().seed(1L).build();
        assertThat(noBias.bias()).isNull();
        assertThat(noBias.parameters()).hasSize(1);
    }

    @Test
    void rejectsBadArguments() {
        Conv2D c = Conv2D.of(3, 2).kernel(3).seed(1L).build();
        assertThatThrownBy(() -> c.forward(Rnd.uniform(1, 1, 2, 5, 5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C_in = 2").hasMessageContaining("[2, 3, 3, 3]");
        assertThatThrownBy(() -> c.backward(Rnd.uniform(1, 1, 2, 3, 3)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("before forward");
        c.forward(Rnd.uniform(1, 1, 3, 5, 5));
        assertThatThrownBy(() -> c.backward(Rnd.uniform(1, 1, 2, 4, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dy must have the output shape [1, 2, 3, 3]");
        assertThatThrownBy(() -> Conv2D.fromWeights(Rnd.uniform(1, 4, 2, 3, 3), Rnd.uniform(2, 3)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias b must have shape [4]");
        assertThatThrownBy(() -> Conv2D.fromWeights(Rnd.uniform(1, 4, 2, 3, 3)).groups(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups = 3 does not divide the output channels F = 4");
        assertThatThrownBy(() -> Conv2D.of(3, 4).kernel(3).groups(2).seed(1L).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("groups = 2");
    }

    @Test
    void builderDefaultsAreThoseOfPyTorch() {
        Conv2D c = Conv2D.of(2, 3).kernel(3).build();
        assertThat(c).hasToString("Conv2D(2 -> 3, kernel 3x3, stride [1, 1], padding [0, 0, 0, 0], dilation [1, 1], groups 1)");
        assertThat(c.bias()).isNotNull();
        assertThat(c.inputGradient()).isTrue();
        // seed 0 unless told otherwise: the same numbers as seed(0), other numbers than seed(1)
        assertThat(c.weight().value()).isEqualTo(Conv2D.of(2, 3).kernel(3).seed(0).build().weight().value());
        assertThat(c.weight().value()).isNotEqualTo(Conv2D.of(2, 3).kernel(3).seed(1).build().weight().value());
        Conv2D all = Conv2D.of(4, 6).kernel(3, 2).stride(2, 1).padding(1, 0, 2, 1).dilation(1, 2).groups(2).noBias()
                .inputGradient(false).seed(9).build();
        assertThat(all).hasToString("Conv2D(4 -> 6, kernel 3x2, stride [2, 1], padding [1, 0, 2, 1], dilation [1, 2], groups 2, no bias)");
        assertThat(all.weight().value().shape()).containsExactly(6, 2, 3, 2);
        assertThat(all.parameters()).hasSize(1);
        assertThat(all.inputGradient()).isFalse();
        assertThat(Conv2D.of(1, 1).kernel(3).padding(2, 1).build().toString()).contains("padding [2, 2, 1, 1]");
    }

    @Test
    void fromWeightsWrapsTheTensorsAndTakesTheWindowSettings() {
        Tensor w = Rnd.uniform(1, 2, 1, 3, 3), b = Rnd.uniform(2, 2);
        Conv2D c = Conv2D.fromWeights(w, b).stride(2).padding(1).build();
        assertThat(c.weight().value()).isSameAs(w);
        assertThat(c.bias().value()).isSameAs(b);
        assertThat(c).hasToString("Conv2D(1 -> 2, kernel 3x3, stride [2, 2], padding [1, 1, 1, 1], dilation [1, 1], groups 1)");
        assertThat(Conv2D.fromWeights(w).build().bias()).isNull();
        assertThat(Conv2D.fromWeights(Rnd.uniform(3, 4, 1, 3, 3)).groups(2).build().toString()).contains("2 -> 4");
    }

    @Test
    void eachSettingRejectsABadValueByName() {
        assertThatThrownBy(() -> Conv2D.of(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conv2D inChannels must be >= 1 but was 0");
        assertThatThrownBy(() -> Conv2D.of(1, -2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conv2D outChannels must be >= 1 but was -2");
        Conv2D.Builder b = Conv2D.of(2, 2);
        assertThatThrownBy(() -> b.kernel(0, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel must be >= 1 on each axis but was [0, 2]");
        assertThatThrownBy(() -> b.kernel(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel must have length 1 (both axes) or 2 ({h, w}) but was [1, 2, 3]");
        assertThatThrownBy(() -> b.kernel()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel must have length 1");
        assertThatThrownBy(() -> b.stride(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stride must be >= 1 on each axis but was [1, 0]");
        assertThatThrownBy(() -> b.padding(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("padding must not be negative but was [-1]");
        assertThatThrownBy(() -> b.padding(1, 2, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("padding must have length 1, 2 ({h, w}) or 4 ({top, bottom, left, right}) but was [1, 2, 3]");
        assertThatThrownBy(() -> b.padding()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got none");
        assertThatThrownBy(() -> b.dilation(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dilation must be >= 1 on each axis but was [0]");
        assertThatThrownBy(() -> b.groups(0)).isInstanceOf(IllegalArgumentException.class).hasMessage("groups must be >= 1 but was 0");
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Conv2D.of(2, 2) needs a kernel size: add .kernel(k) or .kernel(kh, kw)");
        assertThatThrownBy(() -> Conv2D.of(4, 6).kernel(3).groups(4).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("groups = 4 must divide inChannels = 4 and outChannels = 6");
        Tensor w = Rnd.uniform(1, 2, 1, 3, 3);
        assertThatThrownBy(() -> Conv2D.fromWeights(w).kernel(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kernel cannot be set on Conv2D.fromWeights: it comes from the weights [2, 1, 3, 3]");
        assertThatThrownBy(() -> Conv2D.fromWeights(w).seed(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed cannot be set on Conv2D.fromWeights");
        assertThatThrownBy(() -> Conv2D.fromWeights(w, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b must not be null");
        assertThatThrownBy(() -> Conv2D.fromWeights(Rnd.uniform(1, 2, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("w must have rank 4");
    }
}
