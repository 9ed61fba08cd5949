package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import org.junit.jupiter.api.Test;

/** The kernel's history answers tail, range and search as IPython does (jupyter_kernel_test's expectations). */
class HistoryTest {

    private static History history() {
        History h = new History();
        h.add(1, "1+2+3");
        h.setOutput(1, "6");
        h.add(2, "int x = 4;");
        h.add(3, "1+2+3");
        h.setOutput(3, "6");
        h.add(4, "x * 2");
        h.setOutput(4, "8");
        return h;
    }

    private static List<String> inputs(JsonArray entries) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : entries) {
            JsonElement third = e.getAsJsonArray().get(2);
            out.add(third.isJsonArray() ? third.getAsJsonArray().get(0).getAsString() : third.getAsString());
        }
        return out;
    }

    @Test
    void tailIsTheLastNWithOutputPairs() {
        JsonArray tail = history().tail(2, true);
        assertThat(inputs(tail)).containsExactly("1+2+3", "x * 2");
        JsonArray last = tail.get(1).getAsJsonArray();
        assertThat(last.get(0).getAsInt()).isEqualTo(History.SESSION);
        assertThat(last.get(1).getAsInt()).isEqualTo(4);
        assertThat(last.get(2).getAsJsonArray().get(1).getAsString()).isEqualTo("8");
        assertThat(history().tail(3, true).get(0).getAsJsonArray().get(2).getAsJsonArray().get(1).isJsonNull()).isTrue();
        assertThat(history().tail(10, false)).hasSize(4);
    }

    @Test
    void rangeStopIsExclusiveAndSessionZeroIsThisOne() {
        assertThat(inputs(history().range(History.SESSION, 2, 4, false))).containsExactly("int x = 4;", "1+2+3");
        assertThat(inputs(history().range(0, 4, 0, false))).containsExactly("x * 2");
        assertThat(history().range(7, 1, 5, false)).isEmpty();
    }

    @Test
    void searchIsAWholeStringGlobWithUniqueAndN() {
        assertThat(inputs(history().search("1?2*", 0, false, false))).containsExactly("1+2+3", "1+2+3");
        assertThat(inputs(history().search("1?2*", 0, true, false))).containsExactly("1+2+3");
        assertThat(inputs(history().search("*", 2, false, false))).containsExactly("1+2+3", "x * 2");
        assertThat(history().search("x", 0, false, false)).isEmpty(); // whole string, not a substring
        assertThat(inputs(history().search("x*", 0, false, false))).containsExactly("x * 2");
        assertThat(History.glob("a.b").matcher("a.b").matches()).isTrue();
        assertThat(History.glob("a.b").matcher("axb").matches()).isFalse();
    }

    @Test
    void bigResultsAreKeptShort() {
        History h = new History();
        h.add(1, "big");
        h.setOutput(1, "x".repeat(50_000));
        String out = h.tail(1, true).get(0).getAsJsonArray().get(2).getAsJsonArray().get(1).getAsString();
        assertThat(out).hasSizeLessThan(History.OUTPUT_KEPT + 40).endsWith("(50000 characters)");
    }
}
