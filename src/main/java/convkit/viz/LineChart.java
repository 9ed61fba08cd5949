package convkit.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart (loss curves, accuracies) drawn with Java2D: axes with "nice" ticks, optional logarithmic y axis,
 * axis labels, a title and a legend. Rendering needs no display.
 *
 * <pre>{@code
 * display(LineChart.create("training loss").xLabel("epoch").yLabel("loss").logY(true)
 *         .series("loss", epochs, losses).render());
 * }</pre>
 * The arrays passed to {@link #series} are copied.
 */
public final class LineChart {
    /** Series colours, in order (matplotlib's tab10). */
    public static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};

    static final int LEFT = 64;
    static final int RIGHT = 20;
    static final int TOP = 34;
    static final int BOTTOM = 48;
    /** Radius of a point's marker (pixels, with the centre pixel). */
    static final int MARKER = 4;

    private record Series(String name, double[] x, double[] y) {
    }

    private final String title;
    private String xLabel = "";
    private String yLabel = "";
    private boolean logY;
    private int width = 560;
    private int height = 320;
    private final List<Series> series = new ArrayList<>();

    private LineChart(String title) {
        this.title = title;
    }

    /** An empty chart with a title (may be null). */
    public static LineChart create(String title) {
        return new LineChart(title);
    }

    public LineChart xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return this;
    }

    public LineChart yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return this;
    }

    /** A logarithmic y axis (every y value must then be > 0). */
    public LineChart logY(boolean on) {
        this.logY = on;
        return this;
    }

    /** Image size in pixels (at least 200 x 150). */
    public LineChart size(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("size must be at least 200x150 but was " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /**
     * Adds a series of points (x[i], y[i]).
     *
     * @throws IllegalArgumentException if the arrays are null, empty, of different lengths or hold NaN/infinity
     */
    public LineChart series(String name, double[] x, double[] y) {
        if (x == null || y == null) throw new IllegalArgumentException("x and y of series " + name + " must not be null");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": x has " + x.length + " values but y has " + y.length);
        }
        if (x.length == 0) throw new IllegalArgumentException("series " + name + " is empty");
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("series " + name + " has a non-finite point (" + x[i] + ", " + y[i]
                        + ") at index " + i);
            }
        }
        series.add(new Series(name == null ? "" : name, x.clone(), y.clone()));
        return this;
    }

    /** Adds a series with x = 1, 2, ..., y.length. */
    public LineChart series(String name, double[] y) {
        if (y == null) throw new IllegalArgumentException("y of series " + name + " must not be null");
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        return series(name, x, y);
    }

    /** The rectangle of the plotting area inside the image. */
    public Rectangle plotArea() {
        return new Rectangle(LEFT, TOP, width - LEFT - RIGHT, height - TOP - BOTTOM);
    }

    /** The pixel position of data point (x, y) in the rendered image. */
    public java.awt.Point pixel(double x, double y) {
        Axis ax = xAxis();
        Axis ay = yAxis();
        Rectangle p = plotArea();
        int px = (int) Math.round(p.x + ax.fraction(x) * p.width);
        int py = (int) Math.round(p.y + p.height - ay.fraction(y) * p.height);
        return new java.awt.Point(px, py);
    }

    /** Draws the chart. @throws IllegalStateException if no series was added, or logY with a value <= 0 */
    public BufferedImage render() {
        if (series.isEmpty()) throw new IllegalStateException("chart " + title + " has no series");
        Axis ax = xAxis();
        Axis ay = yAxis();
        Rectangle p = plotArea();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        if (title != null) {
            g.setColor(Color.BLACK);
            Text.draw(g, Text.BOLD, title, p.x + (p.width - Text.width(g, Text.BOLD, title)) / 2, 20);
        }
        // grid and ticks
        g.setStroke(new BasicStroke(1f));
        for (double t : ax.ticks) {
            int x = (int) Math.round(p.x + ax.fraction(t) * p.width);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(x, p.y, x, p.y + p.height);
            g.setColor(Color.BLACK);
            g.drawLine(x, p.y + p.height, x, p.y + p.height + 4);
            String s = ax.label(t);
            Text.draw(g, Text.SMALL, s, x - Text.width(g, Text.SMALL, s) / 2, p.y + p.height + 16);
        }
        for (double t : ay.ticks) {
            int y = (int) Math.round(p.y + p.height - ay.fraction(t) * p.height);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(p.x, y, p.x + p.width, y);
            g.setColor(Color.BLACK);
            g.drawLine(p.x - 4, y, p.x, y);
            String s = ay.label(t);
            Text.draw(g, Text.SMALL, s, p.x - 6 - Text.width(g, Text.SMALL, s), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(p.x, p.y, p.width, p.height);
        Text.draw(g, Text.PLAIN, xLabel, p.x + (p.width - Text.width(g, Text.PLAIN, xLabel)) / 2, height - 10);
        if (!yLabel.isEmpty()) {
            AffineTransform saved = g.getTransform();
            g.rotate(-Math.PI / 2);
            Text.draw(g, Text.PLAIN, yLabel, -(p.y + (p.height + Text.width(g, Text.PLAIN, yLabel)) / 2), 14);
            g.setTransform(saved);
        }
        // series
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        // clip a marker's radius outside the frame: a point on the frame (the last epoch) is drawn whole
        g.setClip(p.x - MARKER, p.y - MARKER, p.width + 2 * MARKER + 1, p.height + 2 * MARKER + 1);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(PALETTE[k % PALETTE.length]);
            g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < s.x.length; i++) {
                double px = p.x + ax.fraction(s.x[i]) * p.width;
                double py = p.y + p.height - ay.fraction(s.y[i]) * p.height;
                if (i == 0) path.moveTo(px, py);
                else path.lineTo(px, py);
            }
            g.draw(path);
            if (s.x.length <= 40) {
                for (int i = 0; i < s.x.length; i++) {
                    java.awt.Point q = pixel(s.x[i], s.y[i]);
                    g.fillOval(q.x - MARKER + 1, q.y - MARKER + 1, 2 * MARKER - 1, 2 * MARKER - 1);
                }
            }
        }
        g.setClip(null);
        // legend, in the corner of the plot that covers the fewest points of the lines
        int lw = 0;
        for (Series s : series) lw = Math.max(lw, Text.width(g, Text.PLAIN, s.name));
        Rectangle box = legendBox(lw + 40, 8 + 18 * series.size());
        g.setColor(Color.WHITE);
        g.fillRect(box.x, box.y, box.width, box.height);
        g.setColor(Color.GRAY);
        g.drawRect(box.x, box.y, box.width, box.height);
        for (int k = 0; k < series.size(); k++) {
            int y = box.y + 13 + 18 * k;
            g.setColor(PALETTE[k % PALETTE.length]);
            g.setStroke(new BasicStroke(2f));
            g.drawLine(box.x + 6, y, box.x + 26, y);
            g.setColor(Color.BLACK);
            Text.draw(g, Text.PLAIN, series.get(k).name, box.x + 32, y + 5);
        }
        g.dispose();
        return img;
    }

    /**
     * Where the legend goes: of nine places in the plot (its corners, the middles of its sides and its centre, in
     * matplotlib's order: upper right first), the first whose box covers the fewest points sampled along the
     * lines (matplotlib's "best" location, simplified).
     */
    Rectangle legendBox(int boxW, int boxH) {
        Rectangle p = plotArea();
        int left = p.x + 8;
        int right = p.x + p.width - boxW - 8;
        int centre = p.x + (p.width - boxW) / 2;
        int top = p.y + 8;
        int bottom = p.y + p.height - boxH - 8;
        int middle = p.y + (p.height - boxH) / 2;
        int[][] xy = {{right, top}, {left, top}, {left, bottom}, {right, bottom}, {right, middle}, {left, middle},
            {centre, bottom}, {centre, top}, {centre, middle}};
        Rectangle[] corners = new Rectangle[xy.length];
        for (int i = 0; i < xy.length; i++) corners[i] = new Rectangle(xy[i][0], xy[i][1], boxW, boxH);
        Rectangle best = corners[0];
        long fewest = Long.MAX_VALUE;
        for (Rectangle r : corners) {
            Rectangle grown = new Rectangle(r.x - MARKER, r.y - MARKER, r.width + 2 * MARKER, r.height + 2 * MARKER);
            long covered = 0;
            for (Series s : series) {
                for (int i = 0; i < s.x.length; i++) {
                    java.awt.Point a = pixel(s.x[i], s.y[i]);
                    java.awt.Point b = i + 1 < s.x.length ? pixel(s.x[i + 1], s.y[i + 1]) : a;
                    for (int t = 0; t <= 20; t++) {
                        if (grown.contains(a.x + (b.x - a.x) * t / 20.0, a.y + (b.y - a.y) * t / 20.0)) covered++;
                    }
                }
            }
            if (covered < fewest) {
                fewest = covered;
                best = r;
            }
        }
        return best;
    }

    private Axis xAxis() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        boolean integers = true;
        for (Series s : series) {
            for (double v : s.x) integers &= v == Math.rint(v);
        }
        return integers ? Axis.integers(lo, hi) : Axis.linear(lo, hi);
    }

    private Axis yAxis() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : s.y) {
                if (logY && v <= 0) {
                    throw new IllegalStateException("logY needs y > 0 but series " + s.name + " has " + v);
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return logY ? Axis.log(lo, hi) : Axis.linear(lo, hi);
    }

    /** An axis: its ends, ticks and how values map to [0, 1]. */
    private static final class Axis {
        final double lo;
        final double hi;
        final boolean log;
        final double[] ticks;

        private Axis(double lo, double hi, boolean log, double[] ticks) {
            this.lo = lo;
            this.hi = hi;
            this.log = log;
            this.ticks = ticks;
        }

        static Axis linear(double min, double max) {
            return stepped(min, max, 0);
        }

        /** Ends and ticks on multiples of a "nice" step of at least {@code minStep}, about five of them. */
        private static Axis stepped(double min, double max, double minStep) {
            if (min == max) {
                double d = min == 0 ? 1 : Math.abs(min) * 0.1;
                min -= d;
                max += d;
            }
            double step = Math.max(minStep, nice((max - min) / 5, true));
            double lo = Math.floor(min / step) * step;
            double hi = Math.ceil(max / step) * step;
            int n = (int) Math.round((hi - lo) / step) + 1;
            double[] t = new double[n];
            for (int i = 0; i < n; i++) t[i] = lo + i * step;
            return new Axis(lo, hi, false, t);
        }

        /** Like {@link #linear} with whole-number ticks (x = epochs, steps): a step of at least 1. */
        static Axis integers(double min, double max) {
            return max - min < 1 ? linear(min, max) : stepped(min, max, 1);
        }

        static Axis log(double min, double max) {
            int a = (int) Math.floor(Math.log10(min));
            int b = (int) Math.ceil(Math.log10(max));
            if (a == b) b = a + 1;
            double[] t = new double[b - a + 1];
            for (int i = 0; i < t.length; i++) t[i] = Math.pow(10, a + i);
            return new Axis(Math.pow(10, a), Math.pow(10, b), true, t);
        }

        double fraction(double v) {
            if (log) return (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
            return (v - lo) / (hi - lo);
        }

        String label(double v) {
            if (log) {
                int e = (int) Math.round(Math.log10(v));
                if (e >= 0 && e <= 4) return "1" + "0".repeat(e);
                if (e < 0 && e >= -3) return "0." + "0".repeat(-e - 1) + "1";
                return "1e" + e;
            }
            double r = Math.abs(v) < 1e-12 * Math.max(Math.abs(lo), Math.abs(hi)) ? 0 : v;
            String s = String.format(Locale.ROOT, "%.6g", r);
            if (s.contains("e")) return s;
            if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            return s;
        }

        private static double nice(double x, boolean round) {
            double exp = Math.floor(Math.log10(x));
            double f = x / Math.pow(10, exp);
            double nf;
            if (round) nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
            else nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
            return nf * Math.pow(10, exp);
        }
    }
}
