package convkit.models;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.Tensor;
import convkit.nn.Parameter;
import convkit.nn.Sequential;
import convkit.nn.SoftmaxCrossEntropy;
import convkit.nn.optim.Adam;
import convkit.testing.TorchFixtures;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SimpleConvNet (conv with padding, ReLU, max pooling, two dense layers) trained with convkit's Adam on a fixed batch
 * against PyTorch doing the same (fixtures/simple_convnet.json, generate_simple_convnet_fixture.py): the logits before
 * training, the mean loss before each of 4 steps, and every parameter after them, to rtol 1e-9. This is the oracle of
 * notebook 07's training pipeline (the notebook's own run is too long and too noisy to pin).
 */
class SimpleConvNetTorchFixtureTest {
    static final String[] ORDER = {"w1", "b1", "w2", "b2", "w3", "b3"};

    @Test
    void adamStepsFollowPyTorch() {
        JsonObject f = TorchFixtures.load("simple_convnet.json");
        JsonObject s = f.getAsJsonObject("settings"), init = f.getAsJsonObject("initial"), fin = f.getAsJsonObject("final");
        Tensor[] p = new Tensor[ORDER.length];
        for (int i = 0; i < ORDER.length; i++) p[i] = TorchFixtures.tensor(init, ORDER[i]).copy();
        Sequential net = SimpleConvNet.fromWeights(p[0], p[1], p[2], p[3], p[4], p[5], s.get("pad").getAsInt(), s.get("stride").getAsInt());
        Tensor x = TorchFixtures.tensor(f, "x");
        int[] y = TorchFixtures.ints(f, "y");
        TorchFixtures.assertClose("logits before training", TorchFixtures.tensor(f, "logits"), net.forward(x));
        List<Parameter> params = net.parameters();
        assertThat(params).hasSize(6);
        Adam adam = new Adam(params, s.get("lr").getAsDouble());
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        JsonArray losses = f.getAsJsonArray("losses");
        for (int t = 0; t < s.get("steps").getAsInt(); t++) {
            adam.zeroGrad();
            double l = loss.forward(net.forward(x), y);
            TorchFixtures.assertClose("loss before step " + (t + 1), losses.get(t).getAsDouble(), l);
            net.backward(loss.backward());
            adam.step();
        }
        for (int i = 0; i < ORDER.length; i++) {
            TorchFixtures.assertClose(ORDER[i] + " after the steps", TorchFixtures.tensor(fin, ORDER[i]), params.get(i).value());
        }
    }
}
