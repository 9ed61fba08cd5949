package convkit.jupyter;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Compares the text a notebook printed, cell by cell: per code cell, all stdout text, all stderr text, and the
 * list of results (execute_result / display_data text/plain, error name and message). Images are compared
 * only for being there (their bytes are ignored), execution counts and tracebacks not at all. A cell whose
 * metadata says {@code "convkit": {"nondeterministic": true}} (timings) is skipped.
 */
public final class NotebookOutputs {

    private NotebookOutputs() {
    }

    /** One message per differing cell; empty when the texts agree. */
    public static List<String> differences(String notebook, JsonObject committed, JsonObject executed) {
        List<String> diffs = new ArrayList<>();
        JsonArray a = committed.getAsJsonArray("cells");
        JsonArray b = executed.getAsJsonArray("cells");
        if (a.size() != b.size()) {
            diffs.add(notebook + ": " + a.size() + " cells committed but " + b.size() + " executed");
            return diffs;
        }
        for (int i = 0; i < a.size(); i++) {
            JsonObject ca = a.get(i).getAsJsonObject();
            JsonObject cb = b.get(i).getAsJsonObject();
            if (!"code".equals(ca.get("cell_type").getAsString()) || nondeterministic(ca)) {
                continue;
            }
            compare(diffs, notebook, i, "stdout", stream(ca, "stdout"), stream(cb, "stdout"));
            compare(diffs, notebook, i, "stderr", stream(ca, "stderr"), stream(cb, "stderr"));
            compare(diffs, notebook, i, "results", results(ca), results(cb));
        }
        return diffs;
    }

    private static void compare(List<String> diffs, String nb, int cell, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            diffs.add(nb + " cell " + cell + " (" + what + ") differs from the committed output\n"
                    + "  expected (committed):\n" + indent(expected) + "\n"
                    + "  actual (re-executed):\n" + indent(actual));
        }
    }

    private static String indent(String s) {
        return s.isEmpty() ? "    <nothing>" : "    " + s.replace("\n", "\n    ");
    }

    static boolean nondeterministic(JsonObject cell) {
        JsonObject md = cell.has("metadata") ? cell.getAsJsonObject("metadata") : new JsonObject();
        if (!md.has("convkit") || !md.get("convkit").isJsonObject()) {
            return false;
        }
        JsonElement flag = md.getAsJsonObject("convkit").get("nondeterministic");
        return flag != null && flag.isJsonPrimitive() && flag.getAsBoolean();
    }

    static String stream(JsonObject cell, String name) {
        StringBuilder sb = new StringBuilder();
        for (JsonElement e : outputs(cell)) {
            JsonObject o = e.getAsJsonObject();
            if ("stream".equals(o.get("output_type").getAsString()) && name.equals(o.get("name").getAsString())) {
                sb.append(text(o.get("text")));
            }
        }
        return sb.toString();
    }

    static String results(JsonObject cell) {
        StringBuilder sb = new StringBuilder();
        for (JsonElement e : outputs(cell)) {
            JsonObject o = e.getAsJsonObject();
            String type = o.get("output_type").getAsString();
            switch (type) {
                case "execute_result":
                case "display_data": {
                    JsonObject data = o.getAsJsonObject("data");
                    if (data.has("image/png")) {
                        sb.append(type).append(": <image>\n");
                    } else if (data.has("text/plain")) {
                        sb.append(type).append(": ").append(text(data.get("text/plain"))).append('\n');
                    } else {
                        sb.append(type).append(": ").append(data.keySet()).append('\n');
                    }
                    break;
                }
                case "error":
                    sb.append("error: ").append(o.get("ename").getAsString()).append(": ")
                            .append(o.get("evalue").getAsString()).append('\n');
                    break;
                default:
                    break;
            }
        }
        return sb.toString();
    }

    private static JsonArray outputs(JsonObject cell) {
        return cell.has("outputs") ? cell.getAsJsonArray("outputs") : new JsonArray();
    }

    /** nbformat stores multi-line text either as one string or as a list of lines. */
    private static String text(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            e.getAsJsonArray().forEach(x -> sb.append(x.getAsString()));
            return sb.toString();
        }
        return e.getAsString();
    }
}
