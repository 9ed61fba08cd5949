package convkit.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import convkit.Tensor;
import convkit.nn.Conv2D;
import convkit.nn.Linear;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** d2l 7.1's counting argument (notebook 00) against the book's numbers, BigInteger and the layers' own parameters. */
class DenseToConvTest {

    @Test
    void theBooksNumbers() {
        assertThat(DenseToConv.dense(1_000_000, 1000)).isEqualTo(1_000_000_000L);           // "10^9"
        assertThat(DenseToConv.fullyConnected(1000, 1000)).isEqualTo(1_000_000_000_000L);   // "10^12"
        assertThat(DenseToConv.translationInvariant(1000, 1000)).isEqualTo(3_996_001L);     // "4 · 10^6"
        assertThat(DenseToConv.local(10)).isEqualTo(441L);                                  // "4Δ²" = 400
        assertThat(DenseToConv.local(0)).isEqualTo(1L);
        assertThat(DenseToConv.localWithChannels(1, 3, 64)).isEqualTo(9L * 3 * 64);
    }

    @Test
    void countsBeyondIntAgainstBigInteger() {
        for (int[] hw : new int[][] {{1, 1}, {28, 28}, {46_341, 46_341}, {1 << 20, 3}, {50_000, 60_000}, {Integer.MAX_VALUE, 1}}) {
            BigInteger px = BigInteger.valueOf(hw[0]).multiply(BigInteger.valueOf(hw[1]));
            assertThat(BigInteger.valueOf(DenseToConv.fullyConnected(hw[0], hw[1]))).isEqualTo(px.multiply(px));
            assertThat(BigInteger.valueOf(DenseToConv.translationInvariant(hw[0], hw[1]))).isEqualTo(
                    BigInteger.valueOf(2L * hw[0] - 1).multiply(BigInteger.valueOf(2L * hw[1] - 1)));
        }
        assertThatThrownBy(() -> DenseToConv.fullyConnected(Integer.MAX_VALUE, Integer.MAX_VALUE))
                .isInstanceOf(ArithmeticException.class).hasMessageContaining("does not fit in a long");
        assertThat(DenseToConv.local(Integer.MAX_VALUE)).isEqualTo((2L * Integer.MAX_VALUE + 1) * (2L * Integer.MAX_VALUE + 1));
        assertThatThrownBy(() -> DenseToConv.local(-1)).hasMessageContaining("delta must be >= 0 but was -1");
        assertThatThrownBy(() -> DenseToConv.fullyConnected(0, 5)).hasMessageContaining("h must be >= 1 but was 0");
    }

    @Test
    void countsAreTheLayersParameters() {
        // a dense layer from a 28x28 image to 784 units: fullyConnected(28, 28) weights (+ 784 biases)
        Linear dense = Linear.of(784, 784).seed(0).build();
        assertThat((long) dense.weight().value().size()).isEqualTo(DenseToConv.fullyConnected(28, 28));
        for (int delta = 0; delta <= 3; delta++) {
            Conv2D conv = Conv2D.of(3, 8).kernel(2 * delta + 1).seed(0).build();
            assertThat((long) conv.weight().value().size()).isEqualTo(DenseToConv.localWithChannels(delta, 3, 8));
        }
    }

    @Test
    void shiftMovesAndFillsWithZeros() {
        Tensor x = Tensor.arange(12).reshape(1, 3, 4);
        assertThat(DenseToConv.shift(x, 1, -1)).isEqualTo(Tensor.of(new double[][] {{0, 0, 0, 0}, {1, 2, 3, 0}, {5, 6, 7, 0}}).reshape(1, 3, 4));
        assertThat(DenseToConv.shift(x, 0, 0)).isEqualTo(x);
        assertThat(DenseToConv.shift(x, 3, 0)).isEqualTo(Tensor.zeros(1, 3, 4));
        assertThat(x).isEqualTo(Tensor.arange(12).reshape(1, 3, 4));
        assertThatThrownBy(() -> DenseToConv.shift(Tensor.arange(3), 1, 1)).hasMessageContaining("rank >= 2").hasMessageContaining("[3]");
    }
}
