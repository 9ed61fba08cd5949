package convkit.nn;

import java.util.Arrays;

/**
 * The two arrays a layer hands out: its output and its dL/dx. Normally a new array every call; after
 * {@link Layer#reuseArrays()} (called only by {@code convkit.train.DataParallel}, for its private replicas, whose
 * outputs never escape a training step) the same arrays are reused while their sizes stay the same, which spares the
 * allocation, the zeroing and the garbage collection of some 30 MB per LeNet step.
 */
final class Scratch {
    private boolean reuse;
    private double[] out, dx;
    private float[] outF, dxF;

    /** An output array of length n whose contents will all be overwritten by the caller. */
    double[] out(int n) {
        if (!reuse) return new double[n];
        if (out == null || out.length != n) out = new double[n];
        return out;
    }

    /** A dL/dx array of length n whose contents will all be overwritten by the caller. */
    double[] dx(int n) {
        if (!reuse) return new double[n];
        if (dx == null || dx.length != n) dx = new double[n];
        return dx;
    }

    /** A dL/dx array of length n filled with zeros (for callers that add into it). */
    double[] dxZeroed(int n) {
        if (!reuse || dx == null || dx.length != n) return dx(n);
        Arrays.fill(dx, 0.0);
        return dx;
    }

    /** A float32 output array of length n whose contents will all be overwritten by the caller. */
    float[] outF(int n) {
        if (!reuse) return new float[n];
        if (outF == null || outF.length != n) outF = new float[n];
        return outF;
    }

    /** A float32 dL/dx array of length n whose contents will all be overwritten by the caller. */
    float[] dxF(int n) {
        if (!reuse) return new float[n];
        if (dxF == null || dxF.length != n) dxF = new float[n];
        return dxF;
    }

    /** A float32 dL/dx array of length n filled with zeros. */
    float[] dxZeroedF(int n) {
        if (!reuse || dxF == null || dxF.length != n) return dxF(n);
        Arrays.fill(dxF, 0f);
        return dxF;
    }

    /** From now on, hand out the same arrays while the sizes stay the same ({@link Layer#reuseArrays()}). */
    void reuse() {
        reuse = true;
    }
}
