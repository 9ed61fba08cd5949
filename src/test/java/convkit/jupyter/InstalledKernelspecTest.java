package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernelspec that {@code ./convkit install-kernel} (and so {@code ./convkit setup}) writes: it runs
 * {@code convkit.jupyter.Main} with {@code --add-modules jdk.incubator.vector}, the exit agent and the opened jdk.jshell
 * package (library Javadoc), and a kernel started with exactly
 * those JVM arguments (on this build's classes) runs the library's vector kernels inside a cell.
 */
class InstalledKernelspecTest {

    @TempDir
    Path tmp;

    @Test
    void theInstalledKernelStartsWithTheVectorKernelsOn() throws IOException {
        JupyterSupport.requireJupyter();
        if (!Files.isRegularFile(JupyterSupport.ROOT.resolve("target/convkit.jar"))) {
            Assumptions.abort("target/convkit.jar is missing (install-kernel needs it): run ./convkit setup first");
        }
        // what ./convkit install-kernel runs (java -jar target/convkit.jar install-kernel), from this build's classes:
        // target/convkit.jar itself may be older than the sources in the test phase (it is packaged afterwards)
        JupyterSupport.Result install = JupyterSupport.run(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dconvkit.home=" + JupyterSupport.ROOT,
                        "-cp", JupyterSupport.testClasspath(), "convkit.cli.Main", "install-kernel"),
                Map.of("JUPYTER_DATA_DIR", tmp.resolve("data").toString()), null, 300);
        assertThat(install.exitCode()).as("install-kernel:\n%s\n%s", install.stdout(), install.stderr()).isZero();
        Path written = tmp.resolve("data/kernels/java/kernel.json");
        JsonObject spec = JupyterSupport.GSON.fromJson(Files.readString(written), JsonObject.class);
        List<String> argv = new ArrayList<>();
        for (JsonElement e : spec.getAsJsonArray("argv")) argv.add(e.getAsString());
        assertThat(argv).containsSubsequence("--add-modules", "jdk.incubator.vector",
                "-javaagent:" + JupyterSupport.ROOT.resolve("target/convkit.jar"),
                "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "convkit.jupyter.Main", "{connection_file}");

        // the same argv, with this build's classes instead of target/convkit.jar (which may be older than the sources)
        int cp = argv.indexOf("-cp");
        argv.set(cp + 1, JupyterSupport.testClasspath());
        argv.replaceAll(a -> a.startsWith("-javaagent:") ? "-javaagent:" + uncheckedAgentJar() : a);
        Path specDir = tmp.resolve("test-spec");
        Files.createDirectories(specDir.resolve("kernels/java"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("argv", argv);
        json.put("display_name", "Java (convkit, installed flags)");
        json.put("language", "java");
        json.put("interrupt_mode", "message");
        Files.writeString(specDir.resolve("kernels/java/kernel.json"), new GsonBuilder().setPrettyPrinting().create().toJson(json));

        List<Map<String, Object>> steps = List.of(
                Map.of("code", "convkit.compute.Simd.describe()"),
                Map.of("code", "java.util.Arrays.toString(convkit.Tensor.of(new double[][] {{1, 2}, {3, 4}}).matmul("
                        + "convkit.Tensor.of(new double[][] {{5, 6}, {7, 8}})).data())"));
        JupyterSupport.Result r = JupyterSupport.run(
                List.of(JupyterSupport.PYTHON, "scripts/kernel_check.py", "drive", "--timeout", "120"),
                Map.of("JUPYTER_PATH", specDir.toString()), JupyterSupport.GSON.toJson(steps), 600);
        assertThat(r.exitCode()).as("kernel_check.py drive failed:\n%s", r.stderr()).isZero();
        JsonArray answers = JupyterSupport.GSON.fromJson(r.stdout().trim(), JsonArray.class);
        String expected = convkit.compute.Simd.enabled() ? "SIMD on" : "SIMD off: this CPU";
        assertThat(result(answers, 0)).contains(expected);
        assertThat(result(answers, 1)).isEqualTo("[19.0, 22.0, 43.0, 50.0]");
    }

    private static Path uncheckedAgentJar() {
        try {
            return JupyterSupport.agentJar();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String result(JsonArray answers, int i) {
        for (JsonElement e : answers.get(i).getAsJsonObject().getAsJsonArray("outputs")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("type").getAsString().equals("execute_result")) return o.getAsJsonObject("data").get("text/plain").getAsString();
        }
        throw new AssertionError("no result in " + answers.get(i));
    }
}
