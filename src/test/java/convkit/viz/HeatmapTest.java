package convkit.viz;

import convkit.Tensor;
import convkit.book.Examples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeatmapTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    /** Colour of a pixel near the top-left corner of a cell (inside the cell, away from grid lines and labels). */
    static Color cornerOf(BufferedImage img, Rectangle cell) {
        return new Color(img.getRGB(cell.x + 2, cell.y + 2));
    }

    @Test
    void rendersWithoutADisplay() {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
        BufferedImage img = Heatmap.of(Examples.edgeImage()).title("X").render();
        assertThat(img.getWidth()).isGreaterThan(8 * 40);
        assertThat(img.getHeight()).isGreaterThan(6 * 40);
    }

    @Test
    void sixByEightImageIsUpscaledNearestNeighbour() {
        Heatmap h = Heatmap.of(Examples.edgeImage());
        assertThat(h.effectiveCellSize()).isEqualTo(40);
        BufferedImage img = h.render();
        // gray map from 0 (black) to 1 (white): columns 2..5 black, the others white, in every pixel of the cell
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 8; j++) {
                Rectangle c = h.cellBounds(i, j);
                Color expected = j >= 2 && j <= 5 ? Color.BLACK : Color.WHITE;
                assertThat(cornerOf(img, c)).as("cell %d,%d", i, j).isEqualTo(expected);
                assertThat(new Color(img.getRGB(c.x + c.width - 2, c.y + c.height - 2))).isEqualTo(expected);
            }
        }
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(h.cellBounds(5, 7).x + 40);
    }

    @Test
    void signedValuesUseTheDivergingMapSymmetricAroundZero() {
        Tensor y = Tensor.of(new double[][] {{0, 1, -1}, {0, 2, 0}});
        Heatmap h = Heatmap.of(y);
        assertThat(h.effectiveColorMap()).isEqualTo(ColorMap.DIVERGING);
        assertThat(h.effectiveRange()).containsExactly(-2, 2);
        BufferedImage img = h.render();
        assertThat(cornerOf(img, h.cellBounds(0, 0))).isEqualTo(ColorMap.DIVERGING.color(0.5));
        assertThat(cornerOf(img, h.cellBounds(1, 1))).isEqualTo(ColorMap.DIVERGING.color(1));
        assertThat(cornerOf(img, h.cellBounds(0, 2))).isEqualTo(ColorMap.DIVERGING.color(0.25));
    }

    @Test
    void explicitRangeAndMap() {
        Heatmap h = Heatmap.of(Tensor.of(new double[][] {{0, 5, 10}})).colorMap(ColorMap.VIRIDIS).range(0, 20)
                .cellSize(10);
        BufferedImage img = h.render();
        assertThat(h.cellBounds(0, 2)).isEqualTo(new Rectangle(Heatmap.PAD + 20, Heatmap.PAD, 10, 10));
        assertThat(cornerOf(img, h.cellBounds(0, 2))).isEqualTo(ColorMap.VIRIDIS.color(0.5));
        assertThat(cornerOf(img, h.cellBounds(0, 1))).isEqualTo(ColorMap.VIRIDIS.color(0.25));
    }

    @Test
    void labelsAreDrawnInSmallMapsOnly() {
        // a constant map: without labels every interior pixel has the cell colour; with labels some do not
        Tensor t = Tensor.full(3, 2, 2);
        Heatmap plain = Heatmap.of(t).labels(false);
        Heatmap labelled = Heatmap.of(t).labels(true);
        assertThat(differentPixels(plain.render(), plain.cellBounds(0, 0))).isZero();
        assertThat(differentPixels(labelled.render(), labelled.cellBounds(0, 0))).isPositive();
        assertThat(Heatmap.of(Tensor.zeros(28, 28)).effectiveCellSize()).isEqualTo(11);
    }

    private static int differentPixels(BufferedImage img, Rectangle c) {
        int ref = img.getRGB(c.x + 2, c.y + 2);
        int n = 0;
        for (int y = c.y + 2; y < c.y + c.height - 2; y++) {
            for (int x = c.x + 2; x < c.x + c.width - 2; x++) if (img.getRGB(x, y) != ref) n++;
        }
        return n;
    }

    @Test
    void titleMovesTheGridDown() {
        Heatmap h = Heatmap.of(Tensor.ones(2, 2)).title("a title");
        assertThat(h.cellBounds(0, 0).y).isGreaterThan(Heatmap.PAD);
    }

    @Test
    void acceptsLeadingAxesOfOneAndRowVectors() {
        assertThat(Heatmap.of(Tensor.zeros(1, 1, 6, 7)).rows()).isEqualTo(6);
        assertThat(Heatmap.of(Tensor.zeros(5)).cols()).isEqualTo(5);
        assertThatThrownBy(() -> Heatmap.of(Tensor.zeros(2, 3, 3))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[2, 3, 3]").hasMessageContaining("Images.slices");
        assertThatThrownBy(() -> Heatmap.of(Tensor.zeros(0, 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Heatmap.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Heatmap.of(Tensor.ones(2, 2)).range(1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Heatmap.of(Tensor.ones(2, 2)).cellBounds(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constantAndNonFiniteMapsStillRender() {
        Heatmap zeros = Heatmap.of(Tensor.zeros(3, 3));
        assertThat(zeros.effectiveRange()).containsExactly(0, 1);
        assertThat(cornerOf(zeros.render(), zeros.cellBounds(1, 1))).isEqualTo(Color.BLACK);
        Tensor padded = Tensor.of(new double[][] {{Double.NEGATIVE_INFINITY, 1}, {2, 3}});
        Heatmap h = Heatmap.of(padded);
        assertThat(h.effectiveRange()).containsExactly(1, 3);
        assertThat(cornerOf(h.render(), h.cellBounds(0, 0))).isEqualTo(Color.BLACK);
    }

    @Test
    void numberLabels() {
        assertThat(Text.number(19)).isEqualTo("19");
        assertThat(Text.number(-1)).isEqualTo("-1");
        assertThat(Text.number(0.98953)).isEqualTo("0.99");
        assertThat(Text.number(-0.001)).isEqualTo("-1.0e-03");
        assertThat(Text.number(-0.0)).isEqualTo("0");
        assertThat(Text.number(12.345)).isEqualTo("12.3");
    }

    @Test
    void highlightFramesTheWindowInBlack() {
        Tensor x = Tensor.full(1, 3, 3);   // one value: every cell the same colour
        Heatmap h = Heatmap.of(x).labels(false).highlight(0, 0, 2, 2);
        BufferedImage img = h.render();
        Rectangle first = h.cellBounds(0, 0), inner = h.cellBounds(1, 1), outside = h.cellBounds(2, 2);
        assertThat(new Color(img.getRGB(first.x + 1, first.y + first.height / 2))).isEqualTo(Color.BLACK);   // left edge of the frame
        assertThat(new Color(img.getRGB(first.x + 3, first.y + first.height / 2))).isEqualTo(Color.WHITE);   // its halo
        assertThat(new Color(img.getRGB(inner.x + inner.width - 2, inner.y + inner.height / 2))).isEqualTo(Color.BLACK);  // right edge
        assertThat(cornerOf(img, outside)).isNotEqualTo(Color.BLACK);
        assertThat(new Color(img.getRGB(first.x + first.width / 2, first.y + first.height / 2)))
                .isEqualTo(new Color(Heatmap.of(x).labels(false).render().getRGB(first.x + first.width / 2, first.y + first.height / 2)));
        assertThatThrownBy(() -> Heatmap.of(x).highlight(2, 2, 2, 1)).hasMessageContaining("2x1 cells at (2, 2) is not inside this 3x3 map");
    }
}
