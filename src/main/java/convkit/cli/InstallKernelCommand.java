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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code install-kernel}: writes Jupyter's kernelspec {@code java} ("Java (convkit)") into the user's Jupyter data
 * folder ({@code JUPYTER_DATA_DIR} moves it); it runs the kernel from this kit's {@code target/convkit.jar} and
 * {@code target/lib/} with the JVM this command runs on. Another kernel named {@code java} found there (IJava, JJava)
 * is moved aside, not overwritten.
 */
@Command(name = "install-kernel",
        description = {"(re)install only the Java kernel: kernelspec 'java', \"Java (convkit)\"",
                "It runs this kit's target/convkit.jar and target/lib/ with the java that runs this command. Another "
                        + "kernel named 'java' found there (IJava, JJava) is moved aside to java.before-convkit.DATE. "
                        + "JUPYTER_DATA_DIR moves the folder, as it does for Jupyter."})
public final class InstallKernelCommand implements Callable<Integer> {

    /** The kernel's main class, which the kernelspec runs. */
    static final String KERNEL_MAIN = "convkit.kernel.Main";

    @Override
    public Integer call() {
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
        Path jar = Home.builtJar(root);
        String classpath = jar + File.pathSeparator + root.resolve("target").resolve("lib") + File.separator + "*";
        try {
            Path spec = dir.resolve("kernel.json");
            if (Files.isRegularFile(spec) && !isConvkits(Files.readString(spec, StandardCharsets.UTF_8))) {
                Path backup = dir.resolveSibling(dir.getFileName() + ".before-convkit."
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
                Files.move(dir, backup);
                out.println("another kernel named 'java' (IJava/JJava?) was installed there; moved it to " + backup);
            }
            Files.createDirectories(dir);
            String java = Path.of(System.getProperty("java.home"), "bin", Processes.isWindows() ? "java.exe" : "java").toString();
            Files.writeString(spec, new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
                    .toJson(kernelspec(java, classpath)) + "\n", StandardCharsets.UTF_8);
            out.println("wrote " + spec + " (runs " + KERNEL_MAIN + " with " + jar + " and target/lib/*)");
            return spec;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kernelspec: the kernel's JVM (SIMD loops on, headless, UTF-8) on {@code classpath}. */
    static Map<String, Object> kernelspec(String java, String classpath) {
        List<String> argv = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
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
