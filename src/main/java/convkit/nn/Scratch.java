package convkit.nn;

import java.util.Arrays;

/**
 * An array a layer hands out as its output or its dL/dx. Normally a new array every call; after
 * {@link Layer#reuseArrays()} (called only by {@code convkit.train.DataParallel}, for its private replicas, whose
 * outputs never escape a training step) the same array is reused while the size stays the same, which spares the
 * allocation, the zeroing and the garbage collection of some 30 MB per LeNet step.
 */
final class Scratch {
    private boolean reuse;
    private double[] buf;

    /** An array of length n whose contents will all be overwritten by the caller. */
    double[] get(int n) {
        if (!reuse) return new double[n];
        if (buf == null || buf.length != n) buf = new double[n];
        return buf;
    }

    /** An array of length n filled with zeros (for callers that add into it). */
    double[] zeroed(int n) {
        if (!reuse || buf == null || buf.length != n) return get(n);
        Arrays.fill(buf, 0.0);
        return buf;
    }

    /** From now on, hand out the same array while the size stays the same ({@link Layer#reuseArrays()}). */
    void reuse() {
        reuse = true;
    }
}
