package convkit.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./convkit install-kernel --prefix DIR} (what {@code --system} does with /usr/local, and what The Littlest
 * JupyterHub gets with {@code --prefix /opt/tljh/user}) installs a kernelspec every user gets, running a copy of
 * the library that every user can read; then ANOTHER user ({@code nobody}), with a Jupyter of their own that only
 * looks in DIR, starts that kernel through jupyter_client and runs a cell in it. Needs root (for runuser), as on CI.
 * An integration test (Failsafe, after package): ./convkit runs the freshly built target/convkit.jar.
 */
class SharedKernelInstallIT {

    @TempDir
    Path tmp;

    private static final String AS_USER = String.join("\n",
            "import json, sys",
            "from jupyter_client.manager import KernelManager",
            "from jupyter_client.kernelspec import KernelSpecManager",
            "print('spec', KernelSpecManager().find_kernel_specs().get('java'))",
            "km = KernelManager(kernel_name='java'); km.start_kernel(); kc = km.client(); kc.start_channels()",
            "kc.wait_for_ready(timeout=120)",
            "out = []",
            "for code in sys.argv[1:]:",
            "    reply = kc.execute_interactive(code, timeout=120, output_hook=lambda m: out.append("
                    + "[m['msg_type'], sorted(m['content'].get('data', {}).keys()), m['content'].get('data', {}).get('text/plain',"
                    + " m['content'].get('evalue', m['content'].get('text', '')))]))",
            "    out.append(['status', reply['content']['status']])",
            "print('outputs', json.dumps(out))",
            "kc.stop_channels(); km.shutdown_kernel(now=True)");

    @Test
    void anotherUserStartsTheSharedKernelAndRunsACell() throws IOException {
        Processes.require(Processes.jupyterInstalled(), "Jupyter (Debian's python3 with jupyter_client) is not installed");
        Processes.require(Files.isRegularFile(Processes.ROOT.resolve("target/convkit.jar")),
                "target/convkit.jar is missing (install-kernel copies it): run ./convkit setup first");
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean runuser = Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser"));
        Processes.require(root && runuser, "installing for every user and starting the kernel as 'nobody' needs root and runuser");

        // tmp is private to root (700): give the other user a way in, as /usr/local or /opt would
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path prefix = tmp.resolve("prefix");
        Processes.Result install = Processes.run(List.of("bash", "convkit", "install-kernel", "--prefix", prefix.toString()),
                Map.of("JUPYTER_DATA_DIR", tmp.resolve("root-data").toString()), 300);
        assertThat(install.exitCode()).as("./convkit install-kernel --prefix:\n%s", install.both()).isZero();

        Path spec = prefix.resolve("share/jupyter/kernels/java/kernel.json");
        JsonObject json = JsonParser.parseString(Files.readString(spec)).getAsJsonObject();
        List<String> argv = new ArrayList<>();
        for (JsonElement e : json.getAsJsonArray("argv")) argv.add(e.getAsString());
        String classpath = argv.get(argv.indexOf("-cp") + 1);
        Path lib = prefix.resolve("share/convkit");
        assertThat(classpath).isEqualTo(lib.resolve("convkit.jar") + ":" + lib.resolve("lib") + "/*")
                .doesNotContain(Processes.ROOT.toString());
        assertThat(Files.readAllBytes(lib.resolve("convkit.jar"))).isEqualTo(Files.readAllBytes(Processes.ROOT.resolve("target/convkit.jar")));
        try (var jars = Files.list(lib.resolve("lib"))) {
            assertThat(jars.filter(p -> p.toString().endsWith(".jar")).count()).isPositive();
        }
        for (Path p : List.of(spec, lib.resolve("convkit.jar"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString()).endsWith("r--");
        }

        // the other user: an empty home and Jupyter data folder of their own; the kernelspec only through the prefix
        Path home = Files.createDirectories(tmp.resolve("home"));
        Processes.run(List.of("chown", "nobody", home.toString()), Map.of(), 30);
        Path script = tmp.resolve("as_user.py");
        Files.writeString(script, AS_USER);
        Processes.Result r = Processes.run(List.of("runuser", "-u", "nobody", "--", "env", "-i", "PATH=/usr/bin:/bin",
                "HOME=" + home, "JUPYTER_DATA_DIR=" + home.resolve("data"), "JUPYTER_RUNTIME_DIR=" + home.resolve("runtime"),
                "JUPYTER_PATH=" + prefix.resolve("share/jupyter"), "PYDEVD_DISABLE_FILE_VALIDATION=1",
                Processes.PYTHON, script.toString(),
                "System.getProperty(\"user.name\") + \" \" + convkit.Tensor.class.getProtectionDomain().getCodeSource().getLocation().getPath()",
                "convkit.Tensor.ones(2, 2).sum()",
                "convkit.viz.Images.heatmap(convkit.Tensor.ones(2, 2), \"ones\")"), Map.of(), 300);
        assertThat(r.exitCode()).as("as nobody:\n%s", r.both()).isZero();
        assertThat(r.stdout()).contains("spec " + prefix.resolve("share/jupyter/kernels/java"))
                .contains("\"nobody " + lib.resolve("convkit.jar") + "\"")
                .contains("\"4.0\"")
                .contains("[\"execute_result\", [\"image/png\", \"text/plain\"]")
                .doesNotContain("\"error\"");
    }
}
