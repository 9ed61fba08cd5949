package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;

import convkit.grading.Graded;
import convkit.grading.Visibility;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Hidden tests of the d2l 7.1 exercises: every kernel size and split of the padding, and counts beyond int. */
class Sec71DenseToConvHiddenTest {

    @Test
    @Graded(number = "7.1.5.2", points = 1, visibility = Visibility.HIDDEN)
    void everyKernelSizeAndEverySplitOfThePadding() {
        for (int kh = 1; kh <= 9; kh++) {
            for (int kw = 1; kw <= 9; kw++) {
                for (int pt = 0; pt < kh; pt++) {
                    long expected = bruteForce(9, 11, kh, kw, pt, (kw - 1) - (kw - 1) / 2);
                    assertEquals(expected, Sec71DenseToConv.outputsTouchingPadding(9, 11, kh, kw), "9x11, kernel " + kh + "x" + kw);
                }
            }
        }
    }

    static long bruteForce(int h, int w, int kh, int kw, int pt, int pl) {
        long n = 0;
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                if (i - pt < 0 || i - pt + kh - 1 >= h || j - pl < 0 || j - pl + kw - 1 >= w) n++;
            }
        }
        return n;
    }

    @Test
    @Graded(number = "7.1.5.3", points = 1, visibility = Visibility.HIDDEN)
    void countsBeyondInt() {
        int[][] cases = {{100_000, 100_000, 3, 3}, {1 << 20, 1 << 20, 4, 2}, {46_341, 46_341, 46_341, 1}, {Integer.MAX_VALUE, 3, 2, 3}};
        for (int[] c : cases) {
            BigInteger all = BigInteger.valueOf(c[0]).multiply(BigInteger.valueOf(c[1]));
            BigInteger inside = BigInteger.valueOf(c[0] - c[2] + 1L).multiply(BigInteger.valueOf(c[1] - c[3] + 1L));
            assertEquals(all.subtract(inside).longValueExact(), Sec71DenseToConv.outputsTouchingPadding(c[0], c[1], c[2], c[3]),
                    c[0] + "x" + c[1] + " kernel " + c[2] + "x" + c[3]);
        }
    }

    @Test
    @Graded(number = "7.1.1.3", points = 1, visibility = Visibility.HIDDEN)
    void deltaZeroWeightsBeyondInt() {
        assertEquals(Integer.MAX_VALUE * 2L, Sec71DenseToConv.deltaZeroWeights(Integer.MAX_VALUE, 2));
        assertEquals((long) Integer.MAX_VALUE * Integer.MAX_VALUE, Sec71DenseToConv.deltaZeroWeights(Integer.MAX_VALUE, Integer.MAX_VALUE));
    }
}
