package convkit.models;

import static convkit.testing.TorchFixtures.ints;
import static convkit.testing.TorchFixtures.objects;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import convkit.Tensor;
import convkit.nn.AvgPool2D;
import convkit.nn.Conv2D;
import convkit.nn.Layer;
import convkit.nn.Linear;
import convkit.nn.MaxPool2D;
import convkit.nn.Parameter;
import convkit.nn.ReLU;
import convkit.nn.Sequential;
import convkit.nn.Sigmoid;
import convkit.nn.SoftmaxCrossEntropy;
import convkit.nn.optim.Sgd;
import convkit.testing.TorchFixtures;
import convkit.train.DataParallel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float32 training path against PyTorch's float32 ({@code fixtures/float32.json}, written by
 * {@code generate_float32_fixtures.py}, torch 2.13.0): Conv2D, AvgPool2D, MaxPool2D, Sigmoid, ReLU, Linear and the
 * softmax cross-entropy (forward and every gradient), and four SGD steps of both LeNets, every one run in float32
 * ({@code to(Tensor.DType.FLOAT32)}), at float32 tolerance: {@code |a - e| <= 1e-5 * max(1, |e|)} for the layers
 * (float32's epsilon is 1.2e-7; sums of up to 150 products), {@code 2e-4} for the LeNet losses and logits after four
 * steps at learning rate 0.9 (where float32 rounding in different orders is amplified by training).
 * Every result must be float32, and inputs are read back bit for bit (the fixture stores exact float32 values).
 */
class Float32TorchFixtureTest {
    private static final JsonObject FILE = TorchFixtures.load("float32.json");
    private static final double LAYER_TOL = 1e-5, LENET_TOL = 2e-4;

    private static Tensor t32(JsonObject o, String key) {
        Tensor t = TorchFixtures.tensor(o, key).toFloat32();
        assertThat(t.toFloat64().data()).as("%s holds exact float32 values", key).containsExactly(TorchFixtures.tensor(o, key).data());
        return t;
    }

    private static void close(String what, Tensor expected, Tensor actual, double tol) {
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.dtype()).as("%s dtype", what).isEqualTo(Tensor.DType.FLOAT32);
        assertThat(actual.shape()).as("%s shape", what).containsExactly(expected.shape());
        double[] e = expected.data(), a = actual.toFloat64().data();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= tol * Math.max(1, Math.abs(e[i])))) {
                throw new AssertionError(String.format("%s: element %d is %s, torch float32 gives %s (tolerance %.0e)",
                        what, i, a[i], e[i], tol));
            }
        }
    }

    @Test
    void convolutionsMatchTorchFloat32() {
        for (JsonObject c : objects(FILE.getAsJsonArray("conv2d"))) {
            String at = "conv2d " + c.get("name").getAsString();
            Conv2D conv = Conv2D.fromWeights(t32(c, "w"), t32(c, "b")).stride(c.get("stride").getAsInt())
                    .padding(c.get("padding").getAsInt()).build();
            close(at + " y", TorchFixtures.tensor(c, "y"), conv.forward(t32(c, "x")), LAYER_TOL);
            close(at + " dx", TorchFixtures.tensor(c, "dx"), conv.backward(t32(c, "g")), LAYER_TOL);
            close(at + " dw", TorchFixtures.tensor(c, "dw"), conv.weight().grad(), LAYER_TOL);
            close(at + " db", TorchFixtures.tensor(c, "db"), conv.bias().grad(), LAYER_TOL);
        }
    }

    @Test
    void poolingAndActivationsMatchTorchFloat32() {
        for (JsonObject c : objects(FILE.getAsJsonArray("pool2d"))) {
            String kind = c.get("name").getAsString();
            Layer pool = kind.equals("avg") ? AvgPool2D.of(2).stride(2).build() : MaxPool2D.of(2).stride(2).build();
            close(kind + " pool y", TorchFixtures.tensor(c, "y"), pool.forward(t32(c, "x")), LAYER_TOL);
            close(kind + " pool dx", TorchFixtures.tensor(c, "dx"), pool.backward(t32(c, "g")), LAYER_TOL);
        }
        for (JsonObject c : objects(FILE.getAsJsonArray("elementwise"))) {
            String kind = c.get("name").getAsString();
            Layer act = kind.equals("sigmoid") ? new Sigmoid() : new ReLU();
            close(kind + " y", TorchFixtures.tensor(c, "y"), act.forward(t32(c, "x")), LAYER_TOL);
            close(kind + " dx", TorchFixtures.tensor(c, "dx"), act.backward(t32(c, "g")), LAYER_TOL);
        }
    }

    @Test
    void linearAndTheLossMatchTorchFloat32() {
        JsonObject c = FILE.getAsJsonObject("linear");
        Linear lin = Linear.fromWeights(t32(c, "W"), t32(c, "b"));
        close("linear y", TorchFixtures.tensor(c, "y"), lin.forward(t32(c, "x")), LAYER_TOL);
        close("linear dx", TorchFixtures.tensor(c, "dx"), lin.backward(t32(c, "g")), LAYER_TOL);
        close("linear dW", TorchFixtures.tensor(c, "dW"), lin.weight().grad(), LAYER_TOL);
        close("linear db", TorchFixtures.tensor(c, "db"), lin.bias().grad(), LAYER_TOL);
        JsonObject ce = FILE.getAsJsonObject("cross_entropy");
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        double l = loss.forward(t32(ce, "logits"), ints(ce.getAsJsonArray("labels")));
        assertThat(l).isCloseTo(ce.get("loss").getAsDouble(), org.assertj.core.data.Offset.offset(LAYER_TOL));
        close("cross-entropy dlogits", TorchFixtures.tensor(ce, "dlogits"), loss.backward(), LAYER_TOL);
    }

    @ParameterizedTest(name = "{0}, parallel steps {1}")
    @CsvSource({"d2l, true", "d2l, false", "modern, true", "modern, false"})
    void lenetTrainingStepsMatchTorchFloat32(String model, boolean parallel) {
        JsonObject file = FILE.getAsJsonObject("lenet_training");
        JsonObject run = null;
        for (JsonElement e : file.getAsJsonArray("runs")) {
            if (e.getAsJsonObject().get("model").getAsString().equals(model)) run = e.getAsJsonObject();
        }
        assertThat(run).isNotNull();
        int[] labels = ints(file.getAsJsonArray("labels"));
        float[] img = new float[labels.length * 28 * 28];
        for (int i = 0; i < img.length; i++) img[i] = (float) (((i * 104729L) % 256) / 255.0);

        Sequential net = LeNet.byName(model, 0).to(Tensor.DType.FLOAT32);
        assertThat(net.dtype()).isEqualTo(Tensor.DType.FLOAT32);
        List<Parameter> params = net.parameters();
        JsonArray scales = run.getAsJsonArray("scales");
        for (int k = 0; k < params.size(); k++) {
            float[] v = params.get(k).value().floatData();
            double scale = scales.get(k).getAsDouble();
            for (int i = 0; i < v.length; i++) v[i] = (float) ((((i * 7919L + k * 104729L) % 2001) - 1000) / 1000.0 * scale);
        }
        Sgd sgd = new Sgd(params, run.get("lr").getAsDouble());
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        DataParallel dp = new DataParallel(net);
        for (JsonElement e : run.getAsJsonArray("steps")) {
            JsonObject st = e.getAsJsonObject();
            int from = st.get("from").getAsInt(), to = st.get("to").getAsInt();
            Tensor xb = Tensor.wrap(Arrays.copyOfRange(img, from * 784, to * 784), to - from, 1, 28, 28);
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
            double want = st.get("loss").getAsDouble();
            assertThat(loss).as("%s loss of the step on [%d, %d)", model, from, to)
                    .isCloseTo(want, org.assertj.core.data.Offset.offset(LENET_TOL * Math.max(1, Math.abs(want))));
        }
        close(model + " logits after the steps", TorchFixtures.tensor(run, "logits_after"),
                net.forward(Tensor.wrap(img, labels.length, 1, 28, 28)), LENET_TOL);
    }
}
