package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression test of the committed notebooks: re-executes each one (notebooks/*.ipynb, the Japanese and Chinese
 * editions notebooks/ja/ and notebooks/zh/, and the test-only smoke notebook) headless with THIS build's kernel, through the same runner as {@code ./convkit run-notebooks}, and
 * compares its printed text with the committed outputs cell by cell ({@link NotebookOutputs}). A library change
 * that alters a printed number fails here naming notebook, cell, expected and actual text. Skipped without
 * Jupyter, except on CI.
 *
 * <p>Runs with {@code CONVKIT_SUBSET=1} (unless the environment sets it): the LeNet notebook then trains on a
 * subset, so its cells whose output depends on that must carry {@code "convkit": {"nondeterministic": true}}.
 */
class NotebooksTest {

    @TempDir
    Path tmp;

    static List<Path> notebooks() throws IOException {
        List<Path> all = new ArrayList<>();
        Path base = JupyterSupport.ROOT.resolve("notebooks");
        for (Path dir : List.of(base, base.resolve("ja"), base.resolve("zh"))) {   // the three editions
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    all.addAll(s.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList()));
                }
            }
        }
        all.add(JupyterSupport.ROOT.resolve("src/test/resources/notebooks/kernel-smoke.ipynb"));
        return all;
    }

    @TestFactory
    Stream<DynamicTest> committedOutputsAreReproduced() throws IOException {
        return notebooks().stream().map(nb -> DynamicTest.dynamicTest(name(nb), () -> check(nb)));
    }

    /** "01-cross-correlation.ipynb", "ja/01-cross-correlation.ipynb" */
    static String name(Path nb) {
        String folder = nb.getParent().getFileName().toString();
        return (folder.equals("ja") || folder.equals("zh") ? folder + "/" : "") + nb.getFileName();
    }

    private void check(Path notebook) throws IOException {
        JupyterSupport.requireJupyter();
        Path spec = JupyterSupport.writeKernelspec(tmp.resolve("jupyter"), JupyterSupport.QUICK_START_JVM_FLAGS);
        Path out = tmp.resolve("executed");
        JupyterSupport.Result r = JupyterSupport.run(
                List.of(JupyterSupport.PYTHON, "scripts/run_notebooks.py", "--out", out.toString(), notebook.toString()),
                Map.of("JUPYTER_PATH", spec.toString(),
                        "CONVKIT_SUBSET", System.getenv().getOrDefault("CONVKIT_SUBSET", "1")), null, 3600);
        assertThat(r.exitCode()).as("%s did not run through:\n%s", notebook.getFileName(), r.stderr()).isZero();
        JsonObject committed = JupyterSupport.GSON.fromJson(Files.readString(notebook), JsonObject.class);
        JsonObject executed = JupyterSupport.GSON.fromJson(Files.readString(out.resolve(name(notebook))), JsonObject.class);
        List<String> diffs = NotebookOutputs.differences(name(notebook), committed, executed);
        assertThat(diffs).as("re-executed text differs from the committed notebook (if the change is intended, "
                + "refresh it with ./convkit run-notebooks --update)\n%s", String.join("\n", diffs)).isEmpty();
    }
}
