package convkit.nn;

import convkit.ops.Checks;

/**
 * The settings the pooling builders share ({@link MaxPool2D.Builder}, {@link AvgPool2D.Builder}): the window, the
 * stride (PyTorch's default: the window itself) and the padding (at most {@code kernel - 1} per side).
 *
 * @param <B> the concrete builder, returned by every setting
 */
abstract class PoolWindow<B extends PoolWindow<B>> {
    final int[] kernel;
    int[] stride;
    int[] padding = {0, 0, 0, 0};

    PoolWindow(int[] kernel) {
        this.kernel = Checks.pair("kernel", kernel, 0, 1);
        this.stride = this.kernel.clone();
    }

    abstract B self();

    /** The step between windows: {@code stride(s)} or {@code stride(sh, sw)}, each at least 1 (default: the kernel). */
    public B stride(int... s) {
        this.stride = Checks.pair("stride", s, 0, 1);
        return self();
    }

    /**
     * Padding: {@code padding(p)} on every side, {@code padding(ph, pw)} on both sides of each axis, or
     * {@code padding(top, bottom, left, right)}; each at least 0 and at most {@code kernel - 1} on its axis.
     */
    public B padding(int... p) {
        if (p == null || p.length == 0) {
            throw new IllegalArgumentException("padding needs 1, 2 ({ph, pw}) or 4 ({top, bottom, left, right}) values but got none");
        }
        int[] pd = Checks.pad4("padding", p);
        Checks.poolPadding(p, pd, kernel);
        this.padding = pd;
        return self();
    }
}
