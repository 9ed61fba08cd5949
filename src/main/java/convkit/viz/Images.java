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
 * {@link BufferedImage} (show it with {@code display(...)} in a notebook) and modifies none of its arguments.
 * Rendering needs no display.
 */
public final class Images {
    /** Space between pictures in {@link #row} and {@link #grid}, in pixels. */
    public static final int GAP = 12;

    private Images() {
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
        BufferedImage[] imgs = new BufferedImage[maps.length];
        for (int i = 0; i < maps.length; i++) imgs[i] = heatmap(maps[i], titles[i]);
        return row(imgs);
    }

    /**
     * Every 2-D slice of {@code t} as a heatmap, in a grid: (h, w) gives one map; (c, h, w) one row of c maps
     * titled {@code name[0]}, {@code name[1]}, ...; (n, c, h, w) n rows of c maps titled {@code name[i,j]}.
     * All slices share one colour range, so that their colours compare.
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
        Heatmap whole = Heatmap.of(t.reshape(1, t.size()));
        ColorMap cmap = whole.effectiveColorMap();
        double[] range = whole.effectiveRange();
        String label = name == null ? "" : name;
        List<BufferedImage> imgs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < c; j++) {
                double[] d = Arrays.copyOfRange(t.data(), (i * c + j) * h * w, (i * c + j + 1) * h * w);
                String title = s.length == 2 ? label : s.length == 3 ? label + "[" + j + "]" : label + "[" + i + "," + j + "]";
                imgs.add(Heatmap.of(Tensor.wrap(d, h, w)).title(title).colorMap(cmap).range(range[0], range[1]).render());
            }
        }
        return grid(c, imgs.toArray(new BufferedImage[0]));
    }

    /** Pictures side by side, top-aligned, on white. */
    public static BufferedImage row(BufferedImage... images) {
        requireImages(images);
        return grid(images.length, images);
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
