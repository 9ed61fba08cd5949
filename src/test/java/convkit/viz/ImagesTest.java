package convkit.viz;

import convkit.Tensor;
import convkit.book.Examples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagesTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static BufferedImage filled(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, c.getRGB());
        return img;
    }

    @Test
    void rowPlacesImagesSideBySideTopAligned() {
        BufferedImage r = Images.row(filled(10, 20, Color.RED), filled(30, 5, Color.BLUE));
        assertThat(r.getWidth()).isEqualTo(10 + Images.GAP + 30);
        assertThat(r.getHeight()).isEqualTo(20);
        assertThat(new Color(r.getRGB(0, 19))).isEqualTo(Color.RED);
        assertThat(new Color(r.getRGB(10 + Images.GAP, 0))).isEqualTo(Color.BLUE);
        assertThat(new Color(r.getRGB(10 + Images.GAP, 10))).isEqualTo(Color.WHITE);
        assertThat(new Color(r.getRGB(10, 0))).isEqualTo(Color.WHITE);
    }

    @Test
    void gridFillsRowByRow() {
        BufferedImage g = Images.grid(2, filled(10, 10, Color.RED), filled(10, 10, Color.GREEN), filled(10, 10, Color.BLUE));
        assertThat(g.getWidth()).isEqualTo(20 + Images.GAP);
        assertThat(g.getHeight()).isEqualTo(20 + Images.GAP);
        assertThat(new Color(g.getRGB(10 + Images.GAP + 5, 5))).isEqualTo(Color.GREEN);
        assertThat(new Color(g.getRGB(5, 10 + Images.GAP + 5))).isEqualTo(Color.BLUE);
        assertThat(new Color(g.getRGB(10 + Images.GAP + 5, 10 + Images.GAP + 5))).isEqualTo(Color.WHITE);
        assertThatThrownBy(() -> Images.grid(0, filled(1, 1, Color.RED))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Images.row()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void slicesDrawsEveryChannelWithASharedRange() {
        Tensor k = Examples.multiInOutK(); // (3, 2, 2, 2), values 0..6
        BufferedImage one = Heatmap.of(k.at(0).at(0)).title("K[0,0]").range(0, 6).colorMap(ColorMap.GRAY)
                .colorBar(false).render();
        BufferedImage all = Images.slices(k, "K");
        Graphics2D g = all.createGraphics();
        int barW = Heatmap.BAR_GAP + Heatmap.colorBarWidth(g, new double[] {0, 6});
        g.dispose();
        // two columns of maps without colour bars, one shared colour bar at the right
        assertThat(all.getWidth()).isEqualTo(2 * one.getWidth() + Images.GAP + barW);
        assertThat(all.getHeight()).isEqualTo(3 * one.getHeight() + 2 * Images.GAP);
        // K[2,1] = [[3,4],[5,6]]: its bottom-right cell holds the global maximum 6, drawn white
        Heatmap h = Heatmap.of(Tensor.zeros(2, 2)).title("x");
        java.awt.Rectangle c = h.cellBounds(1, 1);
        int ox = one.getWidth() + Images.GAP;
        int oy = 2 * (one.getHeight() + Images.GAP);
        assertThat(new Color(all.getRGB(ox + c.x + 2, oy + c.y + 2))).isEqualTo(Color.WHITE);
        // K[0,0][0,0] = 0 is the global minimum, drawn black
        java.awt.Rectangle c0 = h.cellBounds(0, 0);
        assertThat(new Color(all.getRGB(c0.x + 2, c0.y + 2))).isEqualTo(Color.BLACK);
        // the shared bar: white (6) at its top, black (0) at its bottom
        int bx = 2 * one.getWidth() + Images.GAP - Heatmap.PAD + Heatmap.BAR_GAP + 3;
        int top = Heatmap.PAD + Heatmap.TITLE_BAND;
        assertThat(new Color(all.getRGB(bx, top + 2)).getRed()).isGreaterThan(248);
        assertThat(new Color(all.getRGB(bx, all.getHeight() - Heatmap.PAD - 3)).getRed()).isLessThan(7);
        assertThatThrownBy(() -> Images.slices(Tensor.zeros(4), "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4]");
    }

    @Test
    void manySlicesStayWithinMaxWidthAndWrapWhenOneRowWouldMakeThemTiny() {
        // eight 28x28 images (notebook 06): one row would draw each 84 px wide; two rows of four draw them larger
        BufferedImage eight = Images.slices(Tensor.rand(1, 8, 28, 28), "x");
        assertThat(eight.getWidth()).isLessThanOrEqualTo(Images.MAX_WIDTH);
        int rowHeight = (eight.getHeight() - Images.GAP) / 2;   // two rows
        assertThat(eight.getHeight()).isGreaterThan(2 * 28 * 5);
        assertThat(rowHeight).isGreaterThan(Images.MIN_SLICE_WIDTH);
        // six 5x5 filters stay in one row
        BufferedImage filters = Images.slices(Tensor.rand(2, 6, 5, 5), "filter");
        assertThat(filters.getWidth()).isLessThanOrEqualTo(Images.MAX_WIDTH).isGreaterThan(6 * 5 * 20);
        assertThat(filters.getHeight()).isLessThan(2 * 5 * 20);
        // (n, c, h, w) keeps one row per image and one column per channel, within MAX_WIDTH
        BufferedImage maps = Images.slices(Tensor.rand(3, 3, 6, 28, 28), "image,channel");
        assertThat(maps.getWidth()).isLessThanOrEqualTo(Images.MAX_WIDTH).isGreaterThan(6 * 28 * 3);
        assertThat(maps.getHeight()).isGreaterThan(3 * 28 * 3).isLessThan(4 * 28 * 6);
    }

    @Test
    void heatmapsShrinkTheirCellsAndRowsWrapToStayWithinMaxWidth() {
        Tensor ten = Tensor.rand(4, 10, 10);
        BufferedImage three = Images.heatmaps(new String[] {"ZEROS", "REFLECT", "REPLICATE"}, ten, ten, ten);
        assertThat(three.getWidth()).isLessThanOrEqualTo(Images.MAX_WIDTH);
        assertThat(three.getHeight()).isLessThan(Heatmap.of(ten).render().getHeight());   // one row, smaller cells
        BufferedImage wide = filled(400, 50, Color.RED);
        BufferedImage wrapped = Images.row(wide, wide, wide);
        assertThat(wrapped.getWidth()).isEqualTo(2 * 400 + Images.GAP);
        assertThat(wrapped.getHeight()).isEqualTo(2 * 50 + Images.GAP);
        assertThat(new Color(wrapped.getRGB(10, 50 + Images.GAP + 10))).isEqualTo(Color.RED);
    }

    @Test
    void noTextSmallerThanTwelvePixels() {
        assertThat(Text.MIN_SIZE).isGreaterThanOrEqualTo(12);
        for (java.awt.Font f : new java.awt.Font[] {Text.SMALL, Text.PLAIN, Text.BOLD}) {
            assertThat(f.getSize()).as(f.toString()).isGreaterThanOrEqualTo(Text.MIN_SIZE);
        }
    }

    @Test
    void heatmapsNeedOneTitlePerMap() {
        assertThat(Images.heatmaps(new String[] {"X", "K"}, Examples.correlationX(), Examples.correlationK()).getWidth())
                .isGreaterThan(Images.heatmap(Examples.correlationX(), "X").getWidth());
        assertThatThrownBy(() -> Images.heatmaps(new String[] {"X"}, Examples.correlationX(), Examples.correlationK()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 titles for 2 maps");
    }

    @Test
    void pngRoundTrip(@TempDir Path dir) throws Exception {
        BufferedImage img = Images.heatmap(Examples.edgeImage(), "X");
        byte[] png = Images.toPng(img);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(back.getWidth()).isEqualTo(img.getWidth());
        assertThat(back.getRGB(30, 60)).isEqualTo(img.getRGB(30, 60));
        Path f = dir.resolve("x.png");
        Images.save(img, f);
        assertThat(ImageIO.read(f.toFile()).getHeight()).isEqualTo(img.getHeight());
    }
}
