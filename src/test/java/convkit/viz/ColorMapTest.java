package convkit.viz;

import org.junit.jupiter.api.Test;

import java.awt.Color;

import static org.assertj.core.api.Assertions.assertThat;

class ColorMapTest {
    @Test
    void grayIsBlackToWhite() {
        assertThat(ColorMap.GRAY.color(0)).isEqualTo(Color.BLACK);
        assertThat(ColorMap.GRAY.color(1)).isEqualTo(Color.WHITE);
        assertThat(ColorMap.GRAY.color(0.5)).isEqualTo(new Color(128, 128, 128));
    }

    @Test
    void divergingIsWhiteInTheMiddleBlueBelowRedAbove() {
        assertThat(ColorMap.DIVERGING.color(0.5)).isEqualTo(new Color(247, 247, 247));
        Color lo = ColorMap.DIVERGING.color(0);
        Color hi = ColorMap.DIVERGING.color(1);
        assertThat(lo.getBlue()).isGreaterThan(lo.getRed());
        assertThat(hi.getRed()).isGreaterThan(hi.getBlue());
    }

    @Test
    void clampsAndFlagsNaN() {
        assertThat(ColorMap.VIRIDIS.color(-3)).isEqualTo(ColorMap.VIRIDIS.color(0));
        assertThat(ColorMap.VIRIDIS.color(7)).isEqualTo(new Color(253, 231, 37));
        assertThat(ColorMap.GRAY.color(Double.NaN)).isEqualTo(new Color(255, 0, 255));
    }
}
