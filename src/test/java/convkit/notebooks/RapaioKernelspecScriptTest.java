package convkit.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/rapaio_kernelspec.py} on the kernel.json that rapaio 3.0.1's installer writes
 * ({@code java -jar rapaio-jupyter-kernel-3.0.1.jar -i -auto}, copied here verbatim but for the jar's folder):
 * the class path with rapaio's ';', the start-up script that makes results text/plain, the vector module flag;
 * a second run changes nothing and keeps the first backup.
 */
class RapaioKernelspecScriptTest {

    static final String INSTALLED = "{\n  \"argv\": [\n    \"java\",\n    \"-jar\",\n"
            + "    \"/home/ann/.local/share/jupyter/kernels/rapaio-jupyter-kernel/rapaio-jupyter-kernel-3.0.1.jar\",\n"
            + "    \"{connection_file}\"\n  ],\n  \"display_name\": \"Java (rjk 3.0.0)\",\n  \"language\": \"java\",\n"
            + "  \"interrupt_mode\": \"message\",\n  \"env\": {\n    \"RJK_CLASSPATH\": \"\",\n    \"RJK_COMPILER_OPTIONS\": \"\",\n"
            + "    \"RJK_INIT_SCRIPT\": \"\",\n    \"RJK_TIMEOUT_MILLIS\": \"-1\",\n    \"RJK_MIMA_CACHE\": \"mima_cache\"\n  }\n}\n";

    @TempDir
    Path tmp;

    @Test
    void pointsRapaiosKernelspecAtThisCheckout() throws IOException {
        Processes.require(Files.isExecutable(Path.of(Processes.PYTHON)), "Debian's /usr/bin/python3 is not installed");
        Processes.require(Files.isRegularFile(Processes.ROOT.resolve("target/convkit.jar")),
                "target/convkit.jar is missing (the script checks it is built): run ./convkit setup first");
        Path spec = tmp.resolve("kernel.json");
        Files.writeString(spec, INSTALLED);
        for (int run = 0; run < 2; run++) {
            Processes.Result r = Processes.run(List.of(Processes.PYTHON, "scripts/rapaio_kernelspec.py", spec.toString()), Map.of(), 60);
            assertThat(r.exitCode()).as(r.both()).isZero();
        }
        JsonObject json = JsonParser.parseString(Files.readString(spec)).getAsJsonObject();
        JsonObject env = json.getAsJsonObject("env");
        Path root = Processes.ROOT;
        assertThat(env.get("RJK_CLASSPATH").getAsString())
                .isEqualTo(root.resolve("target/convkit.jar") + ";" + root.resolve("target/lib") + "/*.jar");
        assertThat(env.get("RJK_INIT_SCRIPT").getAsString()).isEqualTo(root.resolve("scripts/rapaio-init.jsh").toString());
        assertThat(Files.readString(root.resolve("scripts/rapaio-init.jsh"))).contains("options().display().defaultMime(\"text\");");
        assertThat(env.get("RJK_TIMEOUT_MILLIS").getAsString()).isEqualTo("-1");
        assertThat(json.getAsJsonArray("argv").toString()).isEqualTo("[\"java\",\"--add-modules\",\"jdk.incubator.vector\",\"-jar\","
                + "\"/home/ann/.local/share/jupyter/kernels/rapaio-jupyter-kernel/rapaio-jupyter-kernel-3.0.1.jar\",\"{connection_file}\"]");
        assertThat(tmp.resolve("kernel.json.before-convkit")).hasContent(INSTALLED);
    }
}
