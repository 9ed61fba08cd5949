package convkit.viz;

import java.awt.Color;

/**
 * Maps a number in [0, 1] to a colour. {@link #GRAY} shows images as the books do (0 black, 1 white);
 * {@link #DIVERGING} shows signed maps (edges, kernels, gradients): blue for negative, white for zero, red for
 * positive; {@link #VIRIDIS} is a perceptually even sequential map for feature maps.
 */
public enum ColorMap {
    /** Black (0) to white (1). */
    GRAY(new int[][] {{0, 0, 0}, {255, 255, 255}}),
    /** Blue (0) through white (0.5) to red (1); use with a range symmetric around zero. */
    DIVERGING(new int[][] {{33, 102, 172}, {146, 197, 222}, {247, 247, 247}, {244, 165, 130}, {178, 24, 43}}),
    /** Dark purple (0) through teal to yellow (1), anchors taken from matplotlib's viridis. */
    VIRIDIS(new int[][] {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}});

    private final int[][] anchors;

    ColorMap(int[][] anchors) {
        this.anchors = anchors;
    }

    /**
     * The colour of {@code t}, linearly interpolated between equally spaced anchors; t is clamped to [0, 1] and
     * NaN maps to mid-grey-ish magenta so that it stands out.
     */
    public Color color(double t) {
        if (Double.isNaN(t)) return new Color(255, 0, 255);
        t = Math.max(0, Math.min(1, t));
        double pos = t * (anchors.length - 1);
        int i = Math.min((int) Math.floor(pos), anchors.length - 2);
        double f = pos - i;
        int[] a = anchors[i];
        int[] b = anchors[i + 1];
        return new Color(mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
