package convkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The float32 dtype of {@link Tensor}: creation, conversion, what works on it and the errors that say what does not. */
class TensorDtypeTest {
    @Test
    void float32TensorsWrapConvertAndShareLikeFloat64Ones() {
        float[] f = {0.1f, 2f, -3.5f, 4f, 5f, 6f};
        Tensor t = Tensor.wrap(f, 2, 3);
        assertThat(t.dtype()).isEqualTo(Tensor.DType.FLOAT32);
        assertThat(t.floatData()).isSameAs(f);
        assertThat(t.size()).isEqualTo(6);
        assertThat(t.get(0, 0)).isEqualTo((double) 0.1f);
        assertThat(t.toFloat32()).isSameAs(t);
        Tensor d = t.toFloat64();
        assertThat(d.dtype()).isEqualTo(Tensor.DType.FLOAT64);
        assertThat(d.data()).containsExactly(0.1f, 2f, -3.5f, 4f, 5f, 6f);   // exact: every float is a double
        assertThat(Tensor.of(new double[] {0.1, 1e40}).toFloat32().floatData()).containsExactly(0.1f, Float.POSITIVE_INFINITY);
        Tensor r = t.reshape(3, 2);
        r.set(9, 2, 1);
        assertThat(f[5]).isEqualTo(9f);
        assertThat(r.dtype()).isEqualTo(Tensor.DType.FLOAT32);
        assertThat(t.copy().floatData()).isNotSameAs(f).containsExactly(f);
        assertThat(Tensor.zeros(Tensor.DType.FLOAT32, 2, 2).floatData()).containsExactly(0f, 0f, 0f, 0f);
        assertThat(Tensor.wrap(new float[] {7}, 1).item()).isEqualTo(7.0);
    }

    @Test
    void float32PrintsItsShortestDecimalsAndComparesByValue() {
        Tensor t = Tensor.wrap(new float[] {0.1f, 0.25f, 1f, 2f}, 2, 2);
        assertThat(t.toString()).isEqualTo(Tensor.of(new double[][] {{0.1, 0.25}, {1, 2}}).toString());
        assertThat(t.allClose(Tensor.of(new double[][] {{0.1, 0.25}, {1, 2}}), 1e-7, 0)).isTrue();
        assertThat(t).isEqualTo(Tensor.wrap(new float[] {0.1f, 0.25f, 1f, 2f}, 2, 2));
        assertThat(t).isNotEqualTo(t.toFloat64());
    }

    @Test
    void theFloat64OperationsNameTheDtypeAndTheConversion() {
        Tensor t = Tensor.wrap(new float[] {1, 2}, 2);
        assertThatThrownBy(t::data).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("float32").hasMessageContaining("toFloat64()");
        assertThatThrownBy(() -> t.add(t)).isInstanceOf(IllegalStateException.class).hasMessageContaining("shape [2]");
        assertThatThrownBy(() -> Tensor.zeros(2).floatData()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("toFloat32()");
        assertThatThrownBy(() -> Tensor.wrap(new float[3], 2, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds 4 elements but data has 3");
        assertThat(Tensor.DType.parse("float32")).isEqualTo(Tensor.DType.FLOAT32);
        assertThat(Tensor.DType.parse("FLOAT64")).isEqualTo(Tensor.DType.FLOAT64);
        assertThatThrownBy(() -> Tensor.DType.parse("half")).hasMessageContaining("float64 or float32");
    }
}
