package convkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import convkit.book.Corr2d;
import convkit.book.Padding;
import convkit.data.FashionMnist;
import convkit.nn.Conv2D;
import convkit.testing.CommittedNotebook;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * The numbers notebook 00 (d2l 7.1) prints, each against an oracle that does not use the code the notebook calls:
 * the book's numbers and BigInteger for the counts, the book's loops (Corr2d on a zero-padded image, index
 * arithmetic for the shift) for the equivariance demonstration.
 */
class NotebookFromDenseToConvTest {
    static final CommittedNotebook NB = CommittedNotebook.load("00-");

    @Test
    void counts() {
        BigInteger mega = BigInteger.TEN.pow(6);
        assertThat(NB.numberAfter("dense, 10^6 pixels -> 1000 units:")).isEqualTo(mega.multiply(BigInteger.valueOf(1000)).doubleValue());
        assertThat(NB.numberAfter("W[i,j,k,l], 1000x1000 -> 1000x1000:")).isEqualTo(mega.pow(2).doubleValue());
        assertThat(NB.numberAfter("V[a,b], 1000x1000:")).isEqualTo(1999.0 * 1999.0);
        for (int delta : new int[] {0, 1, 2, 5, 10}) {
            assertThat(NB.allText()).contains(String.format("delta %2d: %3d weights (4 delta^2 = %3d)", delta,
                    (2 * delta + 1) * (2 * delta + 1), 4 * delta * delta));
        }
        assertThat(NB.allText()).contains("inputs output (14, 14) depends on: convolution 25, dense 784")
                .contains("weight [64, 3, 3, 3]: 1728 weights; DenseToConv.localWithChannels(1, 3, 64) = 1728; biases 64");
        assertThat(NB.numberAfter("the same 3 -> 64 channels fully connected on 1000x1000:"))
                .isEqualTo(BigInteger.valueOf(3_000_000).multiply(BigInteger.valueOf(64_000_000)).doubleValue());
    }

    @Test
    void equivarianceOnTheFirstTestImage() {
        FashionMnist data = FashionMnist.load();
        Tensor img = data.test().batch(0, 1).x().reshape(28, 28);
        assertThat(NB.allText()).contains("[ankle boot]");
        Tensor k = Conv2D.of(1, 1).kernel(5).padding(2).noBias().seed(0).build().weight().value().reshape(5, 5);
        Tensor a = Corr2d.corr2d(Padding.pad2d(shift(img, 3, 5), 2), k);
        Tensor b = shift(Corr2d.corr2d(Padding.pad2d(img, 2), k), 3, 5);
        double all = 0, inner = 0;
        for (int i = 0; i < 28; i++) {
            for (int j = 0; j < 28; j++) {
                double d = Math.abs(a.get(i, j) - b.get(i, j));
                all = Math.max(all, d);
                if (i >= 3 && i <= 25 && j >= 5 && j <= 25) inner = Math.max(inner, d);
            }
        }
        assertThat(NB.numberAfter("largest |conv(shift(x)) - shift(conv(x))|:")).isCloseTo(all, within(5e-7));   // printed with 6 decimals
        assertThat(all).isGreaterThan(0.1);
        assertThat(inner).isLessThan(1e-12);
        assertThat(NB.numberAfter("the same in rows 3..25, columns 5..25:")).isEqualTo(0.0);
    }

    private static Tensor shift(Tensor x, int dy, int dx) {
        int h = x.dim(0), w = x.dim(1);
        Tensor out = Tensor.zeros(h, w);
        for (int i = dy; i < h; i++) for (int j = dx; j < w; j++) out.set(x.get(i - dy, j - dx), i, j);
        return out;
    }
}
