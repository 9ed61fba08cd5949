package convkit.viz;

import convkit.i18n.Catalog;
import convkit.i18n.Lang;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;

/**
 * Text drawing for the images of this package. On a machine without any font (a bare container), Java2D throws
 * from its font manager; then text is skipped and widths are estimated, so that pictures still render.
 *
 * <p>Every text drawn or measured here is first looked up in {@link Catalog#LABELS} for the {@link Lang#current()
 * current language} ({@link #shown}) and drawn in that language's font ({@link Fonts}): a notebook of
 * {@code notebooks/ja/} that calls {@code Images.heatmap(x, "input X")} gets the title "入力 X" with the same code.
 * Without a font that draws the language the labels stay English (and a note on standard error says why).
 */
final class Text {
    /**
     * The smallest font size (pixels) any picture of this package uses: a notebook that shows a picture at 92 % or
     * more of its size (Jupyter scales a picture down only when it is wider than the notebook column, and
     * {@link Images#MAX_WIDTH} keeps composed pictures narrower than that) keeps its text at 11 px or more.
     */
    static final int MIN_SIZE = 12;
    static final Font PLAIN = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, MIN_SIZE);

    private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("(.+?)(\\[[0-9, ]+\\])");

    private Text() {
    }

    /**
     * {@code s} as the picture shows it: its label in the current language (a name with an index such as
     * {@code filter[3]} is translated without the index), or {@code s} itself in English, for texts without words
     * (numbers), and when no font can draw the language.
     */
    static String shown(String s) {
        Lang lang = Lang.current();
        if (s == null || lang == Lang.EN || s.isEmpty()) return s;
        if (Fonts.family(lang) == null) {
            Fonts.noteMissing(lang);
            return s;
        }
        if (!Catalog.LABELS.has(lang, s)) {
            java.util.regex.Matcher m = INDEXED.matcher(s);
            if (m.matches()) return Catalog.LABELS.in(lang, m.group(1)) + m.group(2);
        }
        return Catalog.LABELS.in(lang, s);
    }

    /** Width of {@code s} in pixels (an estimate of 7 px per character without fonts). */
    static int width(Graphics2D g, Font f, String s) {
        try {
            return g.getFontMetrics(Fonts.forText(f)).stringWidth(shown(s));
        } catch (RuntimeException | Error e) {
            return 7 * shown(s).length();
        }
    }

    /** Height of a line of text (ascent + descent). */
    static int height(Graphics2D g, Font f) {
        try {
            FontMetrics m = g.getFontMetrics(Fonts.forText(f));
            return m.getAscent() + m.getDescent();
        } catch (RuntimeException | Error e) {
            return f.getSize() + 3;
        }
    }

    /** Draws {@code s} with its left end at x and its baseline at y. */
    static void draw(Graphics2D g, Font f, String s, int x, int y) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(Fonts.forText(f));
            g.drawString(shown(s), x, y);
        } catch (RuntimeException | Error e) {
            // no usable font: the picture is still useful without its labels
        }
    }

    /** Draws {@code s} centred horizontally on cx and vertically on cy. */
    static void drawCentered(Graphics2D g, Font f, String s, int cx, int cy) {
        int w = width(g, f, s);
        int ascent;
        int descent;
        try {
            FontMetrics m = g.getFontMetrics(Fonts.forText(f));
            ascent = m.getAscent();
            descent = m.getDescent();
        } catch (RuntimeException | Error e) {
            ascent = f.getSize();
            descent = 3;
        }
        draw(g, f, s, cx - w / 2, cy + (ascent - descent) / 2);
    }

    /** A short label for a cell value: integers without a point ("19", "-1"), others with at most 2 decimals. */
    static String number(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == Math.rint(v) && Math.abs(v) < 1e6) return Long.toString((long) v);
        double a = Math.abs(v);
        String s;
        if (a >= 1e4 || a < 1e-2) s = String.format(java.util.Locale.ROOT, "%.1e", v);
        else if (a >= 100) s = String.format(java.util.Locale.ROOT, "%.0f", v);
        else if (a >= 10) s = String.format(java.util.Locale.ROOT, "%.1f", v);
        else s = String.format(java.util.Locale.ROOT, "%.2f", v);
        return s.equals("-0.00") || s.equals("-0.0") || s.equals("-0") ? "0" : s;
    }
}
