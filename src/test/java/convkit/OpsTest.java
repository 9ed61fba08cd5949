package convkit;

import convkit.nn.AvgPool2D;
import convkit.nn.Conv2D;
import convkit.nn.Layer;
import convkit.nn.MaxPool2D;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The facade's promise for bad input: an IllegalArgumentException with a message, never an
 * ArrayIndexOutOfBoundsException (or any other exception) from inside the library. Arguments are drawn at random
 * (seeded) from small ranges that include the invalid values: zero and negative sizes, strides, paddings and
 * dilations, kernels larger than the input, wrong ranks, mismatched channels and groups, null arrays and arrays of
 * the wrong length.
 */
class OpsTest {
    private static final int CASES = 3000;
    private final Random rnd = new Random(20261122);

    private int small() {
        return rnd.nextInt(7) - 1; // -1 .. 5
    }

    private int[] ints(int maxLen) {
        if (rnd.nextInt(12) == 0) return null;
        int[] a = new int[rnd.nextInt(maxLen + 1)];
        for (int i = 0; i < a.length; i++) a[i] = small();
        return a;
    }

    private Tensor tensor(int rank) {
        if (rnd.nextInt(20) == 0) return null;
        int r = rnd.nextInt(6) == 0 ? rnd.nextInt(6) : rank;
        int[] s = new int[r];
        for (int i = 0; i < r; i++) s[i] = rnd.nextInt(5) + (rnd.nextInt(10) == 0 ? 0 : 1);
        return Tensor.rand(rnd.nextLong(), s);
    }

    private void expectOnlyIllegalArgument(String what, Supplier<Object> call) {
        try {
            call.get();
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).as(what).isNotBlank();
        } catch (RuntimeException | Error e) {
            fail(what + " threw " + e + " instead of IllegalArgumentException", e);
        }
    }

    @Test
    void randomBadArgumentsOnlyEverGiveIllegalArgumentException() {
        for (int c = 0; c < CASES; c++) {
            int op = rnd.nextInt(12);
            switch (op) {
                case 0 -> expectOnlyIllegalArgument("corr2d", () -> Ops.corr2d(tensor(2), tensor(2)));
                case 1 -> expectOnlyIllegalArgument("corr2dMultiIn", () -> Ops.corr2dMultiIn(tensor(3), tensor(3)));
                case 2 -> expectOnlyIllegalArgument("corr2dMultiInOut", () -> Ops.corr2dMultiInOut(tensor(3), tensor(4)));
                case 3 -> expectOnlyIllegalArgument("corr2dMultiInOut1x1", () -> Ops.corr2dMultiInOut1x1(tensor(3), tensor(4)));
                case 4 -> expectOnlyIllegalArgument("pool2d", () -> Ops.pool2d(tensor(2), small(), small(),
                        rnd.nextBoolean() ? "max" : (rnd.nextBoolean() ? "avg" : "min")));
                case 5 -> expectOnlyIllegalArgument("conv2d", () -> Ops.conv2d(tensor(4), tensor(4),
                        rnd.nextBoolean() ? null : tensor(1), ints(2), ints(4), ints(2), small()));
                case 6 -> expectOnlyIllegalArgument("maxPool2d", () -> Ops.maxPool2d(tensor(4), ints(2), ints(2), ints(4)));
                case 7 -> expectOnlyIllegalArgument("avgPool2d", () -> Ops.avgPool2d(tensor(4), ints(2), ints(2), ints(4),
                        rnd.nextBoolean()));
                case 8 -> expectOnlyIllegalArgument("im2col", () -> Ops.im2col(tensor(4), small(), small(), small(), small()));
                case 9 -> expectOnlyIllegalArgument("col2im", () -> Ops.col2im(tensor(2), ints(4), small(), small(), small(), small()));
                case 10 -> expectOnlyIllegalArgument("outputSize", () -> Ops.outputSize(small(), small(), small(), small()));
                default -> expectOnlyIllegalArgument("layers", () -> {
                    Tensor x = tensor(4);
                    Layer l = switch (rnd.nextInt(3)) {
                        case 0 -> (rnd.nextBoolean() ? Conv2D.fromWeights(tensor(4)) : Conv2D.fromWeights(tensor(4), tensor(1))).stride(ints(2)).padding(ints(4)).dilation(ints(2)).groups(small()).build();
                        case 1 -> MaxPool2D.of(ints(2)).stride(ints(2)).padding(ints(4)).build();
                        default -> AvgPool2D.of(ints(2)).stride(ints(2)).padding(ints(4)).countIncludePad(rnd.nextBoolean()).build();
                    };
                    Tensor y = l.forward(x);
                    return l.backward(rnd.nextBoolean() ? y : tensor(4));
                });
            }
        }
    }

    @Test
    void backwardBeforeForwardIsAnIllegalState() {
        Layer l = MaxPool2D.of(2).padding(0).build();
        try {
            l.backward(Tensor.zeros(1, 1, 1, 1));
            fail("backward before forward must throw");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).contains("forward");
        }
    }

    @Test
    void theShortConv2dFormsAreTheFullOneWithItsDefaults() {
        Tensor x = Tensor.rand(1, 2, 3, 5, 5), w = Tensor.rand(2, 4, 3, 2, 2), b = Tensor.rand(3, 4);
        assertThat(Ops.conv2d(x, w)).isEqualTo(Ops.conv2d(x, w, null, null, null, null, 1));
        assertThat(Ops.conv2d(x, w, b)).isEqualTo(Ops.conv2d(x, w, b, new int[] {1}, new int[] {0}, new int[] {1}, 1));
        assertThat(Ops.conv2d(x, w, b)).isNotEqualTo(Ops.conv2d(x, w));
        try {
            Ops.conv2d(x, w, null);
            fail("a null bias in the three-argument form must be rejected");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("b must not be null");
        }
    }
}
