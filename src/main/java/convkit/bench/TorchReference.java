package convkit.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's side of a side-by-side comparison: runs the reference method, {@code torch_baseline.py} (the project's
 * {@code shared/bench/} script), with a given Python that has torch, on this machine with the same number of threads,
 * and reads its JSON report. PyTorch is never a dependency: without {@code --torch} nothing here runs.
 */
public final class TorchReference {
    private final Path python, script;

    /**
     * @param python a Python interpreter with torch and numpy (e.g. {@code /work/.venv-ref/bin/python})
     * @param script {@code torch_baseline.py}
     * @throws IllegalArgumentException when either file is missing
     */
    public TorchReference(Path python, Path script) {
        if (python == null || !Files.isExecutable(python)) {
            throw new IllegalArgumentException("--torch: " + python + " is not an executable Python (one with torch and numpy)");
        }
        if (script == null || !Files.isRegularFile(script)) {
            throw new IllegalArgumentException("the reference script " + script + " does not exist: give --torch-script FILE");
        }
        this.python = python;
        this.script = script;
    }

    /** Runs the script with {@code args} (its progress goes to standard error) and returns its JSON report. */
    JsonObject run(List<String> args) {
        try {
            Path out = Files.createTempFile("convkit-torch-", ".json");
            try {
                List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
                cmd.addAll(args);
                cmd.add("--out");
                cmd.add(out.toString());
                System.out.println("PyTorch reference: " + String.join(" ", cmd));
                Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                int rc = p.waitFor();
                if (rc != 0) throw new IllegalStateException("the PyTorch reference exited with status " + rc + ": " + cmd);
                return JsonParser.parseString(Files.readString(out, StandardCharsets.UTF_8)).getAsJsonObject();
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run the PyTorch reference " + python + " " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the PyTorch reference ran", e);
        }
    }

    /** A line naming torch's version and threads, for the tables. */
    static String describe(JsonObject report) {
        JsonObject m = report.getAsJsonObject("machine");
        String torch = m != null && m.has("torch") ? m.get("torch").toString() : "?";
        return "PyTorch " + torch.replace("\"", "");
    }

    /**
     * conv2d forward+backward medians (ms) per shape name ({@code lenet_c1, lenet_c2, mid, alex_c1, pointwise}, in the
     * order of {@link ConvBench}'s shapes) for {@code dtype} at {@code threads}.
     */
    Map<String, Double> convFwdBwd(int threads, String dtype) {
        JsonObject r = run(List.of("--threads", String.valueOf(threads), "--skip", "matmul,pool,lenet", "--alloc", "default",
                "--no-im2col-ref"));
        lastReport = r;
        Map<String, Double> ms = new LinkedHashMap<>();
        for (JsonElement e : r.getAsJsonArray("conv2d")) {
            JsonObject row = e.getAsJsonObject();
            if (row.get("threads").getAsInt() == threads && row.get("dtype").getAsString().equals(dtype)) {
                ms.put(row.get("shape").getAsString(), row.get("fwdbwd_ms").getAsDouble());
            }
        }
        return ms;
    }

    /** Seconds per training epoch of d2l's LeNet (float32, median of the epochs after the first) at {@code threads}. */
    double lenetEpoch(int threads, int epochs) {
        JsonObject r = run(List.of("--skip", "matmul,conv,pool", "--lenet-threads", String.valueOf(threads),
                "--lenet-epochs", String.valueOf(epochs), "--relu-epochs", "0"));
        lastReport = r;
        JsonArray runs = r.getAsJsonArray("lenet");
        for (JsonElement e : runs) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("variant").getAsString().equals("sigmoid_avgpool") && o.get("threads").getAsInt() == threads) {
                return o.get("epoch_train_s_median_excl_first").getAsDouble();
            }
        }
        throw new IllegalStateException("the PyTorch report has no sigmoid LeNet run with " + threads + " threads");
    }

    private JsonObject lastReport;

    /** The report of the last run (for its machine description). */
    JsonObject lastReport() {
        return lastReport;
    }
}
