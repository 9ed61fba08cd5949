package convkit.models;

import convkit.Tensor;
import convkit.nn.AvgPool2D;
import convkit.nn.Conv2D;
import convkit.nn.Linear;
import convkit.nn.MaxPool2D;
import convkit.nn.ReLU;
import convkit.nn.Sequential;
import convkit.nn.Sigmoid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeNetTest {
    @Test
    void layerByLayerShapesAreD2ls() {
        // d2l 7.6.1: Conv2d [1,6,28,28], Sigmoid [1,6,28,28], AvgPool2d [1,6,14,14], Conv2d [1,16,10,10],
        // Sigmoid [1,16,10,10], AvgPool2d [1,16,5,5], Flatten [1,400], Linear [1,120], Sigmoid [1,120],
        // Linear [1,84], Sigmoid [1,84], Linear [1,10]
        for (Sequential net : List.of(LeNet.d2l(0), LeNet.modern(0))) {
            List<int[]> s = net.shapes(1, 1, 28, 28);
            int[][] want = {{1, 6, 28, 28}, {1, 6, 28, 28}, {1, 6, 14, 14}, {1, 16, 10, 10}, {1, 16, 10, 10}, {1, 16, 5, 5},
                    {1, 400}, {1, 120}, {1, 120}, {1, 84}, {1, 84}, {1, 10}};
            assertThat(s).hasSize(want.length);
            for (int i = 0; i < want.length; i++) assertThat(s.get(i)).as("layer %d", i).containsExactly(want[i]);
        }
        assertThat(LeNet.d2l(0).shapeSummary(1, 1, 28, 28)).startsWith("Conv2D       output shape: [1, 6, 28, 28]");
    }

    @Test
    void architecturesDifferInActivationAndPooling() {
        Sequential d = LeNet.d2l(0), m = LeNet.modern(0);
        assertThat(d.get(1)).isInstanceOf(Sigmoid.class);
        assertThat(d.get(2)).isInstanceOf(AvgPool2D.class);
        assertThat(m.get(1)).isInstanceOf(ReLU.class);
        assertThat(m.get(2)).isInstanceOf(MaxPool2D.class);
        assertThat(d.get(0)).isInstanceOf(Conv2D.class);
        assertThat(d.get(11)).isInstanceOf(Linear.class);
        // 6*25+6 + 16*150+16 + 400*120+120 + 120*84+84 + 84*10+10 = 61706 (d2l's LeNet-5 parameter count)
        assertThat(d.parameterCount()).isEqualTo(61_706);
        assertThatThrownBy(() -> LeNet.byName("alexnet", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alexnet");
    }

    @Test
    void seededInitIsReproducibleAndXavierBounded() {
        Conv2D c1 = (Conv2D) LeNet.d2l(7).get(0), c2 = (Conv2D) LeNet.d2l(7).get(0);
        assertThat(c1.weight().value().data()).containsExactly(c2.weight().value().data());
        double bound = Math.sqrt(6.0 / (25 + 150)); // fan_in 1*5*5, fan_out 6*5*5
        for (double v : c1.weight().value().data()) assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
        for (double v : c1.bias().value().data()) assertThat(Math.abs(v)).isLessThanOrEqualTo(1 / 5.0); // 1/sqrt(1*5*5)
        assertThat(c1.bias().value().data()).containsExactly(c2.bias().value().data());
    }

    @Test
    void oneSgdStepLowersTheLossOnItsBatch() {
        Tensor x = Tensor.zeros(4, 1, 28, 28);
        Random r = new Random(5);
        for (int i = 0; i < x.size(); i++) x.data()[i] = r.nextDouble();
        int[] y = {0, 3, 7, 9};
        for (Sequential net : List.of(LeNet.d2l(1), LeNet.modern(1))) {
            convkit.nn.SoftmaxCrossEntropy ce = new convkit.nn.SoftmaxCrossEntropy();
            convkit.nn.optim.Sgd sgd = new convkit.nn.optim.Sgd(net.parameters(), 0.05);
            double before = ce.forward(net.forward(x), y);
            sgd.zeroGrad();
            net.backward(ce.backward());
            sgd.step();
            assertThat(ce.forward(net.forward(x), y)).isLessThan(before);
        }
    }
}
