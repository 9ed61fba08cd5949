package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import convkit.nn.GradCheck;
import convkit.nn.MaxPool2D;
import convkit.Ops;
import convkit.Tensor;
import convkit.grading.Graded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Visible tests of exercise 7.9.5 (max-Pooling layer with backward). */
class ScratchMaxPoolingTest {

    /** Distinct values (a shuffled ramp), so no window has a tie and the gradient check is well defined. */
    static Tensor distinct(long seed, int... shape) {
        Tensor r = Tensor.rand(seed, shape);
        Tensor x = Tensor.zeros(shape);
        Integer[] order = new Integer[r.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(r.data()[a], r.data()[b]));
        for (int rank = 0; rank < order.length; rank++) x.data()[order[rank]] = rank * 0.1 - 1;
        return x;
    }

    @ParameterizedTest(name = "window {0}x{1}, stride {2}, pad {3}")
    @CsvSource({"2, 2, 2, 0", "3, 3, 1, 1", "3, 2, 2, 1", "2, 2, 1, 0"})
    @Graded(number = "7.9.5.1", points = 2, hint = "out = (H + 2 pad - ph) / stride + 1; padding never wins (it is -infinity)")
    void forwardMatchesLibrary(int ph, int pw, int s, int p) {
        Tensor x = Tensor.randn(7951, 2, 3, 6, 7).sub(5); // all negative: zero padding would wrongly win
        Tensor expected = Ops.maxPool2d(x, new int[] {ph, pw}, new int[] {s}, new int[] {p});
        Tensor got = new ScratchMaxPooling(ph, pw, s, p).forward(x);
        assertArrayEquals(expected.shape(), got.shape(), "output shape");
        assertTrue(expected.allClose(got, 0, 0), () -> "forward differs from Ops.maxPool2d:\nexpected\n" + expected + "\ngot\n" + got);
    }

    @ParameterizedTest(name = "window {0}x{1}, stride {2}, pad {3}")
    @CsvSource({"2, 2, 2, 0", "3, 3, 1, 1", "2, 2, 1, 0"})
    @Graded(number = "7.9.5.2", points = 3, hint = "Each dout goes to the argmax of its window, ADDED (+=) when windows overlap")
    void gradient(int ph, int pw, int s, int p) {
        GradCheck.Report r = GradCheck.check(new ScratchMaxPooling(ph, pw, s, p), distinct(7952, 2, 2, 6, 6), 7953);
        GradCheck.Entry e = r.entry("input");
        assertTrue(e.maxError() <= GradCheck.TOLERANCE, "gradient of the input is wrong at " + java.util.Arrays.toString(e.worstIndexNd())
                + ": backward gives " + e.analytic() + ", central differences " + e.numeric());
        LibraryOracle.assertSameAsLibrary(new ScratchMaxPooling(ph, pw, s, p), MaxPool2D.of(ph, pw).stride(s).padding(p).build(),
                distinct(7952, 2, 2, 6, 6), 7953, "input");
    }

    @Test
    @Graded(number = "7.9.5.3", points = 1, hint = "On a tie the FIRST maximum in row-major order within the window gets the gradient")
    void tiesGoToTheFirstMaximum() {
        Tensor x = Tensor.of(new double[][][][] {{{{1, 3}, {3, 0}}}});
        ScratchMaxPooling pool = new ScratchMaxPooling(2, 2, 2, 0);
        assertEquals(3.0, pool.forward(x).item());
        Tensor dx = pool.backward(Tensor.of(new double[][][][] {{{{5}}}}));
        assertEquals(Tensor.of(new double[][][][] {{{{0, 5}, {0, 0}}}}), dx);
    }
}
