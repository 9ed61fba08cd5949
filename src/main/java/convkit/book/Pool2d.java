package convkit.book;

import convkit.Tensor;

import java.util.Arrays;

/**
 * Pooling written the way d2l section 7.5 writes it: a window slides with stride 1 over a single-channel image and
 * each output is the maximum or the mean of its window. The batched layers with padding, stride and backward are
 * {@code convkit.nn.MaxPool2D} and {@code convkit.nn.AvgPool2D} ({@code Ops.maxPool2d}, {@code Ops.avgPool2d}).
 */
public final class Pool2d {
    private Pool2d() {
    }

    /**
     * pool2d(X, (ph, pw), mode) of d2l 7.5.1. On X = [[0,1,2],[3,4,5],[6,7,8]] with a 2x2 window, "max" gives
     * [[4, 5], [7, 8]] and "avg" gives [[2, 3], [5, 6]].
     *
     * @param x    input (h, w); not modified
     * @param ph   window height, 1 <= ph <= h
     * @param pw   window width, 1 <= pw <= w
     * @param mode "max" or "avg"
     * @return (h - ph + 1, w - pw + 1)
     */
    public static Tensor pool2d(Tensor x, int ph, int pw, String mode) {
        Tensor.requireRank("X", x, 2, "(h, w)");
        if (!"max".equals(mode) && !"avg".equals(mode)) {
            throw new IllegalArgumentException("mode must be \"max\" or \"avg\" but was " + (mode == null ? "null" : "\"" + mode + "\""));
        }
        if (ph < 1 || pw < 1 || ph > x.dim(0) || pw > x.dim(1)) {
            throw new IllegalArgumentException("pool window " + ph + "x" + pw + " must be at least 1x1 and fit in X of shape "
                    + Arrays.toString(x.shape()));
        }
        Tensor y = Tensor.zeros(x.dim(0) - ph + 1, x.dim(1) - pw + 1);
        for (int i = 0; i < y.dim(0); i++) {
            for (int j = 0; j < y.dim(1); j++) {
                double max = Double.NEGATIVE_INFINITY;
                double sum = 0;
                for (int a = 0; a < ph; a++) {
                    for (int b = 0; b < pw; b++) {
                        double v = x.get(i + a, j + b);
                        max = Math.max(max, v);
                        sum += v;
                    }
                }
                y.set("max".equals(mode) ? max : sum / (ph * pw), i, j);
            }
        }
        return y;
    }
}
