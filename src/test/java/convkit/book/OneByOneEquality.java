package convkit.book;

import convkit.Ops;
import convkit.Tensor;
import convkit.compute.Simd;

/**
 * d2l 7.4's last example (exercise 7.4.4) on many random inputs: Y1 = corr2dMultiInOut1x1(X, K) against
 * Y2 = corr2dMultiInOut(X, K) for X (3, 3, 3) and K (2, 3, 1, 1). {@code main} prints
 * {@code simd=<on|off> equal=<bitwise equal cases> close=<cases within 1e-12> of=<cases>} so that a test can run it
 * in a JVM with the other SIMD setting.
 */
public final class OneByOneEquality {
    private OneByOneEquality() {
    }

    /** {bitwise equal cases, cases within allClose(1e-12, 1e-12)} over {@code cases} seeds. */
    public static int[] count(int cases) {
        int equal = 0, close = 0;
        for (int s = 0; s < cases; s++) {
            Tensor x = Tensor.rand(s, 3, 3, 3), k = Tensor.rand(10_000 + s, 2, 3, 1, 1);
            Tensor y1 = Ops.corr2dMultiInOut1x1(x, k), y2 = Ops.corr2dMultiInOut(x, k);
            if (y1.equals(y2)) equal++;
            if (y1.allClose(y2, 1e-12, 1e-12)) close++;
        }
        return new int[] {equal, close};
    }

    public static void main(String[] args) {
        int cases = Integer.parseInt(args[0]);
        int[] c = count(cases);
        System.out.println("simd=" + (Simd.enabled() ? "on" : "off") + " equal=" + c[0] + " close=" + c[1] + " of=" + cases);
    }
}
