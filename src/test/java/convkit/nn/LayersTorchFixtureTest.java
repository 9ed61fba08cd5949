package convkit.nn;

import convkit.Tensor;
import convkit.testing.TorchFixtures;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static convkit.testing.TorchFixtures.assertClose;
import static convkit.testing.TorchFixtures.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Linear}, {@link ReLU}, {@link Sigmoid}, {@link Flatten} and {@link SoftmaxCrossEntropy} (forward and all
 * gradients) against PyTorch 2.13 in float64, relative tolerance 1e-9. Fixture: {@code fixtures/layers.json},
 * written by {@code src/test/resources/fixtures/generate_fixtures.py}; gradients are those of L = sum(y * g),
 * except for the loss, whose dlogits is the gradient of the mean cross-entropy. W is in PyTorch's (out, in)
 * layout, which is also {@link Linear}'s. ReLU's cases contain exact zeros (no gradient at 0, as in torch);
 * Sigmoid's contain +-30 and 700; the loss has a case with logits of +-1000 (needs the max-subtraction).
 */
class LayersTorchFixtureTest {
    private static final JsonObject FILE = TorchFixtures.load("layers.json");

    private static Stream<DynamicTest> each(String key, Consumer<JsonObject> check) {
        return TorchFixtures.objects(FILE.getAsJsonArray(key)).stream()
                .map(c -> DynamicTest.dynamicTest(key + " " + c.get("name").getAsString(), () -> check.accept(c)));
    }

    @TestFactory
    Stream<DynamicTest> linearMatchesTorch() {
        return each("linear", c -> {
            String at = "Linear case " + c.get("name").getAsString();
            Linear lin = Linear.fromWeights(tensor(c, "W"), tensor(c, "b"));
            Tensor x = tensor(c, "x");
            assertClose(at + " y", tensor(c, "y"), lin.forward(x));
            assertClose(at + " dx", tensor(c, "dx"), lin.backward(tensor(c, "g")));
            assertClose(at + " dW", tensor(c, "dW"), lin.weight().grad());
            assertClose(at + " db", tensor(c, "db"), lin.bias().grad());
            assertClose(at + " x after forward/backward", tensor(c, "x"), x);
            lin.forward(tensor(c, "x"));
            lin.backward(tensor(c, "g"));
            assertClose(at + " dW accumulated over two backward calls", tensor(c, "dW").mul(2), lin.weight().grad());
            assertClose(at + " db accumulated over two backward calls", tensor(c, "db").mul(2), lin.bias().grad());
        });
    }

    @TestFactory
    Stream<DynamicTest> reluMatchesTorch() {
        return elementwise("relu", ReLU::new);
    }

    @TestFactory
    Stream<DynamicTest> sigmoidMatchesTorch() {
        return elementwise("sigmoid", Sigmoid::new);
    }

    @TestFactory
    Stream<DynamicTest> flattenMatchesTorch() {
        return elementwise("flatten", Flatten::new);
    }

    private static Stream<DynamicTest> elementwise(String key, Supplier<Layer> make) {
        return each(key, c -> {
            String at = key + " case " + c.get("name").getAsString();
            Layer layer = make.get();
            Tensor x = tensor(c, "x");
            assertClose(at + " y", tensor(c, "y"), layer.forward(x));
            assertClose(at + " dx", tensor(c, "dx"), layer.backward(tensor(c, "g")));
            assertClose(at + " x after forward/backward", tensor(c, "x"), x);
        });
    }

    @TestFactory
    Stream<DynamicTest> softmaxCrossEntropyMatchesTorch() {
        return each("softmax_cross_entropy", c -> {
            String at = "SoftmaxCrossEntropy case " + c.get("name").getAsString();
            SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
            double l = loss.forward(tensor(c, "logits"), TorchFixtures.ints(c.getAsJsonArray("labels")));
            assertClose(at + " loss", c.get("loss").getAsDouble(), l);
            assertClose(at + " dlogits", tensor(c, "dlogits"), loss.backward());
        });
    }

    @Test
    void fixtureCoversTheCasesItPromises() {
        for (String key : new String[]{"linear", "relu", "sigmoid", "softmax_cross_entropy", "flatten"}) {
            assertThat(FILE.getAsJsonArray(key).size()).as(key).isGreaterThanOrEqualTo(1);
        }
        Tensor reluX = tensor(FILE.getAsJsonArray("relu").get(0).getAsJsonObject(), "x");
        assertThat(reluX.data()).contains(0.0);
    }
}
