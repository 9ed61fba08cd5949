package convkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code run-notebooks}: executes notebooks headless with nbclient (scripts/run_notebooks.py). */
@Command(name = "run-notebooks",
        description = {"execute notebooks headless, each on the kernel it names; stop at the first error",
                "Runs every notebooks/*.ipynb, or the NAMEs given (01, 01-cross-correlation, 01-cross-correlation.ipynb "
                        + "or a path), with nbclient (scripts/run_notebooks.py). The executed copies go to "
                        + "target/notebooks/, or back into notebooks/ with --update (that is how the committed outputs "
                        + "are made). Stops at the first failing cell, naming notebook, cell and error. The environment "
                        + "is passed to the kernel: CONVKIT_SUBSET=1 makes the LeNet notebook train on a subset; "
                        + "CONVKIT_CELL_TIMEOUT (seconds, default 3600) bounds one cell."})
public final class RunNotebooksCommand implements Callable<Integer> {

    @Option(names = "--update", description = "write the outputs back into the notebooks")
    boolean update;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "notebooks to run (default: all of notebooks/)")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        Path root = Home.root();
        JupyterPython.require(JupyterPython.MODULES);
        List<Path> files = resolve(root, names);
        if (files.isEmpty()) {
            System.out.println("no notebooks in " + root.resolve("notebooks"));
            return 0;
        }
        JupyterPython.checkKernelspec(root);
        System.out.println();
        System.out.println("== Running " + files.size() + " notebook(s) headless (kernelspec from each notebook's metadata)");
        List<String> args = new ArrayList<>(update ? List.of("--update") : List.of("--out", root.resolve("target/notebooks").toString()));
        files.forEach(f -> args.add(f.toString()));
        return JupyterPython.script(root, "run_notebooks.py", args);
    }

    /** The notebooks {@code names} mean (all of notebooks/*.ipynb when none is given). */
    static List<Path> resolve(Path root, List<String> names) {
        Path dir = root.resolve("notebooks");
        if (names.isEmpty()) {
            try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
                return s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Path> files = new ArrayList<>();
        for (String n : names) files.add(find(dir, n));
        return files;
    }

    private static Path find(Path dir, String name) {
        for (Path c : List.of(Path.of(name), dir.resolve(name), dir.resolve(name + ".ipynb"))) {
            if (Files.isRegularFile(c)) return c.toAbsolutePath().normalize();
        }
        try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            List<Path> prefixed = s.filter(p -> p.getFileName().toString().startsWith(name)
                    && p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
            if (!prefixed.isEmpty()) return prefixed.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no notebook matches '" + name + "' in " + dir);
    }
}
