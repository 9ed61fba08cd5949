package convkit.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import convkit.Tensor;
import convkit.nn.Conv2D;
import convkit.nn.GradCheck;
import convkit.nn.Linear;
import convkit.nn.Parameter;
import convkit.nn.Sequential;
import convkit.testing.CommittedNotebook;
import convkit.testing.TorchFixtures;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** DLFS 7.5's SimpleConvNet and the numbers notebook 07 prints about it. */
class SimpleConvNetTest {

    @Test
    void theBooksShapesParametersAndInitialisation() {
        Sequential net = SimpleConvNet.dlfs(0);
        assertThat(net.forward(Tensor.rand(1, 2, 1, 28, 28)).shape()).containsExactly(2, 10);
        // W1 30x1x5x5 + b1 30, W2 4320x100 + b2 100, W3 100x10 + b3 10
        long expected = 30 * 25 + 30 + 4320L * 100 + 100 + 100 * 10 + 10;
        assertThat(net.parameterCount()).isEqualTo(expected).isEqualTo(433_890L);
        List<Parameter> ps = net.parameters();
        double sum = 0, sq = 0;
        long n = 0;
        for (Parameter p : ps) {
            if (p.value().rank() == 1) {
                assertThat(p.value()).isEqualTo(Tensor.zeros(p.value().shape()));   // biases start at 0
                continue;
            }
            for (double v : p.value().data()) {
                sum += v;
                sq += v * v;
                n++;
            }
        }
        assertThat(sum / n).isCloseTo(0, within(3e-4));
        assertThat(Math.sqrt(sq / n)).isCloseTo(0.01, within(2e-4));         // weight_init_std 0.01
        assertThat(((Linear) net.get(4)).weight().value().shape()).containsExactly(100, 4320);
        assertThat(((Conv2D) net.get(0)).weight().value().shape()).containsExactly(30, 1, 5, 5);
        assertThat(SimpleConvNet.dlfs(0).get(0).parameters().get(0).value()).isEqualTo(net.get(0).parameters().get(0).value());
    }

    @Test
    void backwardAgreesWithCentralDifferences() {
        Sequential small = SimpleConvNet.of(1, 10, 10, 10, 3, 0, 1, 10, 10, 0.01, 1);
        GradCheck.Report r = GradCheck.check(small, Tensor.rand(2, 1, 1, 10, 10), 3);
        assertThat(r.maxError()).isLessThan(1e-8);
        assertThat(r.entries()).hasSize(7);
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> SimpleConvNet.of(1, 4, 4, 3, 5, 0, 1, 10, 10, 0.01, 0)).hasMessageContaining("does not fit the input 4x4");
        assertThatThrownBy(() -> SimpleConvNet.of(1, 10, 10, 3, 4, 0, 1, 10, 10, 0.01, 0)).hasMessageContaining("7x7 must be even");
        assertThatThrownBy(() -> SimpleConvNet.of(1, 10, 10, 0, 3, 0, 1, 10, 10, 0.01, 0)).hasMessageContaining("filters 0");
        assertThatThrownBy(() -> SimpleConvNet.of(1, 10, 10, 3, 3, 0, 1, 10, 10, 0, 0)).hasMessageContaining("weightInitStd");
    }

    /** Notebook 07's printed numbers: shapes by hand, gradient check, and the optimizer paths against PyTorch. */
    @Test
    void notebook07() {
        CommittedNotebook nb = CommittedNotebook.load("07-");
        assertThat(nb.allText()).contains("Conv2D       output shape: [1, 30, 24, 24]", "MaxPool2D    output shape: [1, 30, 12, 12]",
                "Flatten      output shape: [1, 4320]", "Linear       output shape: [1, 10]", "parameters: 433890",
                "layer 4 (Linear) weight [100, 4320]", "passes (every error <= 1e-6): true");
        assertThat(nb.allText()).doesNotContain("max error 1").doesNotContain("max error 9");
        for (JsonObject p : TorchFixtures.objects(TorchFixtures.load("optimizers.json").getAsJsonArray("bowl"))) {
            double[] x = TorchFixtures.doubles(p.getAsJsonArray("x")), y = TorchFixtures.doubles(p.getAsJsonArray("y"));
            double fx = x[30] * x[30] / 20 + y[30] * y[30];
            String line = String.format(Locale.ROOT, "%-8s ends at (%.6f, %.6f), f = %.6f", p.get("name").getAsString(), x[30], y[30], fx);
            assertThat(nb.allText()).contains(line);
        }
    }
}
