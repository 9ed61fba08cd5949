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
                "Runs every notebook of the three editions (notebooks/*.ipynb in English, notebooks/ja/ in Japanese, "
                        + "notebooks/zh/ in Chinese), or the NAMEs given (01, 01-cross-correlation, "
                        + "01-cross-correlation.ipynb: that notebook in every edition; ja/01: the Japanese one; or a path), "
                        + "with nbclient (scripts/run_notebooks.py). --lang keeps one edition. The executed copies go to "
                        + "target/notebooks/ (target/notebooks/ja/, .../zh/), or back into notebooks/ with --update (that "
                        + "is how the committed outputs are made). Stops at the first failing cell, naming notebook, cell "
                        + "and error. Each notebook runs in its own folder, which makes a translated notebook's pictures "
                        + "and grader text speak its language. The environment "
                        + "is passed to the kernel: CONVKIT_SUBSET=1 makes the LeNet notebook train on a subset; "
                        + "CONVKIT_CELL_TIMEOUT (seconds, default 3600) bounds one cell."})
public final class RunNotebooksCommand implements Callable<Integer> {

    @Option(names = "--update", description = "write the outputs back into the notebooks")
    boolean update;

    @Option(names = "--lang", paramLabel = "LANG", description = "only this edition: en, ja or zh (default: all three)")
    String lang;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "notebooks to run (default: all of notebooks/)")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        Path root = Home.root();
        JupyterPython.require(JupyterPython.MODULES);
        List<Path> files = resolve(root, names, lang == null ? EDITIONS : List.of(convkit.i18n.Lang.parse(lang).code()));
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

    /** The editions, by folder under notebooks/ ("en" is notebooks/ itself). */
    static final List<String> EDITIONS = List.of("en", "ja", "zh");

    /** The notebooks {@code names} mean in every edition (all three when no name is given). */
    static List<Path> resolve(Path root, List<String> names) {
        return resolve(root, names, EDITIONS);
    }

    /**
     * The notebooks {@code names} mean in the editions {@code langs} ("en", "ja", "zh"): every notebook of those
     * editions when no name is given, English first; a name such as {@code 01} means that notebook in each edition
     * that has it; {@code ja/01} or a path names one notebook.
     *
     * @throws IllegalArgumentException when a name matches no notebook
     */
    static List<Path> resolve(Path root, List<String> names, List<String> langs) {
        Path base = root.resolve("notebooks");
        List<Path> files = new ArrayList<>();
        if (names.isEmpty()) {
            for (String l : langs) files.addAll(list(edition(base, l)));
            return files;
        }
        for (String n : names) {
            Path direct = Path.of(n);
            if (Files.isRegularFile(direct)) {
                files.add(direct.toAbsolutePath().normalize());
                continue;
            }
            if (n.contains("/")) {   // ja/01: that edition's notebook
                Path p = base.resolve(n);
                files.add(find(p.getParent(), p.getFileName().toString()));
                continue;
            }
            List<Path> found = new ArrayList<>();
            for (String l : langs) {
                Path dir = edition(base, l);
                if (Files.isDirectory(dir)) {
                    try {
                        found.add(find(dir, n));
                    } catch (IllegalArgumentException e) {
                        if (l.equals("en")) throw e;   // a translation may lag behind; English must exist
                    }
                }
            }
            if (found.isEmpty()) throw new IllegalArgumentException("no notebook matches '" + n + "' in " + base);
            files.addAll(found);
        }
        return files;
    }

    private static Path edition(Path base, String lang) {
        return lang.equals("en") ? base : base.resolve(lang);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
