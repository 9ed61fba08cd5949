package convkit.viz;

import convkit.Tensor;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A 2-D tensor drawn as a picture: one square cell per element (nearest-neighbour upscaling, so a 6x8 image is
 * readable), a colour map, the value printed in each cell when the tensor is small, an optional title and a
 * colour bar giving the scale. Rendering needs no display (works with {@code java.awt.headless=true}).
 *
 * <pre>{@code
 * display(Heatmap.of(Y).title("Y = corr2d(X, K)").render());
 * }</pre>
 *
 * Defaults: the cell size is chosen so that the longer side is about 320 pixels (4 to 48 pixels a cell); tensors
 * with values of both signs use {@link ColorMap#DIVERGING} on a range symmetric around 0 (zero is white), others
 * {@link ColorMap#GRAY} from their minimum (black) to their maximum (white); values are printed when cells are at
 * least 26 pixels wide. The tensor is read once, when {@link #of} is called, and never modified.
 */
public final class Heatmap {
    static final int PAD = 8;
    static final int BAR_GAP = 10;
    static final int BAR_WIDTH = 12;
    /** Height of the title line above the map. */
    static final int TITLE_BAND = 24;

    private final double[] values;
    private final int rows;
    private final int cols;
    private String title;
    private ColorMap colorMap;
    private Double lo;
    private Double hi;
    private Integer cellSize;
    private Boolean labels;
    private boolean colorBar = true;
    private final java.util.List<int[]> highlights = new java.util.ArrayList<>();

    private Heatmap(double[] values, int rows, int cols) {
        this.values = values;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * A heatmap of {@code t}: shape (h, w), (w) (shown as one row), or (1, ..., 1, h, w).
     *
     * @throws IllegalArgumentException for null, an empty tensor or a shape with more than one non-trivial
     *                                  leading axis (use {@link Images#slices} for those)
     */
    public static Heatmap of(Tensor t) {
        if (t == null) throw new IllegalArgumentException("t must not be null");
        int[] s = t.shape();
        if (t.size() == 0) throw new IllegalArgumentException("cannot draw an empty tensor of shape " + Arrays.toString(s));
        if (s.length == 0) return new Heatmap(t.data().clone(), 1, 1);
        if (s.length == 1) return new Heatmap(t.data().clone(), 1, s[0]);
        for (int a = 0; a < s.length - 2; a++) {
            if (s[a] != 1) {
                throw new IllegalArgumentException("a heatmap shows one 2-D map but t has shape " + Arrays.toString(s)
                        + "; use Images.slices(t, name) to show every (h, w) slice");
            }
        }
        return new Heatmap(t.data().clone(), s[s.length - 2], s[s.length - 1]);
    }

    /** A title drawn above the map. */
    public Heatmap title(String title) {
        this.title = title;
        return this;
    }

    /** The colour map (the range stays automatic unless {@link #range} is called; DIVERGING makes it symmetric). */
    public Heatmap colorMap(ColorMap colorMap) {
        if (colorMap == null) throw new IllegalArgumentException("colorMap must not be null");
        this.colorMap = colorMap;
        return this;
    }

    /** The values mapped to the two ends of the colour map (e.g. a shared range for maps shown side by side). */
    public Heatmap range(double lo, double hi) {
        if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("range needs finite lo < hi but was [" + lo + ", " + hi + "]");
        }
        this.lo = lo;
        this.hi = hi;
        return this;
    }

    /** Pixels per element (1 to 200). */
    public Heatmap cellSize(int px) {
        if (px < 1 || px > 200) throw new IllegalArgumentException("cellSize must be in [1, 200] but was " + px);
        this.cellSize = px;
        return this;
    }

    /** Whether to print each value in its cell (default: when cells are at least 26 pixels). */
    public Heatmap labels(boolean on) {
        this.labels = on;
        return this;
    }

    /** Whether to draw the colour bar with the range at the right (default true). */
    public Heatmap colorBar(boolean on) {
        this.colorBar = on;
        return this;
    }

    /**
     * Outlines the block of {@code height x width} cells whose top-left cell is ({@code row}, {@code col}) with a black
     * frame on a white halo (visible on dark and light cells), as d2l's figures shade the window that gives one output
     * element (call it once per block).
     *
     * @throws IllegalArgumentException if the block is empty or not inside the map (the message names both)
     */
    public Heatmap highlight(int row, int col, int height, int width) {
        if (height < 1 || width < 1 || row < 0 || col < 0 || row + height > rows || col + width > cols) {
            throw new IllegalArgumentException("highlight of " + height + "x" + width + " cells at (" + row + ", " + col
                    + ") is not inside this " + rows + "x" + cols + " map");
        }
        highlights.add(new int[] {row, col, height, width});
        return this;
    }

    /** Number of rows and columns of the map. */
    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The cell size that {@link #render} uses. */
    public int effectiveCellSize() {
        if (cellSize != null) return cellSize;
        return Math.max(4, Math.min(48, 320 / Math.max(rows, cols)));
    }

    /** The pixel rectangle of element (i, j) in the rendered image. */
    public Rectangle cellBounds(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IllegalArgumentException("cell (" + i + ", " + j + ") outside a " + rows + "x" + cols + " map");
        }
        int cs = effectiveCellSize();
        return new Rectangle(PAD + j * cs, top() + i * cs, cs, cs);
    }

    /** The colour map used by {@link #render}. */
    public ColorMap effectiveColorMap() {
        if (colorMap != null) return colorMap;
        double[] mm = finiteMinMax();
        return mm[0] < 0 && mm[1] > 0 ? ColorMap.DIVERGING : ColorMap.GRAY;
    }

    /** The value range {lo, hi} used by {@link #render}. */
    public double[] effectiveRange() {
        if (lo != null) return new double[] {lo, hi};
        double[] mm = finiteMinMax();
        double a = mm[0];
        double b = mm[1];
        if (effectiveColorMap() == ColorMap.DIVERGING) {
            double m = Math.max(Math.abs(a), Math.abs(b));
            return m == 0 ? new double[] {-1, 1} : new double[] {-m, m};
        }
        if (a == b) {
            a = Math.min(a, 0);
            b = Math.max(b, 0);
            if (a == b) b = 1;
        }
        return new double[] {a, b};
    }

    private double[] finiteMinMax() {
        double a = Double.POSITIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                a = Math.min(a, v);
                b = Math.max(b, v);
            }
        }
        return a > b ? new double[] {0, 1} : new double[] {a, b};
    }

    private int top() {
        return PAD + (title == null ? 0 : TITLE_BAND);
    }

    /** Width and height in pixels of the image {@link #render} draws (computed without drawing it). */
    public Dimension size() {
        int cs = effectiveCellSize();
        double[] range = effectiveRange();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        int barW = colorBar ? colorBarWidth(pg, range) : 0;
        int titleW = title == null ? 0 : Text.width(pg, Text.BOLD, title);
        pg.dispose();
        int gw = cols * cs;
        int gh = rows * cs;
        int contentW = gw + (colorBar ? BAR_GAP + barW : 0);
        int width = PAD + Math.max(contentW, titleW) + PAD;
        int height = top() + (colorBar ? Math.max(gh, 40) : gh) + PAD;
        return new Dimension(width, height);
    }

    /** Width of a colour bar with its two labels (the bar itself, a gap and the wider label). */
    static int colorBarWidth(Graphics2D g, double[] range) {
        return BAR_WIDTH + 4 + Math.max(Text.width(g, Text.SMALL, Text.number(range[0])),
                Text.width(g, Text.SMALL, Text.number(range[1])));
    }

    /** Draws a vertical colour bar from {@code range[1]} (top) to {@code range[0]} (bottom) with its labels. */
    static void drawColorBar(Graphics2D g, ColorMap cmap, double[] range, int bx, int y0, int barH) {
        for (int y = 0; y < barH; y++) {
            double t = 1 - (double) y / Math.max(1, barH - 1);
            g.setColor(cmap.color(t));
            g.drawLine(bx, y0 + y, bx + BAR_WIDTH - 1, y0 + y);
        }
        g.setColor(Color.GRAY);
        g.drawRect(bx, y0, BAR_WIDTH - 1, barH - 1);
        g.setColor(Color.BLACK);
        Text.draw(g, Text.SMALL, Text.number(range[1]), bx + BAR_WIDTH + 4, y0 + Text.MIN_SIZE - 1);
        Text.draw(g, Text.SMALL, Text.number(range[0]), bx + BAR_WIDTH + 4, y0 + barH - 1);
    }

    /** Draws the map. */
    public BufferedImage render() {
        int cs = effectiveCellSize();
        ColorMap cmap = effectiveColorMap();
        double[] range = effectiveRange();
        int gw = cols * cs;
        int gh = rows * cs;
        int y0 = top();
        Dimension size = size();
        int width = size.width;
        int height = size.height;
        int barH = Math.max(gh, 40);

        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        if (title != null) {
            g.setColor(Color.BLACK);
            Text.draw(g, Text.BOLD, title, PAD, PAD + 16);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                g.setColor(cmap.color(norm(values[i * cols + j], range)));
                g.fillRect(PAD + j * cs, y0 + i * cs, cs, cs);
            }
        }
        if (cs >= 12) {
            g.setColor(new Color(200, 200, 200));
            for (int i = 0; i <= rows; i++) g.drawLine(PAD, y0 + i * cs, PAD + gw, y0 + i * cs);
            for (int j = 0; j <= cols; j++) g.drawLine(PAD + j * cs, y0, PAD + j * cs, y0 + gh);
        } else {
            g.setColor(Color.GRAY);
            g.drawRect(PAD - 1, y0 - 1, gw + 1, gh + 1);
        }
        boolean showLabels = labels != null ? labels : cs >= 26;
        if (showLabels) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double v = values[i * cols + j];
                    String s = Text.number(v);
                    java.awt.Font f = Text.width(g, Text.PLAIN, s) <= cs - 4 ? Text.PLAIN : Text.SMALL;
                    if (Text.width(g, f, s) > cs - 2) continue;
                    Color c = cmap.color(norm(v, range));
                    double lum = 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
                    g.setColor(lum < 128 ? Color.WHITE : Color.BLACK);
                    Text.drawCentered(g, f, s, PAD + j * cs + cs / 2, y0 + i * cs + cs / 2);
                }
            }
        }
        if (!highlights.isEmpty()) {   // a black frame on a white halo: visible on dark and on light cells
            for (int pass = 0; pass < 2; pass++) {
                g.setColor(pass == 0 ? Color.WHITE : Color.BLACK);
                g.setStroke(new java.awt.BasicStroke(pass == 0 ? 6 : 2));
                for (int[] b : highlights) g.drawRect(PAD + b[1] * cs + 1, y0 + b[0] * cs + 1, b[3] * cs - 2, b[2] * cs - 2);
            }
        }
        if (colorBar) drawColorBar(g, cmap, range, PAD + gw + BAR_GAP, y0, barH);
        g.dispose();
        return img;
    }

    private static double norm(double v, double[] range) {
        if (Double.isNaN(v)) return Double.NaN;
        return (v - range[0]) / (range[1] - range[0]);
    }
}
