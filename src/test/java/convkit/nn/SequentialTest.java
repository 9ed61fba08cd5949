package convkit.nn;

import convkit.Tensor;
import convkit.nn.optim.Sgd;
import convkit.testing.CentralDifference;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequentialTest {
    @Test
    void chainsForwardAndBackwardAndCollectsParameters() {
        Linear a = Linear.of(4, 3).seed(1L).build(), b = Linear.of(3, 2).seed(2L).build();
        Sequential net = new Sequential(a, new Sigmoid(), b);
        assertThat(net.parameters()).containsExactly(a.weight(), a.bias(), b.weight(), b.bias());
        assertThat(net.parameterCount()).isEqualTo(4 * 3 + 3 + 3 * 2 + 2);
        assertThat(CentralDifference.check(net, CentralDifference.randn(5, 3, 4), 6, 1e-7)).isLessThan(1e-7);
    }

    @Test
    void shapesAndListing() {
        Sequential net = new Sequential(new Flatten(), Linear.of(12, 5).seed(1L).build(), new ReLU(), Linear.of(5, 2).seed(1L).build());
        List<int[]> s = net.shapes(1, 3, 2, 2);
        assertThat(s).hasSize(4);
        assertThat(s.get(0)).containsExactly(1, 12);
        assertThat(s.get(3)).containsExactly(1, 2);
        assertThat(net.shapeSummary(1, 3, 2, 2)).contains("Linear       output shape: [1, 5]");
        assertThat(net.toString()).isEqualTo("Sequential(\n  (0): Flatten()\n  (1): Linear(in=12, out=5)\n"
                + "  (2): ReLU()\n  (3): Linear(in=5, out=2)\n)");
        assertThatThrownBy(() -> net.get(4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4");
        assertThatThrownBy(() -> new Sequential(new ReLU(), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 1");
    }

    @Test
    void tinyNetworkOverfitsATinyBatch() {
        // 8 random 1x6x6 images with arbitrary labels: a conv net with enough parameters must memorise them.
        Random r = new Random(3);
        Tensor x = CentralDifference.randn(4, 8, 1, 6, 6);
        int[] y = new int[8];
        for (int i = 0; i < 8; i++) y[i] = r.nextInt(3);
        Sequential net = new Sequential(
                Conv2D.fromWeights(Init.xavierUniform(r, 4, 1, 3, 3), Tensor.zeros(4)).stride(1).padding(1).dilation(1).build(),
                new ReLU(), MaxPool2D.of(2).padding(0).build(), new Flatten(),
                Linear.of(36, 16).random(r).build(), new Sigmoid(), Linear.of(16, 3).random(r).build());
        Sgd sgd = new Sgd(net.parameters(), 0.5);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        double first = ce.forward(net.forward(x), y), last = first;
        for (int step = 0; step < 500; step++) {
            last = ce.forward(net.forward(x), y);
            sgd.zeroGrad();
            net.backward(ce.backward());
            sgd.step();
        }
        last = ce.forward(net.forward(x), y);
        assertThat(first).isGreaterThan(0.5);
        assertThat(last).isLessThan(0.01);
        assertThat(Accuracy.of(net.forward(x), y)).isEqualTo(1.0);
    }
}
