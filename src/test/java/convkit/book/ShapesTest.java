package convkit.book;

import static convkit.book.Shapes.layer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapesTest {
    @Test
    void theOutputSizeQuestionsOfSeed003() {
        assertThat(Shapes.outputSize(224, 11, 0, 1)).isEqualTo(214);
        assertThat(Shapes.outputSize(224, 4, 0, 4)).isEqualTo(56);
    }

    @Test
    void d2lPaddingAndStrideExamples() {
        // d2l 7.3 on an 8x8 input (seed 000): k3 p1 -> 8; k(5,3) p(2,1) -> 8x8; k3 p1 s2 -> 4; k(3,5) p(0,1) s(3,4) -> 2x2
        assertThat(Shapes.outputSize(8, 3, 1, 1)).isEqualTo(8);
        assertThat(Shapes.outputSize(8, 5, 2, 1)).isEqualTo(8);
        assertThat(Shapes.outputSize(8, 3, 1, 2)).isEqualTo(4);
        assertThat(Shapes.outputSize(8, 3, 0, 3)).isEqualTo(2);
        assertThat(Shapes.outputSize(8, 5, 1, 4)).isEqualTo(2);
        // floor, not ceil: (8 + 2 - 5) / 3 = 1.67 -> 1 + 1 = 2
        assertThat(Shapes.outputSize(8, 5, 1, 3)).isEqualTo(2);
    }

    @Test
    void dilation() {
        // a 3-wide kernel with dilation 2 spans 5 inputs: 7 - 5 + 1 = 3
        assertThat(Shapes.outputSize(7, 3, 0, 1, 2)).isEqualTo(3);
        assertThat(Shapes.outputSize(10, 3, 1, 2, 2)).isEqualTo(4);
        assertThat(Shapes.outputSize(9, 2, 1, 2, 2, 1)).isEqualTo(6); // asymmetric: floor((9 + 1 + 2 - 2) / 2) + 1
    }

    @Test
    void stacksOfLayers() {
        // LeNet: 28 -conv5p2-> 28 -pool2-> 14 -conv5-> 10 -pool2-> 5
        assertThat(Shapes.trace(28, layer(5, 2, 1), layer(2, 0, 2), layer(5, 0, 1), layer(2, 0, 2))).containsExactly(28, 28, 14, 10, 5);
        // ten 5x5 convolutions on 240x240 without padding: 240 - 10 * 4 = 200
        Shapes.Layer[] ten = new Shapes.Layer[10];
        java.util.Arrays.fill(ten, layer(5, 0, 1));
        assertThat(Shapes.trace(240, ten).get(10)).isEqualTo(200);
        // two stacked 2x2 convolutions see 3x3 of the input (d2l 7.2.6)
        assertThat(Shapes.receptiveField(layer(2, 0, 1), layer(2, 0, 1))).isEqualTo(3);
        assertThat(Shapes.receptiveField(layer(3, 1, 2), layer(3, 1, 1))).isEqualTo(7);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> Shapes.outputSize(4, 7, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kernel of size 7").hasMessageContaining("4 + 1 + 1 = 6");
        assertThatThrownBy(() -> Shapes.outputSize(8, 3, -1, 1)).hasMessageContaining("padding");
        assertThatThrownBy(() -> Shapes.outputSize(8, 3, 0, 0)).hasMessageContaining("stride");
        assertThatThrownBy(() -> Shapes.outputSize(8, 3, 0, 1, 0)).hasMessageContaining("dilation");
        assertThatThrownBy(() -> Shapes.outputSize(8, 3, 0, 1, 4)).hasMessageContaining("span 9");
    }
}
