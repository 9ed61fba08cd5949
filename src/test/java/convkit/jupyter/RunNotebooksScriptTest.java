package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless runner (scripts/run_notebooks.py, behind {@code ./convkit run-notebooks}) stops at the first
 * failing cell and names notebook, cell and error; it still writes the executed copy.
 */
class RunNotebooksScriptTest {

    @TempDir
    Path tmp;

    @Test
    void firstErrorIsReportedWithNotebookCellAndMessage() throws IOException {
        JupyterSupport.requireJupyter();
        Path nb = tmp.resolve("broken.ipynb");
        Files.writeString(nb, "{\"nbformat\": 4, \"nbformat_minor\": 5, \"metadata\": {\"kernelspec\": "
                + "{\"name\": \"java\", \"display_name\": \"Java\", \"language\": \"java\"}}, \"cells\": ["
                + "{\"cell_type\": \"markdown\", \"id\": \"a\", \"metadata\": {}, \"source\": \"# broken\"},"
                + "{\"cell_type\": \"code\", \"id\": \"b\", \"metadata\": {}, \"execution_count\": null, \"outputs\": [],"
                + " \"source\": \"System.out.println(\\\"before\\\");\"},"
                + "{\"cell_type\": \"code\", \"id\": \"c\", \"metadata\": {}, \"execution_count\": null, \"outputs\": [],"
                + " \"source\": \"throw new IllegalStateException(\\\"deliberate failure\\\");\"},"
                + "{\"cell_type\": \"code\", \"id\": \"d\", \"metadata\": {}, \"execution_count\": null, \"outputs\": [],"
                + " \"source\": \"System.out.println(\\\"never\\\");\"}]}");
        Path spec = JupyterSupport.writeKernelspec(tmp.resolve("jupyter"), JupyterSupport.QUICK_START_JVM_FLAGS);
        Path out = tmp.resolve("out");
        JupyterSupport.Result r = JupyterSupport.run(
                List.of(JupyterSupport.PYTHON, "scripts/run_notebooks.py", "--out", out.toString(), nb.toString()),
                Map.of("JUPYTER_PATH", spec.toString()), null, 600);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("FAIL  broken.ipynb").contains("cell:     2")
                .contains("java.lang.IllegalStateException: deliberate failure");
        String executed = Files.readString(out.resolve("broken.ipynb"));
        assertThat(executed).contains("before").doesNotContain("never\\n");
    }
}
