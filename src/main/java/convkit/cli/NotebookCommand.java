package convkit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code notebook}: Jupyter Notebook on the kit's notebooks/, after checking that the kernel "java" will start. */
@Command(name = "notebook", aliases = "notebooks", customSynopsis = "${COMMAND-FULL-NAME} [-h] [JUPYTER-ARGUMENT...]",
        description = {"start Jupyter Notebook on notebooks/ (the notebooks use the kernel \"Java (convkit)\")",
                "Every other argument goes to Jupyter, e.g. --no-browser --port 8899. Stops first, with the fix, when "
                        + "the installed kernel 'java' is convkit's but its library is gone."})
public final class NotebookCommand implements Callable<Integer> {

    @Unmatched
    List<String> jupyterArgs = new ArrayList<>();

    @Override
    public Integer call() {
        Path root = Home.root();
        JupyterPython.require(JupyterPython.MODULES + ", notebook");
        Home.builtJar(root);
        JupyterPython.checkKernelspec(root);
        Path notebooks = root.resolve("notebooks");
        List<String> cmd = new ArrayList<>(List.of(JupyterPython.python(), "-m", "notebook", "--notebook-dir=" + notebooks));
        if (Processes.isRoot()) cmd.add("--allow-root");   // Jupyter refuses root without it (containers)
        cmd.addAll(jupyterArgs);
        return Processes.run(new ProcessBuilder(cmd).directory(notebooks.toFile()));
    }
}
