package convkit.nn;

import convkit.Tensor;

import java.util.Arrays;

/** The check every layer makes of its input's dtype against its parameters' (package-private helper). */
final class Dtypes {
    private Dtypes() {
    }

    /** @throws IllegalArgumentException naming the layer, both dtypes and the fix, when they differ */
    static void require(String layer, String argument, Tensor t, Tensor.DType want) {
        if (t != null && t.dtype() != want) {
            throw new IllegalArgumentException(layer + " has " + want + " parameters but " + argument + " is " + t.dtype()
                    + " with shape " + Arrays.toString(t.shape()) + ": convert the input with to(" + want
                    + ") or the layer with to(" + t.dtype() + ")");
        }
    }

    /** @throws IllegalArgumentException when {@code dy} has another dtype than the forward input */
    static void sameAsForward(String layer, Tensor dy, Tensor.DType forward) {
        if (dy != null && dy.dtype() != forward) {
            throw new IllegalArgumentException(layer + ".backward got dy of dtype " + dy.dtype() + " but forward ran in "
                    + forward + " (shape " + Arrays.toString(dy.shape()) + ")");
        }
    }
}
