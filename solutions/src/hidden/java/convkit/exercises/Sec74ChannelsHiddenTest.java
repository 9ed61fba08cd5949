package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import convkit.grading.Visibility;
import org.junit.jupiter.api.Test;

/** Hidden tests of the d2l 7.4 exercises. */
class Sec74ChannelsHiddenTest {

    @Test
    @Graded(number = "7.4.1.3", points = 1, visibility = Visibility.HIDDEN)
    void composeThreeKernelsAssociatively() {
        Tensor k1 = Tensor.randn(1, 2, 2), k2 = Tensor.randn(2, 3, 1), k3 = Tensor.randn(3, 1, 3), x = Tensor.randn(4, 9, 9);
        Tensor k = Sec74Channels.composeKernels(Sec74Channels.composeKernels(k1.copy(), k2.copy()), k3.copy());
        assertTrue(Ops.corr2d(Ops.corr2d(Ops.corr2d(x, k1), k2), k3).allClose(Ops.corr2d(x, k), 1e-9, 1e-12));
    }

    @Test
    @Graded(number = "7.4.2.2", points = 1, visibility = Visibility.HIDDEN)
    void costCountsMatchAnExplicitLoop() {
        int ci = 3, h = 9, w = 6, co = 2, kh = 2, kw = 3, ph = 1, pw = 0, sh = 2, sw = 1;
        long count = 0;
        for (int o = 0; o < co; o++) {
            for (int i = -ph; i + kh <= h + ph; i += sh) {
                for (int j = -pw; j + kw <= w + pw; j += sw) count += (long) ci * kh * kw;
            }
        }
        assertEquals(count, Sec74Channels.forwardMultiplyAdds(ci, h, w, co, kh, kw, ph, pw, sh, sw));
    }
}
