package convkit;

import convkit.testing.TorchFixtures;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Tensor#toString()} against NumPy itself: every expected string in {@code fixtures/numpy_repr.json} is
 * {@code np.array2string(a, separator=", ")} with NumPy's default print options (version recorded in the file;
 * regenerate with {@code generate_fixtures.py}). Covers integer-valued and mixed-digit floats, -0.0, nan/inf,
 * the 1e-4 / 1e8 / ratio-1e3 boundaries of scientific notation, ranks 0 to 4, empty arrays, wrapping at 75
 * columns and summarising beyond 1000 elements.
 */
class TensorFormatTest {
    private static final JsonObject FILE = TorchFixtures.load("numpy_repr.json");

    @TestFactory
    Stream<DynamicTest> toStringMatchesNumpyArray2string() {
        return TorchFixtures.cases(FILE).stream().map(c -> DynamicTest.dynamicTest(c.get("name").getAsString(), () -> {
            Tensor t = Tensor.wrap(TorchFixtures.doubles(c.getAsJsonArray("data")), TorchFixtures.ints(c.getAsJsonArray("shape")));
            assertThat(t.toString()).as("toString of case %s, shape %s", c.get("name").getAsString(),
                    c.getAsJsonArray("shape")).isEqualTo(c.get("str").getAsString());
        }));
    }

    @Test
    void fixtureCoversTheCasesItPromises() {
        // Guards against an accidentally truncated fixture file: the factory above would then pass vacuously.
        assertThat(TorchFixtures.cases(FILE)).hasSizeGreaterThanOrEqualTo(40);
        assertThat(TorchFixtures.cases(FILE)).anySatisfy(c -> assertThat(c.get("str").getAsString()).contains("..."));
        assertThat(TorchFixtures.cases(FILE)).anySatisfy(c -> assertThat(c.get("str").getAsString()).contains("e+"));
        assertThat(TorchFixtures.cases(FILE)).anySatisfy(c -> assertThat(c.get("str").getAsString()).contains("nan"));
    }
}
