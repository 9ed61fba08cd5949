package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A script of steps for ONE real kernel (this build, started by jupyter_client from a kernelspec, see
 * scripts/kernel_check.py drive), and reading the answers: each {@code code(...)}/{@code request(...)} returns the
 * index of its answer.
 */
final class Steps {

    private final List<Map<String, Object>> steps = new ArrayList<>();
    private JsonArray answers;

    int code(String code, Object... options) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("code", code);
        for (int i = 0; i < options.length; i += 2) {
            s.put((String) options[i], options[i + 1]);
        }
        return add(s);
    }

    /** Sends every cell at once, before any reply (options apply to all of them). */
    int queue(Map<String, Object> options, String... codes) {
        Map<String, Object> s = new LinkedHashMap<>(options);
        s.put("queue", List.of(codes));
        return add(s);
    }

    /** Sends a message that has no reply (e.g. comm_open) and collects the IOPub messages it causes. */
    int send(String type, Map<String, Object> content) {
        return add(Map.of("send", type, "content", content));
    }

    int request(String type, Map<String, Object> content) {
        return add(Map.of("request", type, "content", content));
    }

    int control(String type, Map<String, Object> content) {
        return add(Map.of("request", type, "content", content, "channel", "control"));
    }

    int waitSeconds(double s) {
        return add(Map.of("wait", s));
    }

    int add(Map<String, Object> step) {
        steps.add(step);
        return steps.size() - 1;
    }

    /** Runs the steps in one kernel. */
    void run(Path tmp) throws IOException {
        JupyterSupport.requireJupyter();
        answers = JupyterSupport.drive(tmp, steps);
    }

    JsonObject answer(int i) {
        return answers.get(i).getAsJsonObject();
    }

    /** For a {@link #queue} step: the answer of its {@code k}-th cell. */
    JsonObject queued(int i, int k) {
        return answer(i).getAsJsonArray("answers").get(k).getAsJsonObject();
    }

    /** The reply content of a request step. */
    JsonObject reply(int i) {
        JsonObject a = answer(i);
        return a.has("content") ? a.getAsJsonObject("content") : a.getAsJsonObject("reply");
    }

    static List<JsonObject> outputs(JsonObject answer, String type) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : answer.getAsJsonArray("outputs")) {
            if (e.getAsJsonObject().get("type").getAsString().equals(type)) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }

    List<JsonObject> outputs(int i, String type) {
        return outputs(answer(i), type);
    }

    static String stream(JsonObject answer, String name) {
        StringBuilder sb = new StringBuilder();
        for (JsonObject o : outputs(answer, "stream")) {
            if (o.get("name").getAsString().equals(name)) {
                sb.append(o.get("text").getAsString());
            }
        }
        return sb.toString();
    }

    String stream(int i, String name) {
        return stream(answer(i), name);
    }

    /** The text/plain of the step's one execute_result. */
    String result(int i) {
        List<JsonObject> results = outputs(i, "execute_result");
        assertThat(results).as("execute_result of step %d: %s", i, answer(i)).hasSize(1);
        return results.get(0).getAsJsonObject("data").get("text/plain").getAsString();
    }

    /** The step's one error output (its status must be error). */
    JsonObject error(int i) {
        assertThat(answer(i).get("status").getAsString()).as("status of step %d: %s", i, answer(i)).isEqualTo("error");
        List<JsonObject> errors = outputs(i, "error");
        assertThat(errors).as("error output of step %d", i).hasSize(1);
        return errors.get(0);
    }

    /** IOPub messages of earlier steps that arrived during step {@code i}. */
    List<JsonObject> late(int i) {
        List<JsonObject> out = new ArrayList<>();
        JsonObject a = answer(i);
        if (a.has("late")) {
            a.getAsJsonArray("late").forEach(e -> out.add(e.getAsJsonObject()));
        }
        return out;
    }

    /** The IOPub message types of step {@code i} in the order they arrived ("status:busy", ...). */
    List<String> order(int i) {
        List<String> out = new ArrayList<>();
        answer(i).getAsJsonArray("order").forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
