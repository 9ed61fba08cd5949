package convkit.viz;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Point;
import java.awt.image.BufferedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineChartTest {
    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static boolean colourNear(BufferedImage img, Point p, Color c) {
        for (int dy = -2; dy <= 2; dy++) {
            for (int dx = -2; dx <= 2; dx++) {
                if (img.getRGB(p.x + dx, p.y + dy) == c.getRGB()) return true;
            }
        }
        return false;
    }

    @Test
    void drawsEachSeriesInItsColourThroughItsPoints() {
        double[] x = {1, 2, 3, 4};
        LineChart chart = LineChart.create("loss").xLabel("step").yLabel("loss")
                .series("train", x, new double[] {4, 3, 2, 1})
                .series("test", x, new double[] {1, 1.5, 2, 2.5});
        BufferedImage img = chart.render();
        assertThat(img.getWidth()).isEqualTo(560);
        assertThat(img.getHeight()).isEqualTo(320);
        assertThat(colourNear(img, chart.pixel(1, 4), LineChart.PALETTE[0])).isTrue();
        assertThat(colourNear(img, chart.pixel(2.5, 2.5), LineChart.PALETTE[0])).isTrue(); // on the segment
        assertThat(colourNear(img, chart.pixel(3, 2), LineChart.PALETTE[1])).isTrue();
        assertThat(colourNear(img, chart.pixel(2.5, 1.25), LineChart.PALETTE[0])).isFalse();
        assertThat(new Color(img.getRGB(2, 2))).isEqualTo(Color.WHITE);
    }

    @Test
    void pointsLieInsideThePlotAreaWithTheAxisEndsOnNiceNumbers() {
        LineChart chart = LineChart.create(null).series("y", new double[] {0.3, 9.7});
        var area = chart.plotArea();
        Point first = chart.pixel(1, 0.3);
        Point last = chart.pixel(2, 9.7);
        // x runs from 1 to 2 exactly: the first point is on the left edge of the plot, the last on the right
        assertThat(first.x).isEqualTo(area.x);
        assertThat(last.x).isEqualTo(area.x + area.width);
        assertThat(first.y).isBetween(area.y, area.y + area.height);
        assertThat(last.y).isBetween(area.y, area.y + area.height);
        assertThat(last.y).isLessThan(first.y);
        // the y axis runs from 0 to 10 (ticks of 2): 0.3 is 3% up, 9.7 is 97% up
        assertThat(first.y).isEqualTo(Math.round(area.y + area.height * (1 - 0.03f)));
    }

    @Test
    void aPointOnTheFrameIsDrawnWhole() {
        // ten epochs: x runs 0..10, the last point sits on the right edge of the plot; its marker must not be cut
        double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        double[] y = {2.3, 2.0, 1.0, 0.8, 0.7, 0.6, 0.6, 0.5, 0.5, 0.5};
        LineChart chart = LineChart.create("loss").series("loss", x, y);
        BufferedImage img = chart.render();
        Point last = chart.pixel(10, 0.5);
        assertThat(last.x).isEqualTo(chart.plotArea().x + chart.plotArea().width);
        int colour = LineChart.PALETTE[0].getRGB();
        // the marker's right half, outside the frame, is drawn in the series colour
        assertThat(img.getRGB(last.x + LineChart.MARKER - 2, last.y)).isEqualTo(colour);
        assertThat(img.getRGB(last.x + LineChart.MARKER + 2, last.y)).isNotEqualTo(colour);
    }

    @Test
    void wholeNumberXGetsWholeNumberTicksAndTheLegendAvoidsTheLines() {
        double[] x = {1, 2};
        LineChart chart = LineChart.create("two epochs").xLabel("epoch")
                .series("train loss", x, new double[] {2.55, 2.37})
                .series("train acc", x, new double[] {0.10, 0.11})
                .series("test acc", x, new double[] {0.11, 0.08});
        // the x axis runs from 1 to 2 with no tick between (no "epoch 1.5")
        assertThat(chart.pixel(1, 0).x).isEqualTo(chart.plotArea().x);
        assertThat(chart.pixel(2, 0).x).isEqualTo(chart.plotArea().x + chart.plotArea().width);
        // the loss runs along the top, the accuracies along the bottom: the legend goes to the middle
        java.awt.Rectangle box = chart.legendBox(120, 62);
        java.awt.Rectangle p = chart.plotArea();
        assertThat(box.y).isGreaterThan(chart.pixel(1, 2.55).y).isGreaterThan(p.y + 8);
        assertThat(box.y + box.height).isLessThan(chart.pixel(1, 0.11).y);
        // the upper right corner when it is free
        LineChart low = LineChart.create(null).series("y", new double[] {1, 2, 3}, new double[] {0, 3, 0});
        assertThat(low.legendBox(100, 30).x).isGreaterThan(low.plotArea().x + low.plotArea().width / 2);
    }

    @Test
    void logScalePutsDecadesEquallyApart() {
        LineChart chart = LineChart.create("log").logY(true).size(400, 300)
                .series("loss", new double[] {1, 2, 3}, new double[] {10, 1, 0.1});
        BufferedImage img = chart.render();
        assertThat(img.getWidth()).isEqualTo(400);
        Point a = chart.pixel(1, 10);
        Point b = chart.pixel(2, 1);
        Point c = chart.pixel(3, 0.1);
        assertThat(b.y - a.y).isEqualTo(c.y - b.y);
        assertThat(colourNear(img, b, LineChart.PALETTE[0])).isTrue();
        assertThatThrownBy(() -> LineChart.create("bad").logY(true).series("y", new double[] {1, 0}).render())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("y > 0");
    }

    @Test
    void badSeriesAreRejectedWithTheirName() {
        assertThatThrownBy(() -> LineChart.create("c").series("loss", new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loss").hasMessageContaining("2 values");
        assertThatThrownBy(() -> LineChart.create("c").series("loss", new double[] {Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> LineChart.create("c").render()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> LineChart.create("c").size(10, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chartsShortcuts() {
        BufferedImage img = Charts.line("t", "x", "y", new double[] {0, 1}, new double[] {0, 1});
        assertThat(img.getWidth()).isEqualTo(560);
        assertThat(Charts.lineLogY("t", "x", "y", new double[] {0, 1}, new double[] {1, 0.5}).getHeight()).isEqualTo(320);
    }
}
