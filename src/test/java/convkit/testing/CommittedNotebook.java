package convkit.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text a committed notebook shows (notebooks/NAME.ipynb): per code cell, its standard output followed by the
 * text/plain of its results, as a reader sees it. NotebooksTest makes sure re-executing gives this text; the tests
 * that use this class make sure the text is right (an oracle per printed number).
 */
public final class CommittedNotebook {
    public static final Path DIR = Path.of("notebooks").toAbsolutePath();
    private final String name;
    private final List<String> cells = new ArrayList<>();
    private final List<String> markdown = new ArrayList<>();

    private CommittedNotebook(String name, JsonObject nb) {
        this.name = name;
        for (JsonElement e : nb.getAsJsonArray("cells")) {
            JsonObject c = e.getAsJsonObject();
            if ("markdown".equals(c.get("cell_type").getAsString())) {
                markdown.add(text(c.get("source")));
                continue;
            }
            if (!"code".equals(c.get("cell_type").getAsString())) continue;
            StringBuilder sb = new StringBuilder();
            JsonArray outs = c.has("outputs") ? c.getAsJsonArray("outputs") : new JsonArray();
            for (JsonElement oe : outs) {
                JsonObject o = oe.getAsJsonObject();
                String type = o.get("output_type").getAsString();
                if ("stream".equals(type)) sb.append(text(o.get("text")));
                else if (o.has("data") && o.getAsJsonObject("data").has("text/plain")) {
                    sb.append(text(o.getAsJsonObject("data").get("text/plain"))).append('\n');
                }
            }
            cells.add(sb.toString());
        }
    }

    /** Loads notebooks/{@code file} (e.g. "00-from-dense-to-conv.ipynb", or a prefix such as "00"). */
    public static CommittedNotebook load(String file) {
        try (var s = Files.list(DIR)) {
            Path p = s.filter(f -> f.getFileName().toString().endsWith(".ipynb") && f.getFileName().toString().startsWith(file))
                    .sorted().findFirst().orElseThrow(() -> new IllegalArgumentException("no notebook " + file + " in " + DIR));
            return new CommittedNotebook(p.getFileName().toString(), JsonParser.parseString(Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The shown text of every code cell, in order. */
    public List<String> codeCells() {
        return cells;
    }

    /** Everything the code cells show, concatenated. */
    public String allText() {
        return String.join("\n", cells);
    }

    /** All markdown, concatenated. */
    public String allMarkdown() {
        return String.join("\n", markdown);
    }

    /** The number printed right after {@code label} on some line of the output (the rest of the line is ignored). */
    public double numberAfter(String label) {
        for (String line : allText().split("\n")) {
            int i = line.indexOf(label);
            if (i >= 0) {
                String rest = line.substring(i + label.length()).trim().split("\\s+")[0].replace(",", "");
                return Double.parseDouble(rest);
            }
        }
        throw new AssertionError(name + " prints no line with \"" + label + "\"");
    }

    private static String text(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            e.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
            return sb.toString();
        }
        return e.getAsString();
    }
}
