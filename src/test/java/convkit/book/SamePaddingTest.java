package convkit.book;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamePaddingTest {
    @Test
    void strideOneIsDilatedKernelMinusOneSplitWithTheOddPixelAfter() {
        // PyTorch padding='same': total d*(k-1), left = total // 2 (torch.nn.modules.conv._ConvNd)
        assertThat(SamePadding.of(8, 3, 1, 1)).containsExactly(1, 1);
        assertThat(SamePadding.of(8, 4, 1, 1)).containsExactly(1, 2);
        assertThat(SamePadding.of(8, 3, 1, 2)).containsExactly(2, 2);
        assertThat(SamePadding.of(1, 5, 1, 1)).containsExactly(2, 2);
    }

    @Test
    void tensorflowStridedSame() {
        // TensorFlow "same": out = ceil(n/s), pad_total = max((out-1)*s + k - n, 0), extra pixel at the bottom/right
        assertThat(SamePadding.of(224, 7, 2, 1)).containsExactly(2, 3);
        assertThat(SamePadding.of(5, 3, 2, 1)).containsExactly(1, 1);
        assertThat(SamePadding.of(6, 3, 2, 1)).containsExactly(0, 1);
        assertThat(SamePadding.of(8, 2, 2, 1)).containsExactly(0, 0);
    }

    @Test
    void sameGivesCeilOfNOverS() {
        for (int n = 1; n <= 12; n++) {
            for (int k = 1; k <= 5; k++) {
                for (int s = 1; s <= 3; s++) {
                    int[] p = SamePadding.of(n, k, s, 1);
                    assertThat(Shapes.outputSize(n, k, p[0], p[1], s, 1)).as("n=%d k=%d s=%d", n, k, s)
                            .isEqualTo((n + s - 1) / s);
                }
            }
        }
    }

    @Test
    void padding2dIsTopBottomLeftRight() {
        assertThat(SamePadding.padding2d(8, 8, new int[] {5, 3}, null, null)).containsExactly(2, 2, 1, 1);
        assertThat(SamePadding.padding2d(224, 224, new int[] {7}, new int[] {2}, null)).containsExactly(2, 3, 2, 3);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> SamePadding.of(0, 3, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("n=0");
        assertThatThrownBy(() -> SamePadding.padding2d(8, 8, new int[] {1, 2, 3}, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kernel");
    }
}
