package convkit.nn;

import convkit.Ops;
import convkit.Tensor;
import convkit.testing.TorchFixtures;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static convkit.testing.TorchFixtures.assertClose;
import static convkit.testing.TorchFixtures.ints;
import static convkit.testing.TorchFixtures.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Ops#conv2d} and {@link Conv2D} (forward, dx, weight and bias gradients) against PyTorch 2.13 in float64,
 * relative tolerance 1e-9. Fixtures: {@code fixtures/conv2d.json} and {@code fixtures/kernel_learning.json},
 * written by {@code src/test/resources/fixtures/generate_fixtures.py}; gradients are those of L = sum(y * g).
 * Cases: plain 3x3, stride 2, d2l's stride (3,4) padding (0,1), asymmetric padding [1,2,0,3], dilation 2,
 * dilation (2,1) with stride, groups 2, depthwise x2, 1x1, 7x9 k3 s2, batch 3 with bias, LeNet's k5 p2 and k5,
 * 8 -> 12 channels, a mixed groups/stride/dilation/asymmetric case, kernel = input, stride > kernel.
 */
class ConvTorchFixtureTest {
    private static final JsonObject FILE = TorchFixtures.load("conv2d.json");

    private static Stream<DynamicTest> each(java.util.function.Consumer<JsonObject> check) {
        return TorchFixtures.cases(FILE).stream()
                .map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> check.accept(c)));
    }

    @TestFactory
    Stream<DynamicTest> opsConv2dForwardMatchesTorch() {
        return each(c -> {
            Tensor y = Ops.conv2d(tensor(c, "x"), tensor(c, "w"), tensor(c, "b"), ints(c, "stride"),
                    ints(c, "padding"), ints(c, "dilation"), c.get("groups").getAsInt());
            assertClose(name(c) + " y", tensor(c, "y"), y);
        });
    }

    @TestFactory
    Stream<DynamicTest> conv2dLayerForwardAndGradientsMatchTorch() {
        return each(c -> {
            Tensor x = tensor(c, "x");
            Tensor g = tensor(c, "g");
            Tensor b = tensor(c, "b");
            Conv2D conv = layer(c, b);
            assertClose(name(c) + " forward y", tensor(c, "y"), conv.forward(x));
            assertClose(name(c) + " backward dx", tensor(c, "dx"), conv.backward(g));
            assertClose(name(c) + " weight grad dw", tensor(c, "dw"), conv.weight().grad());
            if (b != null) assertClose(name(c) + " bias grad db", tensor(c, "db"), conv.bias().grad());
            // forward and backward leave their arguments alone
            assertClose(name(c) + " x after forward/backward", tensor(c, "x"), x);
            assertClose(name(c) + " g after backward", tensor(c, "g"), g);
        });
    }

    @TestFactory
    Stream<DynamicTest> conv2dLayerAccumulatesParameterGradients() {
        return each(c -> {
            Tensor b = tensor(c, "b");
            Conv2D conv = layer(c, b);
            for (int round = 0; round < 2; round++) {
                conv.forward(tensor(c, "x"));
                conv.backward(tensor(c, "g"));
            }
            assertClose(name(c) + " dw after two backward calls", tensor(c, "dw").mul(2), conv.weight().grad());
            if (b != null) assertClose(name(c) + " db after two backward calls", tensor(c, "db").mul(2), conv.bias().grad());
            conv.zeroGrad();
            conv.forward(tensor(c, "x"));
            conv.backward(tensor(c, "g"));
            assertClose(name(c) + " dw after zeroGrad and one backward", tensor(c, "dw"), conv.weight().grad());
        });
    }

    /**
     * d2l 7.2.4 "Learning a Kernel" (X = ones(6,8) with columns 2..5 zero, Y = corr2d(X, [[1,-1]]), squared loss
     * summed, lr 3e-2, 10 steps) from three fixed initial kernels: every step's loss and gradient and the kernel
     * after it equal PyTorch's float64 run (fixtures/kernel_learning.json).
     */
    @TestFactory
    Stream<DynamicTest> learningAKernelFollowsTorchTrajectory() {
        JsonObject kl = TorchFixtures.load("kernel_learning.json");
        Tensor x = tensor(kl, "X").reshape(1, 1, 6, 8);
        Tensor target = tensor(kl, "Y").reshape(1, 1, 6, 7);
        double lr = kl.get("lr").getAsDouble();
        return TorchFixtures.objects(kl.getAsJsonArray("runs")).stream().map(run -> {
            double[] init = TorchFixtures.doubles(run.getAsJsonArray("initial_kernel"));
            return DynamicTest.dynamicTest("initial kernel " + java.util.Arrays.toString(init), () -> {
                Conv2D conv = Conv2D.fromWeights(Tensor.wrap(init.clone(), 1, 1, 1, 2)).stride(1).padding(0).dilation(1).build();
                List<JsonObject> steps = TorchFixtures.objects(run.getAsJsonArray("steps"));
                assertThat(steps).hasSize(10);
                for (JsonObject step : steps) {
                    String at = "initial " + java.util.Arrays.toString(init) + " epoch " + step.get("epoch").getAsInt();
                    Tensor diff = conv.forward(x).sub(target);
                    double loss = diff.mul(diff).sum();
                    conv.zeroGrad();
                    conv.backward(diff.mul(2));
                    assertClose(at + " loss", step.get("loss").getAsDouble(), loss);
                    assertClose(at + " grad", Tensor.wrap(TorchFixtures.doubles(step.getAsJsonArray("grad")), 1, 1, 1, 2),
                            conv.weight().grad());
                    double[] w = conv.weight().value().data();
                    double[] gw = conv.weight().grad().data();
                    for (int i = 0; i < w.length; i++) w[i] -= lr * gw[i];
                    assertClose(at + " kernel after the step",
                            Tensor.wrap(TorchFixtures.doubles(step.getAsJsonArray("kernel_after")), 1, 1, 1, 2),
                            conv.weight().value());
                }
            });
        });
    }

    @Test
    void fixtureCoversTheCasesItPromises() {
        // Guards against a truncated fixture: the factories above would then pass vacuously.
        List<JsonObject> cases = TorchFixtures.cases(FILE);
        assertThat(cases).hasSizeGreaterThanOrEqualTo(15);
        assertThat(cases).anySatisfy(c -> assertThat(c.get("groups").getAsInt()).isGreaterThan(1));
        assertThat(cases).anySatisfy(c -> assertThat(ints(c, "dilation")).containsAnyOf(2));
        assertThat(cases).anySatisfy(c -> {
            int[] p = ints(c, "padding");
            assertThat(p[0] != p[1] || p[2] != p[3]).isTrue();
        });
        assertThat(cases).anySatisfy(c -> assertThat(c.get("b").isJsonNull()).isTrue());
        JsonArray runs = TorchFixtures.load("kernel_learning.json").getAsJsonArray("runs");
        assertThat(runs.size()).isEqualTo(3);
    }

    private static String name(JsonObject c) {
        return "conv2d case " + c.get("name").getAsString();
    }

    /** The layer of fixture case {@code c} around its weight and bias {@code b} (null: the case has no bias). */
    private static Conv2D layer(JsonObject c, Tensor b) {
        Conv2D.Builder l = b == null ? Conv2D.fromWeights(tensor(c, "w")) : Conv2D.fromWeights(tensor(c, "w"), b);
        return l.stride(ints(c, "stride")).padding(ints(c, "padding")).dilation(ints(c, "dilation"))
                .groups(c.get("groups").getAsInt()).build();
    }
}
