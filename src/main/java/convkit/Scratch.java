package convkit;

import java.util.Arrays;

/**
 * An array a layer hands out as its output or its dL/dx. Normally a new array every call; switched on (only by
 * {@link DataParallel}, for its private replicas, whose outputs never escape a training step) the same array is
 * reused while the size stays the same, which spares the allocation, the zeroing and the garbage collection of some
 * 30 MB per LeNet step.
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

    private static void on(Scratch out, Scratch dx) {
        out.reuse = true;
        dx.reuse = true;
    }

    /** Switches reuse on for every layer of {@code net} that has scratch arrays (convkit's own layers). */
    static void reuseIn(Layer net) {
        if (net instanceof Sequential s) {
            for (Layer l : s.layers()) reuseIn(l);
        } else if (net instanceof Conv2D l) {
            on(l.outBuf, l.dxBuf);
        } else if (net instanceof Linear l) {
            on(l.outBuf, l.dxBuf);
        } else if (net instanceof Sigmoid l) {
            on(l.outBuf, l.dxBuf);
        } else if (net instanceof ReLU l) {
            on(l.outBuf, l.dxBuf);
        } else if (net instanceof AvgPool2D l) {
            on(l.outBuf, l.dxBuf);
        } else if (net instanceof MaxPool2D l) {
            on(l.outBuf, l.dxBuf);
        }
    }
}
