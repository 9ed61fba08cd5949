package convkit.viz;

import convkit.Tensor;
import convkit.book.Examples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
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
        BufferedImage one = Heatmap.of(k.at(0).at(0)).title("K[0,0]").range(0, 6).colorMap(ColorMap.GRAY).render();
        BufferedImage all = Images.slices(k, "K");
        assertThat(all.getWidth()).isEqualTo(2 * one.getWidth() + Images.GAP);
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
        assertThatThrownBy(() -> Images.slices(Tensor.zeros(4), "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[4]");
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
