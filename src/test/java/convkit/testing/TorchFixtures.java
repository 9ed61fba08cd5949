package convkit.testing;

import convkit.Tensor;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the reference fixtures in {@code src/test/resources/fixtures/} (written by PyTorch / NumPy in float64 by
 * {@code generate_fixtures.py} in the same folder; see its docstring for the format and how to regenerate them)
 * and compares tensors with the fixtures' tolerance.
 */
public final class TorchFixtures {
    /** Relative tolerance of every fixture comparison: |actual - expected| <= RTOL * max(1, |expected|). */
    public static final double RTOL = 1e-9;

    private TorchFixtures() {
    }

    /** The parsed JSON file {@code fixtures/<name>} from the test class path. */
    public static JsonObject load(String name) {
        String path = "/fixtures/" + name;
        try (InputStream in = TorchFixtures.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("fixture " + path + " is not on the test class path");
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return JsonParser.parseReader(r).getAsJsonObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code "cases"} array of a fixture file, as objects. */
    public static List<JsonObject> cases(JsonObject file) {
        return objects(file.getAsJsonArray("cases"));
    }

    public static List<JsonObject> objects(JsonArray a) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : a) out.add(e.getAsJsonObject());
        return out;
    }

    /** The tensor stored under {@code key} ({"shape": [..], "data": [..]}), or null if the value is JSON null. */
    public static Tensor tensor(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null) throw new IllegalArgumentException("fixture has no field " + key + ": " + o.keySet());
        if (e.isJsonNull()) return null;
        JsonObject t = e.getAsJsonObject();
        return Tensor.wrap(doubles(t.getAsJsonArray("data")), ints(t.getAsJsonArray("shape")));
    }

    /** Numbers as written by Python's json (shortest round-trip); "nan", "inf", "-inf" as strings. */
    public static double[] doubles(JsonArray a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            JsonElement e = a.get(i);
            if (e.getAsJsonPrimitive().isString()) {
                String s = e.getAsString();
                d[i] = switch (s) {
                    case "nan" -> Double.NaN;
                    case "inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> throw new IllegalArgumentException("not a number in fixture: " + s);
                };
            } else {
                d[i] = Double.parseDouble(e.getAsString());
            }
        }
        return d;
    }

    public static int[] ints(JsonArray a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).getAsInt();
        return r;
    }

    /** The int array under {@code key}, or null if the value is JSON null. */
    public static int[] ints(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : ints(e.getAsJsonArray());
    }

    /**
     * Asserts equal shapes and |actual - expected| <= RTOL * max(1, |expected|) element by element; the message
     * names {@code what}, the first offending multi-index, both values, and how many elements are off.
     */
    public static void assertClose(String what, Tensor expected, Tensor actual) {
        if (actual == null) throw new AssertionError(what + ": expected shape " + Arrays.toString(expected.shape()) + " but got null");
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionError(what + ": expected shape " + Arrays.toString(expected.shape())
                    + " but got " + Arrays.toString(actual.shape()));
        }
        double[] e = expected.data();
        double[] a = actual.data();
        int bad = 0;
        int first = -1;
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]);
            boolean ok = err <= RTOL * Math.max(1.0, Math.abs(e[i])) || (Double.isNaN(e[i]) && Double.isNaN(a[i]));
            if (!ok) {
                if (first < 0) first = i;
                bad++;
                worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
            }
        }
        if (bad > 0) {
            throw new AssertionError(String.format("%s: %d of %d elements differ beyond rtol %.0e; first at index %s "
                            + "(flat %d): expected %s but got %s; largest abs error %s",
                    what, bad, e.length, RTOL, Arrays.toString(multiIndex(first, expected.shape())), first,
                    Double.toString(e[first]), Double.toString(a[first]), Double.toString(worst)));
        }
    }

    /** The scalar version of {@link #assertClose(String, Tensor, Tensor)}. */
    public static void assertClose(String what, double expected, double actual) {
        if (!(Math.abs(actual - expected) <= RTOL * Math.max(1.0, Math.abs(expected)))) {
            throw new AssertionError(what + ": expected " + expected + " but got " + actual
                    + " (rtol " + RTOL + ")");
        }
    }

    public static int[] multiIndex(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int ax = shape.length - 1; ax >= 0; ax--) {
            idx[ax] = shape[ax] == 0 ? 0 : flat % shape[ax];
            flat = shape[ax] == 0 ? 0 : flat / shape[ax];
        }
        return idx;
    }
}
