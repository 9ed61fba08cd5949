package convkit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import convkit.Tensor;
import convkit.models.LeNet;
import convkit.train.Trainer;
import convkit.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * {@link Layer#to}: what a conversion returns and shares, the errors of mixed dtypes, and a float32 network that
 * computes what the float64 one computes, to float32 precision (the PyTorch float32 comparison is
 * {@code Float32TorchFixtureTest}).
 */
class Float32LayersTest {
    @Test
    void toConvertsCopiesOfTheParametersAndLeavesTheLayerAlone() {
        Conv2D conv = Conv2D.of(2, 3).kernel(3).padding(1).seed(4).build();
        assertThat(conv.to(Tensor.DType.FLOAT64)).isSameAs(conv);
        Conv2D f = conv.to(Tensor.DType.FLOAT32);
        assertThat(f).isNotSameAs(conv);
        assertThat(f.dtype()).isEqualTo(Tensor.DType.FLOAT32);
        assertThat(conv.dtype()).isEqualTo(Tensor.DType.FLOAT64);
        assertThat(f.weight().grad().dtype()).isEqualTo(Tensor.DType.FLOAT32);
        assertThat(f.toString()).isEqualTo(conv.toString());
        assertThat(f.weight().value().toFloat64().allClose(conv.weight().value(), 1e-7, 0)).isTrue();
        Sigmoid s = new Sigmoid();
        assertThat(s.to(Tensor.DType.FLOAT32)).isNotSameAs(s).isInstanceOf(Sigmoid.class);   // its own forward cache
        Sequential net = LeNet.d2l(0);
        Sequential net32 = net.to(Tensor.DType.FLOAT32);
        assertThat(net32.parameters()).allSatisfy(p -> assertThat(p.value().dtype()).isEqualTo(Tensor.DType.FLOAT32));
        assertThat(net.parameters()).allSatisfy(p -> assertThat(p.value().dtype()).isEqualTo(Tensor.DType.FLOAT64));
        assertThat(net32.to(Tensor.DType.FLOAT32)).isSameAs(net32);
        assertThat(net32.shapes(1, 1, 28, 28).get(11)).containsExactly(1, 10);
    }

    @Test
    void aMixedDtypeNamesBothTypesAndTheFix() {
        Linear lin = Linear.of(4, 2).build();
        Tensor x32 = Tensor.wrap(new float[8], 2, 4);
        assertThatThrownBy(() -> lin.forward(x32)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("float64 parameters").hasMessageContaining("x is float32")
                .hasMessageContaining("to(float32)");
        Linear lin32 = lin.to(Tensor.DType.FLOAT32);
        lin32.forward(x32);
        assertThatThrownBy(() -> lin32.backward(Tensor.zeros(2, 2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dy of dtype float64 but forward ran in float32");
        Sigmoid s = new Sigmoid();
        s.forward(x32);
        assertThatThrownBy(() -> s.backward(Tensor.zeros(2, 4))).hasMessageContaining("float64");
    }

    @Test
    void theFloat32LeNetComputesWhatTheFloat64OneComputes() {
        Sequential net = LeNet.modern(3), net32 = net.to(Tensor.DType.FLOAT32);
        Tensor x = Tensor.rand(9, 4, 1, 28, 28);
        Tensor y = net.forward(x), y32 = net32.forward(x.toFloat32());
        assertThat(y32.dtype()).isEqualTo(Tensor.DType.FLOAT32);
        assertThat(y32.allClose(y, 1e-4, 1e-5)).as("%s vs %s", y32, y).isTrue();
        int[] labels = {1, 2, 3, 4};
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy(), ce32 = new SoftmaxCrossEntropy();
        ce.forward(y, labels);
        ce32.forward(y32, labels);
        net.backward(ce.backward());
        net32.backward(ce32.backward());
        for (int i = 0; i < net.parameters().size(); i++) {
            Tensor g = net.parameters().get(i).grad(), g32 = net32.parameters().get(i).grad();
            double scale = Math.max(1e-3, g.abs().max());
            assertThat(g32.toFloat64().sub(g).abs().max()).as("gradient %d", i).isLessThan(1e-4 * scale);
        }
    }

    @Test
    void theTrainerTrainsAFloat32NetworkInFloat32() {
        Dataset data = Dataset.random(300, 5);
        Sequential net = LeNet.d2l(1).to(Tensor.DType.FLOAT32);
        var h = new Trainer(0.9, 64, 1).train(net, data, data, 2, null);
        assertThat(h.epochs()).hasSize(2);
        assertThat(h.last().loss()).isFinite();
        assertThat(net.parameters()).allSatisfy(p -> assertThat(p.value().dtype()).isEqualTo(Tensor.DType.FLOAT32));
        Sequential net64 = LeNet.d2l(1);
        var h64 = new Trainer(0.9, 64, 1).train(net64, data, data, 1, null);
        var h32 = new Trainer(0.9, 64, 1).train(LeNet.d2l(1).to(Tensor.DType.FLOAT32), data, data, 1, null);
        assertThat(h32.last().loss()).isCloseTo(h64.last().loss(), org.assertj.core.data.Offset.offset(1e-3));
    }
}
