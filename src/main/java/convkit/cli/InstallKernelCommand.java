package convkit.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code install-kernel}: writes Jupyter's kernelspec {@code java} ("Java (convkit)") into the user's Jupyter data
 * folder ({@code JUPYTER_DATA_DIR} moves it); it runs the kernel from this kit's {@code target/convkit.jar} and
 * {@code target/lib/} with the JVM this command runs on. Another kernel named {@code java} found there (IJava, JJava)
 * is moved aside, not overwritten. With {@code --system} or {@code --prefix DIR} (as root) the kernelspec goes to
 * {@code DIR/share/jupyter/kernels/java} (DIR = /usr/local for --system), for every user whose Jupyter looks there,
 * and runs a copy of the library in {@code DIR/share/convkit} that every user can read (docs/jupyterhub.md).
 */
@Command(name = "install-kernel",
        description = {"(re)install only the Java kernel: kernelspec 'java', \"Java (convkit)\"",
                "It runs this kit's target/convkit.jar and target/lib/ with the java that runs this command. Another "
                        + "kernel named 'java' found there (IJava, JJava) is moved aside to java.before-convkit.DATE. "
                        + "JUPYTER_DATA_DIR moves the folder, as it does for Jupyter. --system or --prefix DIR (as root): "
                        + "for every user of the machine or of a JupyterHub (The Littlest JupyterHub: --prefix /opt/tljh/user), "
                        + "the kernelspec in DIR/share/jupyter and a copy of the library in DIR/share/convkit."})
public final class InstallKernelCommand implements Callable<Integer> {

    /** The kernel's main class, which the kernelspec runs. */
    static final String KERNEL_MAIN = "convkit.jupyter.Main";

    @Option(names = "--system", description = "for every user: the same as --prefix /usr/local")
    boolean system;

    @Option(names = "--prefix", paramLabel = "DIR",
            description = "for every user whose Jupyter looks in DIR/share/jupyter (jupyter --paths), e.g. /opt/tljh/user")
    Path prefix;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (system && prefix != null) {
            throw new ParameterException(spec.commandLine(), "--system and --prefix exclude each other (--system is --prefix /usr/local)");
        }
        if (system || prefix != null) {
            Path dir = system ? Path.of("/usr/local") : prefix.toAbsolutePath().normalize();
            installShared(dir, Home.root(), System.out);
            return 0;
        }
        install(JupyterPython.dataDir().resolve("kernels").resolve("java"), Home.root(), System.out);
        if (JupyterPython.has("jupyter_client")) {
            Processes.Result list = Processes.capture(List.of(JupyterPython.python(), "-m", "jupyter", "kernelspec", "list"), null);
            list.output().lines().filter(l -> l.strip().startsWith("java ")).forEach(System.out::println);
        }
        return 0;
    }

    /** Writes {@code dir/kernel.json} for the kit at {@code root} (moving another kernel found in {@code dir} aside). */
    static Path install(Path dir, Path root, PrintStream out) {
        out.println();
        out.println("== Installing the Java kernel (kernelspec 'java')");
        return write(dir, Home.builtJar(root), root.resolve("target").resolve("lib"), out);
    }

    /**
     * For every user: copies the kit's library to {@code prefix/share/convkit} (convkit.jar, lib/*.jar), writes the
     * kernelspec {@code prefix/share/jupyter/kernels/java} running that copy, and makes both readable by all.
     */
    static Path installShared(Path prefix, Path root, PrintStream out) {
        out.println();
        out.println("== Installing the Java kernel (kernelspec 'java') for every user, under " + prefix);
        Path jar = Home.builtJar(root);
        Path shared = prefix.resolve("share").resolve("convkit");
        Path dir = prefix.resolve("share").resolve("jupyter").resolve("kernels").resolve("java");
        try {
            Files.createDirectories(shared.resolve("lib"));
            if (!Files.isWritable(shared)) throw new IOException("not writable");
            try (Stream<Path> old = Files.list(shared.resolve("lib"))) {
                for (Path p : old.filter(p -> p.toString().endsWith(".jar")).collect(Collectors.toList())) Files.delete(p);
            }
            Files.copy(jar, shared.resolve("convkit.jar"), StandardCopyOption.REPLACE_EXISTING);
            int n = 0;
            try (Stream<Path> libs = Files.list(root.resolve("target").resolve("lib"))) {
                for (Path p : libs.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList())) {
                    Files.copy(p, shared.resolve("lib").resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                    n++;
                }
            }
            readableByAll(shared);
            out.println("copied the library to " + shared + " (convkit.jar, lib/: " + n + " jars)");
        } catch (IOException | SecurityException e) {
            throw new IllegalStateException("cannot write " + shared + " (" + e.getMessage() + "): install for every user as root "
                    + "(sudo ./convkit install-kernel " + (prefix.equals(Path.of("/usr/local")) ? "--system" : "--prefix " + prefix) + ")");
        }
        Path spec = write(dir, shared.resolve("convkit.jar"), shared.resolve("lib"), out);
        readableByAll(dir);
        String java = javaBinary();
        if (!runsAsAnotherUser(java)) {
            out.println("warning: other users cannot run " + java + " (the kernelspec's java): install a JDK 17 system-wide");
        }
        out.println("every user whose Jupyter looks in " + prefix.resolve("share").resolve("jupyter")
                + " gets it (jupyter --paths lists where Jupyter looks)");
        return spec;
    }

    /** Directories rwxr-xr-x, files rw-r--r-- (a+rX), below and including {@code top}, where POSIX permissions exist. */
    private static void readableByAll(Path top) {
        try (Stream<Path> all = Files.walk(top)) {
            for (Path p : all.collect(Collectors.toList())) {
                Set<PosixFilePermission> perms = new HashSet<>(Files.getPosixFilePermissions(p));
                perms.add(PosixFilePermission.OWNER_READ);
                perms.add(PosixFilePermission.GROUP_READ);
                perms.add(PosixFilePermission.OTHERS_READ);
                if (Files.isDirectory(p)) {
                    perms.add(PosixFilePermission.OWNER_EXECUTE);
                    perms.add(PosixFilePermission.GROUP_EXECUTE);
                    perms.add(PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(p, perms);
            }
        } catch (UnsupportedOperationException e) {
            // no POSIX permissions here (Windows): the folder's ACLs apply
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As root, whether the user nobody can run {@code java} (true when that cannot be tried). */
    private static boolean runsAsAnotherUser(String java) {
        if (!"root".equals(System.getProperty("user.name")) || !Files.isExecutable(Path.of("/usr/sbin/runuser"))) return true;
        return Processes.capture(List.of("/usr/sbin/runuser", "-u", "nobody", "--", java, "-version"), null).exitCode() == 0;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", Processes.isWindows() ? "java.exe" : "java").toString();
    }

    /** Writes {@code dir/kernel.json} running {@code jar} and {@code libDir/*} (moving another kernel found there aside). */
    private static Path write(Path dir, Path jar, Path libDir, PrintStream out) {
        String classpath = jar + File.pathSeparator + libDir + File.separator + "*";
        try {
            Path spec = dir.resolve("kernel.json");
            if (Files.isRegularFile(spec) && !isConvkits(Files.readString(spec, StandardCharsets.UTF_8))) {
                Path backup = dir.resolveSibling(dir.getFileName() + ".before-convkit."
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
                Files.move(dir, backup);
                out.println("another kernel named 'java' (IJava/JJava?) was installed there; moved it to " + backup);
            }
            Files.createDirectories(dir);
            Files.writeString(spec, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(kernelspec(javaBinary(), jar, classpath)) + "\n", StandardCharsets.UTF_8);
            out.println("wrote " + spec + " (runs " + KERNEL_MAIN + " with " + jar + " and " + libDir.getFileName() + "/*)");
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The kernelspec: the kernel's JVM (SIMD loops on, headless, UTF-8) on {@code classpath}, with the kernel's agent
     * from {@code jar} (System.exit in library code called by a cell becomes an error, see convkit.jupyter.ExitAgent)
     * and jdk.jshell opened to it (Shift-Tab shows the library's Javadoc).
     */
    static Map<String, Object> kernelspec(String java, Path jar, String classpath) {
        List<String> argv = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-javaagent:" + jar,
                "--add-opens", "jdk.jshell/jdk.jshell=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-Dfile.encoding=UTF-8", "-cp", classpath, KERNEL_MAIN, "{connection_file}"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", "Java (convkit)");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("metadata", Map.of("convkit", true));
        return spec;
    }

    /** Was this kernelspec written by convkit (any version)? */
    static boolean isConvkits(String kernelJson) {
        try {
            JsonObject o = JsonParser.parseString(kernelJson).getAsJsonObject();
            JsonElement md = o.get("metadata");
            if (md != null && md.isJsonObject() && md.getAsJsonObject().has("convkit")) return true;
        } catch (RuntimeException e) {
            // not JSON: not ours
        }
        return kernelJson.contains("convkit.kernel.Main") || kernelJson.contains("convkit.jupyter.Main");
    }
}
