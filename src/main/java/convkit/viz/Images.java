package convkit.viz;

import convkit.Tensor;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Pictures for notebooks: heatmaps of tensors and several pictures side by side. Every method returns a new
 * {@link BufferedImage} (a notebook cell shows it as its result, or with {@code display(...)}) and modifies none
 * of its arguments. Rendering needs no display.
 *
 * <p>Legible at 100 % zoom: {@link #heatmaps}, {@link #slices} and {@link #row} keep what they compose at most
 * {@link #MAX_WIDTH} pixels wide (smaller cells, or a second row), so that Jupyter, which scales a picture down
 * to the width of the notebook column, shows it at its own size, and no text in it (12 px and larger) shrinks.
 */
public final class Images {
    /** Space between pictures in {@link #row} and {@link #grid}, in pixels. */
    public static final int GAP = 12;

    /**
     * The widest picture {@link #heatmaps}, {@link #slices} and {@link #row} compose, in pixels: narrower than
     * the notebook column of Jupyter Notebook in a 1280-pixel-wide window (978 px), so that pictures are shown
     * unscaled there, and in any column of 883 px or more at 92 % or more of their size (12-px text stays at
     * 11 px or more). A single {@link Heatmap} or {@link LineChart} is narrower by default.
     */
    public static final int MAX_WIDTH = 960;

    /** Slices of {@link #slices} are drawn at least this wide when the layout can wrap (pixels). */
    static final int MIN_SLICE_WIDTH = 100;

    private Images() {
    }

    /**
     * The font family the pictures draw {@code lang}'s labels with (Noto Sans CJK JP for Japanese, SC for Chinese
     * when installed), or empty when no installed font draws the language: then labels stay English.
     */
    public static java.util.Optional<String> fontFor(convkit.i18n.Lang lang) {
        return lang == convkit.i18n.Lang.EN ? java.util.Optional.of(Text.PLAIN.getFamily())
                : java.util.Optional.ofNullable(Fonts.family(lang));
    }

    /** {@code Heatmap.of(t).render()}: see {@link Heatmap} for shapes and defaults. */
    public static BufferedImage heatmap(Tensor t) {
        return Heatmap.of(t).render();
    }

    /** {@code Heatmap.of(t).title(title).render()}. */
    public static BufferedImage heatmap(Tensor t, String title) {
        return Heatmap.of(t).title(title).render();
    }

    /**
     * Heatmaps of several tensors in one row, each with its title ({@code titles.length == maps.length}).
     * Each map keeps its own colour range; use {@link Heatmap#range} and {@link #row} for a shared one.
     */
    public static BufferedImage heatmaps(String[] titles, Tensor... maps) {
        if (titles == null || maps == null || titles.length != maps.length) {
            throw new IllegalArgumentException("need one title per map but got " + (titles == null ? "null" : titles.length)
                    + " titles for " + (maps == null ? "null" : maps.length) + " maps");
        }
        Heatmap[] hs = new Heatmap[maps.length];
        int[] cs = new int[maps.length];
        for (int i = 0; i < maps.length; i++) {
            hs[i] = Heatmap.of(maps[i]).title(titles[i]);
            cs[i] = hs[i].effectiveCellSize();
        }
        // shrink every map's cells by the same factor until the row fits MAX_WIDTH (row() wraps what still does not)
        for (double f = 1; f > 0; f -= 0.05) {
            int width = GAP * (maps.length - 1);
            for (int i = 0; i < maps.length; i++) {
                hs[i].cellSize(Math.max(4, (int) Math.floor(cs[i] * f + 1e-9)));
                width += hs[i].size().width;
            }
            if (width <= MAX_WIDTH) break;
        }
        BufferedImage[] imgs = new BufferedImage[maps.length];
        for (int i = 0; i < maps.length; i++) imgs[i] = hs[i].render();
        return row(imgs);
    }

    /**
     * Every 2-D slice of {@code t} as a heatmap, in a grid: (h, w) gives one map; (c, h, w) c maps titled
     * {@code name[0]}, {@code name[1]}, ... (in one row, or several when one row would draw them narrower than
     * 100 px); (n, c, h, w) n rows of c maps titled {@code name[i,j]}. All slices share one colour range, drawn
     * once as a colour bar at the right, so that their colours compare. The grid is at most {@link #MAX_WIDTH}
     * pixels wide; when the titles do not fit above the maps, the maps are titled {@code [j]} or {@code [i,j]}
     * under a caption {@code name}.
     *
     * @throws IllegalArgumentException for rank < 2 or > 4, or more than 64 slices
     */
    public static BufferedImage slices(Tensor t, String name) {
        if (t == null) throw new IllegalArgumentException("t must not be null");
        int[] s = t.shape();
        if (s.length < 2 || s.length > 4) {
            throw new IllegalArgumentException("slices needs a tensor of rank 2 to 4 but t has shape " + Arrays.toString(s));
        }
        int h = s[s.length - 2];
        int w = s[s.length - 1];
        int n = s.length == 4 ? s[0] : 1;
        int c = s.length >= 3 ? s[s.length - 3] : 1;
        if ((long) n * c > 64) {
            throw new IllegalArgumentException("t of shape " + Arrays.toString(s) + " has " + (long) n * c
                    + " slices; slices draws at most 64");
        }
        if (h * w == 0) throw new IllegalArgumentException("cannot draw empty slices of shape " + Arrays.toString(s));
        Heatmap whole = Heatmap.of(t.reshape(1, t.size()));
        ColorMap cmap = whole.effectiveColorMap();
        double[] range = whole.effectiveRange();
        String label = name == null ? "" : name;
        if (s.length == 2) {
            Heatmap one = Heatmap.of(t).title(label.isEmpty() ? null : label);
            return one.cellSize(Math.min(one.effectiveCellSize(), Math.max(1, (MAX_WIDTH - 2 * Heatmap.PAD
                    - Heatmap.BAR_GAP - 60) / w))).render();
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        int barW = Heatmap.BAR_GAP + Heatmap.colorBarWidth(pg, range);
        int defaultCs = Math.max(4, Math.min(48, 320 / Math.max(h, w)));
        int cols = c;
        int cs = fitCellSize(cols, w, barW, defaultCs);
        if (s.length == 3 && cs * w < Math.min(MIN_SLICE_WIDTH, defaultCs * w)) {
            // wrap into rows, as few as give slices at least MIN_SLICE_WIDTH wide, balanced
            while (cols > 1 && fitCellSize(cols, w, barW, defaultCs) * w < Math.min(MIN_SLICE_WIDTH, defaultCs * w)) cols--;
            int rowsN = (c + cols - 1) / cols;
            cols = (c + rowsN - 1) / rowsN;
            cs = fitCellSize(cols, w, barW, defaultCs);
        }
        int mapW = w * cs;
        String[] full = new String[n * c];
        String[] brief = new String[n * c];
        boolean fits = true;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                String index = s.length == 3 ? "[" + j + "]" : "[" + i + "," + j + "]";
                full[i * c + j] = label + index;
                brief[i * c + j] = index;
                fits &= Text.width(pg, Text.BOLD, full[i * c + j]) <= mapW;
            }
        }
        int captionW = Text.width(pg, Text.BOLD, label);
        pg.dispose();
        String[] titles = fits || label.isEmpty() ? full : brief;
        List<BufferedImage> imgs = new ArrayList<>();
        for (int k = 0; k < n * c; k++) {
            double[] d = Arrays.copyOfRange(t.data(), k * h * w, (k + 1) * h * w);
            imgs.add(Heatmap.of(Tensor.wrap(d, h, w)).title(titles[k]).colorMap(cmap).range(range[0], range[1])
                    .cellSize(cs).colorBar(false).render());
        }
        BufferedImage maps = grid(cols, imgs.toArray(new BufferedImage[0]));
        int captionH = titles == full ? 0 : Heatmap.TITLE_BAND;
        int width = Math.max(maps.getWidth() + barW, Heatmap.PAD + captionW + Heatmap.PAD);
        int height = captionH + maps.getHeight();
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.drawImage(maps, 0, captionH, null);
        if (captionH > 0) {   // after the maps: its descenders reach into their white top margin
            g.setColor(Color.BLACK);
            Text.draw(g, Text.BOLD, label, Heatmap.PAD, Heatmap.PAD + 16);
        }
        int top = captionH + Heatmap.PAD + Heatmap.TITLE_BAND;
        Heatmap.drawColorBar(g, cmap, range, maps.getWidth() - Heatmap.PAD + Heatmap.BAR_GAP, top,
                Math.max(40, maps.getHeight() - top + captionH - Heatmap.PAD));
        g.dispose();
        return out;
    }

    /** The largest cell size (at most {@code defaultCs}, at least 1) that fits {@code cols} slices into MAX_WIDTH. */
    private static int fitCellSize(int cols, int w, int barW, int defaultCs) {
        int perSlice = (MAX_WIDTH - barW - GAP * (cols - 1)) / cols - 2 * Heatmap.PAD;
        return Math.max(1, Math.min(defaultCs, perSlice / w));
    }

    /**
     * Pictures side by side, top-aligned, on white; pictures that would make the row wider than
     * {@link #MAX_WIDTH} continue on a new row below (like words on a line).
     */
    public static BufferedImage row(BufferedImage... images) {
        requireImages(images);
        List<List<BufferedImage>> lines = new ArrayList<>();
        List<BufferedImage> line = new ArrayList<>();
        int x = 0;
        for (BufferedImage img : images) {
            if (!line.isEmpty() && x + GAP + img.getWidth() > MAX_WIDTH) {
                lines.add(line);
                line = new ArrayList<>();
                x = 0;
            }
            x += (line.isEmpty() ? 0 : GAP) + img.getWidth();
            line.add(img);
        }
        lines.add(line);
        int width = 0;
        int height = GAP * (lines.size() - 1);
        for (List<BufferedImage> l : lines) {
            width = Math.max(width, l.stream().mapToInt(BufferedImage::getWidth).sum() + GAP * (l.size() - 1));
            height += l.stream().mapToInt(BufferedImage::getHeight).max().orElse(0);
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (List<BufferedImage> l : lines) {
            int lx = 0;
            for (BufferedImage img : l) {
                g.drawImage(img, lx, y, null);
                lx += img.getWidth() + GAP;
            }
            y += l.stream().mapToInt(BufferedImage::getHeight).max().orElse(0) + GAP;
        }
        g.dispose();
        return out;
    }

    /**
     * Pictures in a grid of {@code columns} columns, filled row by row; each column is as wide as its widest
     * picture and each row as high as its highest one.
     */
    public static BufferedImage grid(int columns, BufferedImage... images) {
        requireImages(images);
        if (columns < 1) throw new IllegalArgumentException("columns must be >= 1 but was " + columns);
        int cols = Math.min(columns, images.length);
        int rowsN = (images.length + cols - 1) / cols;
        int[] colW = new int[cols];
        int[] rowH = new int[rowsN];
        for (int k = 0; k < images.length; k++) {
            colW[k % cols] = Math.max(colW[k % cols], images[k].getWidth());
            rowH[k / cols] = Math.max(rowH[k / cols], images[k].getHeight());
        }
        int width = Arrays.stream(colW).sum() + GAP * (cols - 1);
        int height = Arrays.stream(rowH).sum() + GAP * (rowsN - 1);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        int y = 0;
        for (int r = 0; r < rowsN; r++) {
            int x = 0;
            for (int c = 0; c < cols && r * cols + c < images.length; c++) {
                g.drawImage(images[r * cols + c], x, y, null);
                x += colW[c] + GAP;
            }
            y += rowH[r] + GAP;
        }
        g.dispose();
        return out;
    }

    /** The image as PNG bytes (what a notebook front end receives as image/png). */
    public static byte[] toPng(RenderedImage image) {
        if (image == null) throw new IllegalArgumentException("image must not be null");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the image as a PNG file (parent directories must exist). */
    public static void save(RenderedImage image, Path file) {
        if (file == null) throw new IllegalArgumentException("file must not be null");
        try {
            Files.write(file, toPng(image));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireImages(BufferedImage[] images) {
        if (images == null || images.length == 0) throw new IllegalArgumentException("need at least one image");
        for (int i = 0; i < images.length; i++) {
            if (images[i] == null) throw new IllegalArgumentException("image " + i + " is null");
        }
    }
}
