package convkit.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTest {
    @Test
    void randomHasFashionMnistShapesAndIsFixedBySeed() {
        Dataset d = Dataset.random(50, 9);
        assertThat(d.size()).isEqualTo(50);
        Batch b = d.batch(0, 50);
        assertThat(b.x().shape()).containsExactly(50, 1, 28, 28);
        assertThat(java.util.Arrays.stream(b.y()).allMatch(y -> y >= 0 && y < 10)).isTrue();
        // the documented draw order: 50*784 pixel bytes, then the labels, from new Random(9)
        Random r = new Random(9);
        byte[] px = new byte[50 * 784];
        r.nextBytes(px);
        assertThat(b.x().data()[0]).isEqualTo((px[0] & 0xff) / 255.0);
        assertThat(b.y()[0]).isEqualTo(r.nextInt(10));
        assertThat(Dataset.random(50, 9).batch(0, 50).x().data()).containsExactly(b.x().data());
        assertThatThrownBy(() -> Dataset.random(-1, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
