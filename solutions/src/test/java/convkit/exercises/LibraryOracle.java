package convkit.exercises;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import convkit.Tensor;
import convkit.nn.Layer;
import convkit.nn.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * The library's layer as the oracle of a student's layer. A gradient check alone is passed by a layer that computes
 * nothing (a constant forward has a zero gradient, and a backward that returns zeros matches it), so the tests that
 * grade a backward pass also compare it with the library's layer: forward, then the named gradient.
 *
 * <p>The library's layer runs first, and each layer gets its own copies of the input and of dL/dy, so that the
 * student's code cannot change what it is compared with. Both layers start from zeroed gradients.
 */
final class LibraryOracle {
    private LibraryOracle() {
    }

    /**
     * Asserts that {@code student} and {@code library} agree on {@code forward(x)} and on the gradient named
     * {@code which}: "input" (what backward returns), the name of one of the student's parameters ("W", "b"; the
     * library's layer lists the same parameters in the same order), or "all" for every one.
     * dL/dy is uniform in [-1, 1) from {@code seed}. Tolerance: {@code |got - expected| <= 1e-10 + 1e-9 |expected|}.
     */
    static void assertSameAsLibrary(Layer student, Layer library, Tensor x, long seed, String which) {
        library.zeroGrad();
        Tensor yRef = library.forward(x.copy());
        Tensor dy = Tensor.rand(seed, yRef.shape()).mul(2).sub(1);
        Tensor dxRef = library.backward(dy.copy());
        List<Parameter> ref = library.parameters();
        student.zeroGrad();
        Tensor y = student.forward(x.copy());
        assertClose(yRef, y, "forward");
        Tensor dx = student.backward(dy.copy());
        if (which.equals("input") || which.equals("all")) assertClose(dxRef, dx, "the input gradient (what backward returns)");
        List<Parameter> got = student.parameters();
        assertEquals(ref.size(), got.size(), "parameters() of " + student);
        for (int i = 0; i < ref.size(); i++) {
            String name = got.get(i).name();   // the student's names (W, b); the library's are weight, bias
            if (which.equals(name) || which.equals("all")) assertClose(ref.get(i).grad(), got.get(i).grad(), "the gradient of " + name);
        }
    }

    /** Fails naming the worst element when {@code got} differs from {@code expected} (the library's result). */
    static void assertClose(Tensor expected, Tensor got, String what) {
        if (got == null) fail(what + " is null");
        assertArrayEquals(expected.shape(), got.shape(), what + ": shape");
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.data()[i], g = got.data()[i];
            double excess = Math.abs(g - e) - (1e-10 + 1e-9 * Math.abs(e));
            if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            fail(what + " differs from the library's at index " + Arrays.toString(index(expected.shape(), worst)) + ": got "
                    + got.data()[worst] + ", expected " + expected.data()[worst]);
        }
    }

    private static int[] index(int[] shape, int flat) {
        int[] idx = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            idx[a] = flat % shape[a];
            flat /= shape[a];
        }
        return idx;
    }
}
