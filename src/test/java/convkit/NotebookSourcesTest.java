package convkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each committed notebook is what {@code notebooks/tools/build_notebooks.py} makes of its {@code .cells} source: the
 * same cells in the same order, the same text, and the same code cells marked {@code nondeterministic}
 * ({@code %% code nondeterministic} in the source, {@code "convkit": {"nondeterministic": true}} in the notebook;
 * NotebooksTest skips exactly those when it compares outputs). Catches a notebook edited by hand, a source not
 * rebuilt, and a flag lost when a notebook is rebuilt.
 */
class NotebookSourcesTest {
    private static final Path NOTEBOOKS = Path.of("notebooks");

    record Cell(String kind, String text, boolean nondeterministic) {
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookIsBuiltFromItsSource() throws IOException {
        List<Path> sources;
        try (Stream<Path> s = Files.list(NOTEBOOKS.resolve("tools/src"))) {
            sources = s.filter(p -> p.toString().endsWith(".cells")).sorted().toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(6);
        return sources.stream().map(src -> DynamicTest.dynamicTest(src.getFileName().toString(), () -> {
            String name = src.getFileName().toString().replace(".cells", ".ipynb");
            assertThat(notebook(NOTEBOOKS.resolve(name))).as(name + " against " + src).isEqualTo(parse(src));
        }));
    }

    /** The cells of a .cells file, as build_notebooks.py reads them. */
    static List<Cell> parse(Path src) throws IOException {
        List<Cell> cells = new ArrayList<>();
        String kind = null;
        boolean flag = false;
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(src)) {
            if (line.startsWith("%% ")) {
                if (kind != null) cells.add(new Cell(kind, strip(text), flag));
                String[] parts = line.substring(3).trim().split("\\s+");
                kind = parts[0];
                flag = parts.length > 1 && parts[1].equals("nondeterministic");
                text.setLength(0);
            } else if (kind != null) {
                text.append(line).append('\n');
            }
        }
        if (kind != null) cells.add(new Cell(kind, strip(text), flag));
        return cells;
    }

    private static String strip(StringBuilder text) {
        return text.toString().replaceAll("^\n+", "").replaceAll("\n+$", "");
    }

    static List<Cell> notebook(Path ipynb) throws IOException {
        JsonObject nb = new Gson().fromJson(Files.readString(ipynb), JsonObject.class);
        List<Cell> cells = new ArrayList<>();
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            StringBuilder text = new StringBuilder();
            for (JsonElement l : c.getAsJsonArray("source")) text.append(l.getAsString());
            JsonObject md = c.getAsJsonObject("metadata");
            boolean flag = md != null && md.has("convkit") && md.getAsJsonObject("convkit").has("nondeterministic")
                    && md.getAsJsonObject("convkit").get("nondeterministic").getAsBoolean();
            cells.add(new Cell(c.get("cell_type").getAsString(), text.toString(), flag));
        }
        return cells;
    }
}
