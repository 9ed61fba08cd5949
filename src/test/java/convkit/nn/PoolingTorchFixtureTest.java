package convkit.nn;

import convkit.Ops;
import convkit.Tensor;
import convkit.testing.TorchFixtures;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static convkit.testing.TorchFixtures.assertClose;
import static convkit.testing.TorchFixtures.ints;
import static convkit.testing.TorchFixtures.tensor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Ops#maxPool2d}, {@link Ops#avgPool2d}, {@link MaxPool2D} and {@link AvgPool2D} (forward and dx) against
 * PyTorch 2.13 in float64 (ceil_mode=False), relative tolerance 1e-9. Fixtures: {@code fixtures/maxpool2d.json},
 * {@code fixtures/avgpool2d.json}, written by {@code src/test/resources/fixtures/generate_fixtures.py}; dx is the
 * gradient of L = sum(y * g). Covers padding, non-square windows and strides, the default stride (null = the
 * window), overlapping windows, both countIncludePad settings, and integer-valued inputs with tied maxima, where
 * torch (checked by the generator) sends the gradient to the first maximum in row-major window order, convkit's rule.
 */
class PoolingTorchFixtureTest {
    private static final JsonObject MAX = TorchFixtures.load("maxpool2d.json");
    private static final JsonObject AVG = TorchFixtures.load("avgpool2d.json");

    private static Stream<DynamicTest> each(JsonObject file, Consumer<JsonObject> check) {
        return TorchFixtures.cases(file).stream()
                .map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> check.accept(c)));
    }

    @TestFactory
    Stream<DynamicTest> opsMaxPool2dMatchesTorch() {
        return each(MAX, c -> assertClose("maxPool2d case " + name(c) + " y", tensor(c, "y"),
                Ops.maxPool2d(tensor(c, "x"), ints(c, "kernel"), ints(c, "stride"), ints(c, "padding"))));
    }

    @TestFactory
    Stream<DynamicTest> maxPool2dLayerForwardAndBackwardMatchTorch() {
        return each(MAX, c -> layerMatches("MaxPool2D", c, window(MaxPool2D.of(ints(c, "kernel")), c).build()));
    }

    @TestFactory
    Stream<DynamicTest> opsAvgPool2dMatchesTorch() {
        return each(AVG, c -> assertClose("avgPool2d case " + name(c) + " y", tensor(c, "y"),
                Ops.avgPool2d(tensor(c, "x"), ints(c, "kernel"), ints(c, "stride"), ints(c, "padding"),
                        c.get("countIncludePad").getAsBoolean())));
    }

    @TestFactory
    Stream<DynamicTest> avgPool2dLayerForwardAndBackwardMatchTorch() {
        return each(AVG, c -> layerMatches("AvgPool2D", c, window(AvgPool2D.of(ints(c, "kernel")), c)
                .countIncludePad(c.get("countIncludePad").getAsBoolean()).build()));
    }

    @Test
    void fixturesCoverTheCasesTheyPromise() {
        List<JsonObject> max = TorchFixtures.cases(MAX);
        List<JsonObject> avg = TorchFixtures.cases(AVG);
        assertThat(max).hasSizeGreaterThanOrEqualTo(9);
        assertThat(max).filteredOn(c -> c.has("ties")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(max).anySatisfy(c -> assertThat(c.get("stride").isJsonNull()).isTrue());
        assertThat(avg).hasSizeGreaterThanOrEqualTo(12);
        assertThat(avg).anySatisfy(c -> assertThat(c.get("countIncludePad").getAsBoolean()).isTrue());
        assertThat(avg).anySatisfy(c -> assertThat(c.get("countIncludePad").getAsBoolean()).isFalse());
        // with padding, the two settings must really differ somewhere, or the fixture would not test the flag
        Tensor a = tensor(avg.stream().filter(c -> name(c).equals("k3_s1_p1_cip")).findFirst().orElseThrow(), "y");
        Tensor b = tensor(avg.stream().filter(c -> name(c).equals("k3_s1_p1_nocip")).findFirst().orElseThrow(), "y");
        assertThat(a.allClose(b)).isFalse();
    }

    private static String name(JsonObject c) {
        return c.get("name").getAsString();
    }

    /** The case's padding, and its stride unless the case leaves it out (null: the default, stride = kernel). */
    private static <B extends PoolWindow<B>> B window(B settings, JsonObject c) {
        settings.padding(ints(c, "padding"));
        return ints(c, "stride") == null ? settings : settings.stride(ints(c, "stride"));
    }

    /** The layer's forward y and backward dx match the case's, and x is left as it was. */
    private static void layerMatches(String layer, JsonObject c, Layer pool) {
        Tensor x = tensor(c, "x");
        assertClose(layer + " case " + name(c) + " forward y", tensor(c, "y"), pool.forward(x));
        assertClose(layer + " case " + name(c) + " backward dx", tensor(c, "dx"), pool.backward(tensor(c, "g")));
        assertClose(layer + " case " + name(c) + " x after forward/backward", tensor(c, "x"), x);
    }
}
