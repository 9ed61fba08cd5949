package convkit.jupyter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/check_kernelspec.py, run by {@code ./convkit notebook} and {@code run-notebooks} before Jupyter starts a
 * kernel: a convkit kernelspec whose library is gone must stop with the fix, not with "Kernel died before replying".
 */
class CheckKernelspecScriptTest {
    @TempDir
    Path tmp;

    private JupyterSupport.Result check(String jar, boolean convkit) throws IOException {
        JupyterSupport.requireJupyter();
        Path spec = tmp.resolve("jupyter/kernels/java/kernel.json");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, "{\"argv\": [\"java\", \"-cp\", \"" + jar + ":/x/lib/*\", \"convkit.jupyter.Main\", \"{connection_file}\"],"
                + " \"display_name\": \"Java\", \"language\": \"java\""
                + (convkit ? ", \"metadata\": {\"convkit\": true}" : "") + "}");
        return JupyterSupport.run(List.of(JupyterSupport.PYTHON, "scripts/check_kernelspec.py", JupyterSupport.ROOT.toString()),
                Map.of("JUPYTER_PATH", tmp.resolve("jupyter").toString()), null, 60);
    }

    @Test
    void aConvkitKernelWhoseJarIsGoneStopsWithTheFix() throws IOException {
        JupyterSupport.Result r = check("/nowhere/target/convkit.jar", true);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stdout()).contains("/nowhere/target/convkit.jar, which does not exist").contains("./convkit install-kernel");
    }

    @Test
    void aConvkitKernelOfAnotherCheckoutOnlyGetsANote() throws IOException {
        Path jar = Files.createFile(tmp.resolve("convkit.jar"));
        JupyterSupport.Result r = check(jar.toString(), true);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("note: the installed kernel 'java' runs " + jar).contains("install-kernel");
    }

    @Test
    void anotherKernelNamedJavaIsLeftAlone() throws IOException {
        JupyterSupport.Result r = check("/nowhere/ijava.jar", false);   // IJava/JJava: the user's to manage
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
    }
}
