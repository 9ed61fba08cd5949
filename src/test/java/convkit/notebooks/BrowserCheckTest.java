package convkit.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reader sees: {@code scripts/browser/check.mjs} runs every notebook in Jupyter's web UI (Jupyter Notebook
 * served on 127.0.0.1, Debian's chromium headless, driven by playwright-core) on THIS build's kernel and checks
 * that no cell shows an error, every image loads at (nearly) its own size and no output is wider than the notebook
 * column. Screenshots land in target/browser/. Skipped without node, chromium or playwright-core
 * ({@code cd scripts/browser && npm install}), except on CI.
 */
class BrowserCheckTest {

    @TempDir
    Path tmp;

    @Test
    void everyNotebookRunsInTheWebUiAndReadsRight() throws IOException {
        Processes.require(Processes.jupyterInstalled(), "Jupyter Notebook (Debian's jupyter-notebook) is not installed");
        Processes.require(Files.isExecutable(Path.of("/usr/bin/node")) || onPath("node"), "node is not installed");
        Path chromium = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
        Processes.require(Files.isExecutable(chromium), "Debian's chromium (" + chromium + ") is not installed");
        Processes.require(Files.isDirectory(Processes.ROOT.resolve("scripts/browser/node_modules/playwright-core")),
                "playwright-core is not installed (cd scripts/browser && npm install)");

        Path spec = writeKernelspec(tmp.resolve("jupyter"));
        Path out = Processes.ROOT.resolve("target/browser");
        List<String> command = List.of("node", "scripts/browser/check.mjs", "--port", String.valueOf(freePort()),
                "--out", out.toString());
        Processes.Result r = Processes.run(command, Map.of(
                "JUPYTER_PATH", spec.toString(),
                "JUPYTER_DATA_DIR", tmp.resolve("data").toString(),
                "JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString(),
                "CONVKIT_SUBSET", System.getenv().getOrDefault("CONVKIT_SUBSET", "1")), 3600);
        long notebooks = 0;
        for (String edition : List.of("", "ja", "zh")) {   // the English notebooks and the two translations
            try (var s = Files.list(Processes.ROOT.resolve("notebooks").resolve(edition))) {
                notebooks += s.filter(p -> p.toString().endsWith(".ipynb")).count();
            }
        }
        assertThat(r.stdout()).as("browser check:\n%s", r.both())
                .contains("browser check: " + notebooks + " passed, 0 failed");
        assertThat(r.exitCode()).as("browser check:\n%s", r.both()).isZero();
        // what the reader saw: convkit's kernel sent the tables as HTML (notebook 02's two, 06's history), and pictures
        com.google.gson.JsonObject report = com.google.gson.JsonParser.parseString(Files.readString(out.resolve("report.json")))
                .getAsJsonObject();
        Map<String, Integer> tables = new java.util.TreeMap<>();
        Map<String, Integer> images = new java.util.TreeMap<>();
        Map<String, String> headings = new java.util.TreeMap<>();
        for (com.google.gson.JsonElement nb : report.getAsJsonArray("notebooks")) {
            String name = nb.getAsJsonObject().get("name").getAsString();   // 01-x.ipynb, ja/01-x.ipynb
            String key = name.substring(0, name.indexOf('/') + 3);        // 01, ja/01
            headings.put(key, nb.getAsJsonObject().get("heading").getAsString());
            for (com.google.gson.JsonElement c : nb.getAsJsonObject().getAsJsonArray("cells")) {
                tables.merge(key, c.getAsJsonObject().getAsJsonArray("tables").size(), Integer::sum);
                images.merge(name.substring(0, name.indexOf('/') + 1), c.getAsJsonObject().getAsJsonArray("images").size(), Integer::sum);
            }
        }
        for (String edition : List.of("", "ja/", "zh/")) {
            assertThat(tables).containsEntry(edition + "02", 2).containsEntry(edition + "06", 1);
            assertThat(images.get(edition)).as("pictures in edition '%s'", edition).isGreaterThanOrEqualTo(23);
        }
        // the reader of a translation reads its language (the pictures' labels: LabelsTest and the screenshots)
        assertThat(headings).containsEntry("01", "Convolutions for Images").containsEntry("ja/01", "画像の畳み込み")
                .containsEntry("zh/01", "图像卷积").containsEntry("zh/04", "汇聚层");
    }

    /** A port of 8920-8929 (this project's share of the machine) that nothing listens on. */
    private static int freePort() throws IOException {
        for (int port = 8920; port <= 8929; port++) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return port;
            } catch (IOException taken) {
                // next
            }
        }
        throw new IOException("ports 8920-8929 on 127.0.0.1 are all taken");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
        }
        return false;
    }

    /** {@code dir/kernels/java/kernel.json} running this build's kernel (target/classes and the test classpath). */
    private static Path writeKernelspec(Path dir) throws IOException {
        return convkit.jupyter.JupyterSupport.writeKernelspec(dir, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }
}
