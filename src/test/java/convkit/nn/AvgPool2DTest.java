package convkit.nn;

import convkit.Tensor;
import convkit.ops.AvgPooling;
import convkit.testing.Rnd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AvgPool2DTest {

    @Test
    void layerMatchesTheStaticOp() {
        Tensor x = Rnd.uniform(1, 2, 3, 5, 5);
        AvgPool2D pool = AvgPool2D.of(3).stride(2).padding(1).countIncludePad(false).build();
        assertThat(pool.forward(x).data())
                .containsExactly(AvgPooling.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}, false).data());
    }

    @Test
    void gradientCheckBothDivisors() {
        GradCheck.assertGradients(AvgPool2D.of(3).stride(2).padding(1).build(), Rnd.uniform(1, 2, 2, 6, 7), 1);
        GradCheck.assertGradients(AvgPool2D.of(3).stride(2).padding(1).countIncludePad(false).build(), Rnd.uniform(1, 2, 2, 6, 7), 1);
        GradCheck.assertGradients(AvgPool2D.of(2, 3).stride(1, 2).padding(0, 1, 2, 0).countIncludePad(false).build(),
                Rnd.uniform(2, 1, 2, 5, 6), 2);
    }

    @Test
    void plainTwoByTwoPathAgreesWithTheLoopsAndLeavesAnUncoveredRowAtZero() {
        // 2x2, stride 2, no padding takes AvgPooling's fast path; odd H and W leave the last row and column outside
        // every window: their gradient must be exactly 0
        Tensor x = Rnd.uniform(3, 2, 3, 7, 5);
        AvgPool2D pool = AvgPool2D.of(2).stride(2).padding(0).build();
        Tensor y = pool.forward(x);
        assertThat(y.shape()).containsExactly(2, 3, 3, 2);
        for (int n = 0; n < 2; n++) for (int c = 0; c < 3; c++) for (int i = 0; i < 3; i++) for (int j = 0; j < 2; j++) {
            double want = (((x.get(n, c, 2 * i, 2 * j) + x.get(n, c, 2 * i, 2 * j + 1)) + x.get(n, c, 2 * i + 1, 2 * j))
                    + x.get(n, c, 2 * i + 1, 2 * j + 1)) / 4;
            assertThat(y.get(n, c, i, j)).isEqualTo(want);
        }
        Tensor dx = pool.backward(Tensor.ones(2, 3, 3, 2));
        for (int n = 0; n < 2; n++) for (int c = 0; c < 3; c++) for (int h = 0; h < 7; h++) for (int w = 0; w < 5; w++) {
            assertThat(dx.get(n, c, h, w)).isEqualTo(h < 6 && w < 4 ? 0.25 : 0.0);
        }
        GradCheck.assertGradients(AvgPool2D.of(2).countIncludePad(false).build(), Rnd.uniform(4, 2, 2, 6, 7), 5);
    }

    @Test
    void rejectsBadArguments() {
        AvgPool2D pool = AvgPool2D.of(2).build();
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 1, 1))).isInstanceOf(IllegalStateException.class);
        pool.forward(Rnd.arange(1, 1, 4, 4));
        assertThatThrownBy(() -> pool.backward(Tensor.zeros(1, 1, 3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dy must have the output shape [1, 1, 2, 2]");
        assertThatThrownBy(() -> AvgPool2D.of(2).padding(-1).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("padding must not be negative");
    }

    @Test
    void builderDefaultsAndSettings() {
        assertThat(AvgPool2D.of(2).build())
                .hasToString("AvgPool2D(kernel [2, 2], stride [2, 2], padding [0, 0, 0, 0], countIncludePad true)");
        assertThat(AvgPool2D.of(3).stride(2).padding(1).countIncludePad(false).build())
                .hasToString("AvgPool2D(kernel [3, 3], stride [2, 2], padding [1, 1, 1, 1], countIncludePad false)");
        assertThatThrownBy(() -> AvgPool2D.of(2, 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel must have length 1");
        assertThatThrownBy(() -> AvgPool2D.of(3).padding(0, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most kernel - 1");
    }
}
