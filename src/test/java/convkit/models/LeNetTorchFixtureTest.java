package convkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import convkit.Tensor;
import convkit.nn.Parameter;
import convkit.nn.Sequential;
import convkit.nn.SoftmaxCrossEntropy;
import convkit.nn.optim.Sgd;
import convkit.train.DataParallel;
import convkit.train.Trainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whole-network training against PyTorch: {@link LeNet#d2l} and {@link LeNet#modern}, given the fixture's weights,
 * take the same SGD steps as {@code torch.nn.Sequential} + {@code F.cross_entropy} + {@code torch.optim.SGD} in
 * float64 (src/test/resources/fixtures/lenet_training.json, written by generate_fixtures.py, torch 2.13.0): same loss
 * before each step and same logits after the last, to 1e-9 relative. Steps run as {@link Trainer} runs them
 * ({@link DataParallel}), and also through the plain {@code forward}/{@code backward} of the network.
 */
class LeNetTorchFixtureTest {
    private static final double RTOL = 1e-9;

    private static JsonObject fixture() throws IOException {
        try (InputStream in = LeNetTorchFixtureTest.class.getResourceAsStream("/fixtures/lenet_training.json")) {
            if (in == null) throw new IllegalStateException("fixtures/lenet_training.json is not on the test class path");
            return new Gson().fromJson(new InputStreamReader(in, StandardCharsets.UTF_8), JsonObject.class);
        }
    }

    /** The images of the fixture's note: x[i] = ((i * 104729) % 256) / 255 over (12, 1, 28, 28). */
    private static Tensor images(int n) {
        double[] x = new double[n * 28 * 28];
        for (int i = 0; i < x.length; i++) x[i] = ((i * 104729L) % 256) / 255.0;
        return Tensor.wrap(x, n, 1, 28, 28);
    }

    private static Tensor rows(Tensor x, int from, int to) {
        int per = 28 * 28;
        return Tensor.wrap(Arrays.copyOfRange(x.data(), from * per, to * per), to - from, 1, 28, 28);
    }

    @ParameterizedTest(name = "{0}, parallel steps {1}")
    @CsvSource({"d2l, true", "d2l, false", "modern, true", "modern, false"})
    void trainingStepsMatchPyTorch(String model, boolean parallel) throws IOException {
        JsonObject file = fixture();
        JsonObject run = null;
        for (JsonElement e : file.getAsJsonArray("runs")) {
            if (e.getAsJsonObject().get("model").getAsString().equals(model)) run = e.getAsJsonObject();
        }
        assertThat(run).as("run %s in the fixture", model).isNotNull();
        int[] labels = new Gson().fromJson(file.getAsJsonArray("labels"), int[].class);
        Tensor x = images(labels.length);

        Sequential net = LeNet.byName(model, 0);
        List<Parameter> params = net.parameters();
        JsonArray scales = run.getAsJsonArray("scales");
        assertThat(params).hasSize(scales.size());
        for (int k = 0; k < params.size(); k++) {   // the fixture's formula, in torch's parameter order
            double[] v = params.get(k).value().data();
            double scale = scales.get(k).getAsDouble();
            for (int i = 0; i < v.length; i++) v[i] = (((i * 7919L + k * 104729L) % 2001) - 1000) / 1000.0 * scale;
        }

        Sgd sgd = new Sgd(params, run.get("lr").getAsDouble());
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        DataParallel dp = new DataParallel(net);
        for (JsonElement e : run.getAsJsonArray("steps")) {
            JsonObject st = e.getAsJsonObject();
            int from = st.get("from").getAsInt(), to = st.get("to").getAsInt();
            Tensor xb = rows(x, from, to);
            int[] yb = Arrays.copyOfRange(labels, from, to);
            sgd.zeroGrad();
            double loss;
            if (parallel) {
                loss = dp.step(xb, yb).loss();
            } else {
                loss = ce.forward(net.forward(xb), yb);
                net.backward(ce.backward());
            }
            sgd.step();
            double expected = st.get("loss").getAsDouble();
            assertThat(loss).as("%s loss of the step on images [%d, %d)", model, from, to)
                    .isCloseTo(expected, within(RTOL * Math.max(1, Math.abs(expected))));
        }
        JsonObject lo = run.getAsJsonObject("logits_after");
        double[] expected = new Gson().fromJson(lo.getAsJsonArray("data"), double[].class);
        double[] actual = net.forward(x).data();
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("%s logits after training, image %d class %d", model, i / 10, i % 10)
                    .isCloseTo(expected[i], within(RTOL * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
