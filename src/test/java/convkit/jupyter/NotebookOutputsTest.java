package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

/** The comparison behind NotebooksTest, on the committed smoke notebook and doctored copies of it. */
class NotebookOutputsTest {

    static final Path SMOKE = Path.of("src/test/resources/notebooks/kernel-smoke.ipynb");

    static JsonObject smoke() throws IOException {
        return JupyterSupport.GSON.fromJson(Files.readString(SMOKE), JsonObject.class);
    }

    static JsonObject cell(JsonObject nb, int i) {
        return nb.getAsJsonArray("cells").get(i).getAsJsonObject();
    }

    static JsonObject firstOutput(JsonObject nb, int cell) {
        return cell(nb, cell).getAsJsonArray("outputs").get(0).getAsJsonObject();
    }

    @Test
    void identicalNotebooksAgree() throws IOException {
        assertThat(NotebookOutputs.differences("kernel-smoke.ipynb", smoke(), smoke())).isEmpty();
    }

    @Test
    void aChangedResultNumberNamesNotebookCellExpectedAndActual() throws IOException {
        JsonObject executed = smoke();
        firstOutput(executed, 1).getAsJsonObject("data").add("text/plain", new JsonPrimitive("43"));
        List<String> diffs = NotebookOutputs.differences("kernel-smoke.ipynb", smoke(), executed);
        assertThat(diffs).hasSize(1);
        assertThat(diffs.get(0)).contains("kernel-smoke.ipynb cell 1 (results)")
                .contains("execute_result: 42").contains("execute_result: 43");
    }

    @Test
    void aChangedPrintedNumberIsFound() throws IOException {
        JsonObject executed = smoke();
        firstOutput(executed, 2).add("text", new JsonPrimitive("sum = 3.7500001\n"));
        List<String> diffs = NotebookOutputs.differences("kernel-smoke.ipynb", smoke(), executed);
        assertThat(diffs).singleElement().asString().contains("cell 2 (stdout)").contains("sum = 3.75\n")
                .contains("sum = 3.7500001");
    }

    @Test
    void aChangedErrorMessageIsFound() throws IOException {
        JsonObject executed = smoke();
        firstOutput(executed, 4).add("evalue", new JsonPrimitive("other"));
        assertThat(NotebookOutputs.differences("kernel-smoke.ipynb", smoke(), executed))
                .singleElement().asString().contains("cell 4 (results)");
    }

    @Test
    void imageBytesAndExecutionCountsAreIgnored() throws IOException {
        JsonObject executed = smoke();
        firstOutput(executed, 3).getAsJsonObject("data").add("image/png", new JsonPrimitive("AAAA"));
        firstOutput(executed, 1).add("execution_count", new JsonPrimitive(99));
        assertThat(NotebookOutputs.differences("kernel-smoke.ipynb", smoke(), executed)).isEmpty();
    }

    @Test
    void onlyCellsMarkedNondeterministicMayDiffer() throws IOException {
        JsonObject executed = smoke();
        firstOutput(executed, 6).add("text", new JsonPrimitive("took 5 ns\n"));
        assertThat(NotebookOutputs.nondeterministic(cell(smoke(), 6))).isTrue();
        assertThat(NotebookOutputs.differences("kernel-smoke.ipynb", smoke(), executed)).isEmpty();

        JsonObject committed = smoke();
        cell(committed, 6).getAsJsonObject("metadata").remove("convkit");
        assertThat(NotebookOutputs.differences("kernel-smoke.ipynb", committed, executed)).hasSize(1);
    }
}
