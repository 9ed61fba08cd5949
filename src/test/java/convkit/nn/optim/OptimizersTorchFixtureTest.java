package convkit.nn.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import convkit.Tensor;
import convkit.nn.Parameter;
import convkit.testing.TorchFixtures;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * convkit's Sgd, Momentum, AdaGrad and Adam against torch.optim's SGD, SGD(momentum), Adagrad and Adam on the
 * trajectories of fixtures/optimizers.json (generate_optim_fixtures.py): the stored gradient of each step is set,
 * the optimizer steps, and every value must match PyTorch's to rtol 1e-9.
 */
class OptimizersTorchFixtureTest {

    @Test
    void everyCaseFollowsPyTorch() {
        List<JsonObject> cases = TorchFixtures.cases(TorchFixtures.load("optimizers.json"));
        assertThat(cases).extracting(c -> c.get("optimizer").getAsString()).contains("sgd", "momentum", "adagrad", "adam");
        for (JsonObject c : cases) {
            String name = c.get("name").getAsString();
            List<Parameter> ps = new ArrayList<>();
            JsonArray start = c.getAsJsonArray("start");
            for (int i = 0; i < start.size(); i++) {
                JsonObject holder = new JsonObject();
                holder.add("t", start.get(i));
                ps.add(new Parameter("p" + i, TorchFixtures.tensor(holder, "t").copy()));
            }
            Optimizer opt = make(c.getAsJsonObject("settings"), ps);
            JsonArray grads = c.getAsJsonArray("grads"), values = c.getAsJsonArray("values");
            for (int t = 0; t < grads.size(); t++) {
                for (int i = 0; i < ps.size(); i++) {
                    Tensor g = element(grads.get(t).getAsJsonArray(), i);
                    System.arraycopy(g.data(), 0, ps.get(i).grad().data(), 0, g.size());
                }
                opt.step();
                for (int i = 0; i < ps.size(); i++) {
                    TorchFixtures.assertClose(name + ", step " + (t + 1) + ", parameter " + i,
                            element(values.get(t).getAsJsonArray(), i), ps.get(i).value());
                }
            }
        }
    }

    private static Tensor element(JsonArray a, int i) {
        JsonObject holder = new JsonObject();
        holder.add("t", a.get(i));
        return TorchFixtures.tensor(holder, "t");
    }

    private static Optimizer make(JsonObject s, List<Parameter> ps) {
        double lr = s.get("lr").getAsDouble();
        return switch (s.get("optimizer").getAsString()) {
            case "sgd" -> new Sgd(ps, lr);
            case "momentum" -> new Momentum(ps, lr, s.get("momentum").getAsDouble());
            case "adagrad" -> new AdaGrad(ps, lr, s.get("eps").getAsDouble());
            case "adam" -> new Adam(ps, lr, s.get("beta1").getAsDouble(), s.get("beta2").getAsDouble(), s.get("eps").getAsDouble());
            default -> throw new IllegalArgumentException("unknown optimizer in fixture: " + s);
        };
    }

    @Test
    void theBooksComparisonOnTheBowlFollowsPyTorch() {
        JsonArray paths = TorchFixtures.load("optimizers.json").getAsJsonArray("bowl");
        assertThat(paths).hasSize(4);
        for (JsonObject p : TorchFixtures.objects(paths)) {
            String name = p.get("name").getAsString();
            double[][] got = Bowl.path(bowlOptimizer(name), 30);
            double[] x = TorchFixtures.doubles(p.getAsJsonArray("x")), y = TorchFixtures.doubles(p.getAsJsonArray("y"));
            TorchFixtures.assertClose(name + " x", Tensor.wrap(x, x.length), Tensor.wrap(got[0], got[0].length));
            TorchFixtures.assertClose(name + " y", Tensor.wrap(y, y.length), Tensor.wrap(got[1], got[1].length));
        }
    }

    /** The book's learning rates (DLFS 6.1.7), as notebook 07 uses them. */
    static java.util.function.Function<List<Parameter>, Optimizer> bowlOptimizer(String name) {
        return switch (name) {
            case "SGD" -> ps -> new Sgd(ps, 0.95);
            case "Momentum" -> ps -> new Momentum(ps, 0.1);
            case "AdaGrad" -> ps -> new AdaGrad(ps, 1.5);
            case "Adam" -> ps -> new Adam(ps, 0.3);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Test
    void defaultsAreTheBooks() {
        Parameter p = new Parameter("w", Tensor.wrap(new double[] {1.0}, 1));
        p.grad().data()[0] = 2.0;
        new AdaGrad(List.of(p), 0.1).step();                      // h = 4: 1 - 0.1 * 2 / (2 + 1e-7)
        assertThat(p.value().data()[0]).isEqualTo(1 - 0.1 * 2 / (2 + 1e-7));
        p.value().data()[0] = 1.0;
        new Momentum(List.of(p), 0.01).step();                    // v = -0.02
        assertThat(p.value().data()[0]).isEqualTo(1 - 0.01 * 2);
        p.value().data()[0] = 1.0;
        Adam adam = new Adam(List.of(p), 0.001);                   // first step moves by lr (m/sqrt(v) = 1 after correction)
        adam.step();
        assertThat(p.value().data()[0]).isCloseTo(1 - 0.001, org.assertj.core.api.Assertions.within(1e-11));
        assertThat(adam.steps()).isEqualTo(1);
    }

    @Test
    void badSettingsAreReported() {
        assertThatThrownBy(() -> new Momentum(List.of(), 0.1, 1.0)).hasMessageContaining("momentum must be in [0, 1) but was 1.0");
        assertThatThrownBy(() -> new AdaGrad(List.of(), -1)).hasMessageContaining("lr must be positive");
        assertThatThrownBy(() -> new Adam(List.of(), 0.1, 0.9, 1.0, 1e-8)).hasMessageContaining("beta2");
        assertThatThrownBy(() -> new Adam(null, 0.1)).hasMessageContaining("parameters must not be null");
        Parameter f32 = new Parameter("w", Tensor.zeros(2, 3).to(Tensor.DType.FLOAT32));
        assertThatThrownBy(() -> new Adam(List.of(f32), 0.1)).hasMessageContaining("Adam works on float64 parameters but w [2, 3] is float32");
    }
}
