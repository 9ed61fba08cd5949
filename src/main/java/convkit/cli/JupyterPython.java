package convkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Python that has Jupyter's modules, and the scripts in {@code scripts/} that the notebook commands run with it.
 * It is {@code CONVKIT_PYTHON} when set, else Debian's {@code /usr/bin/python3} (a {@code python3} earlier on the
 * PATH, e.g. a virtualenv's, often lacks nbformat), else the first {@code python3} or {@code python} on the PATH.
 */
final class JupyterPython {
    static final String ENV = "CONVKIT_PYTHON";

    /** The modules the notebook commands use: nbclient and nbformat run notebooks, jupyter_client starts kernels. */
    static final String MODULES = "nbclient, nbformat, jupyter_client";

    private JupyterPython() {
    }

    static String python() {
        String p = System.getenv(ENV);
        if (p != null && !p.isBlank()) return p;
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) return "/usr/bin/python3";
        Optional<Path> found = Processes.onPath("python3").or(() -> Processes.onPath("python"));
        return found.map(Path::toString).orElse("python3");
    }

    /** Can {@link #python()} import {@code modules} (a comma list)? */
    static boolean has(String modules) {
        return Processes.capture(List.of(python(), "-c", "import " + modules), null).ok();
    }

    /** Stops the command with what to do when Jupyter's modules are missing. */
    static void require(String modules) {
        if (!has(modules)) {
            throw new IllegalStateException("Jupyter is not installed here (" + python() + " cannot import " + modules
                    + "): run ./convkit setup, which installs it with apt-get on Debian/Ubuntu and says what to do elsewhere");
        }
    }

    /** Jupyter's data folder as Jupyter computes it (it honours {@code JUPYTER_DATA_DIR}); its kernels are in kernels/. */
    static Path dataDir() {
        Processes.Result r = Processes.capture(List.of(python(), "-c",
                "from jupyter_core.paths import jupyter_data_dir; print(jupyter_data_dir())"), null);
        if (r.ok() && !r.output().isBlank()) {
            List<String> lines = r.output().strip().lines().toList();
            return Path.of(lines.get(lines.size() - 1).strip());
        }
        return defaultDataDir();
    }

    /** Jupyter's rule for its data folder, for when Jupyter is not installed yet. */
    static Path defaultDataDir() {
        String env = System.getenv("JUPYTER_DATA_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        String home = System.getProperty("user.home");
        if (Processes.isWindows()) {
            String appData = System.getenv("APPDATA");
            return appData != null ? Path.of(appData, "jupyter") : Path.of(home, "AppData", "Roaming", "jupyter");
        }
        if (System.getProperty("os.name", "").startsWith("Mac")) return Path.of(home, "Library", "Jupyter");
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("jupyter");
    }

    /** Runs {@code scripts/NAME} of the kit with {@code args} on this terminal; returns its exit status. */
    static int script(Path root, String name, List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(python(), root.resolve("scripts").resolve(name).toString()));
        cmd.addAll(args);
        return Processes.run(new ProcessBuilder(cmd).directory(root.toFile()));
    }

    /**
     * Is Jupyter's kernel named "java" usable for this kit (scripts/check_kernelspec.py)? Stops the command with the
     * fix when it is convkit's kernel but its library is gone or no such kernel exists; prints a note when it runs
     * another checkout's library.
     */
    static void checkKernelspec(Path root) {
        Processes.Result r = Processes.capture(List.of(python(), root.resolve("scripts/check_kernelspec.py").toString(),
                root.toString()), root);
        if (!r.ok()) throw new IllegalStateException(r.output().strip());
        if (!r.output().isBlank()) System.out.println(r.output().strip());
    }
}
