package convkit.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.imageio.ImageIO;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real kernel (this build) through Jupyter's own client library: scripts/kernel_check.py starts it
 * from a kernelspec named {@code java} with jupyter_client, runs the steps below in ONE kernel and answers in
 * JSON. Skipped without Jupyter, except on CI.
 */
class ConvkitKernelTest {

    @TempDir
    static Path tmp;

    static JsonArray answers;

    static final List<Map<String, Object>> STEPS = new ArrayList<>();

    static int step(Map<String, Object> s) {
        STEPS.add(s);
        return STEPS.size() - 1;
    }

    static int value;
    static int streams;
    static int compileError;
    static int keepState;
    static int exception;
    static int stateAfterError;
    static int image;
    static int jars;
    static int classpath;
    static int completion;
    static int printf;
    static int loop;
    static int afterInterrupt;
    static int tensor;
    static int multiSnippet;
    static int unknownMagic;

    @BeforeAll
    static void runKernel() throws Exception {
        JupyterSupport.requireJupyter();
        Path jarDir = tmp.resolve("jars");
        Path classDir = tmp.resolve("classes2");
        buildJar(jarDir.resolve("greeter.jar"), "kitdemo.Greeter",
                "package kitdemo; public class Greeter { public static String greet(String who) { return \"hello \" + who; } }");
        compile(classDir, "kitdemo2.Answer", "package kitdemo2; public class Answer { public static final int VALUE = 42; }");

        value = step(Map.of("code", "1 + 1"));
        streams = step(Map.of("code", "System.out.println(\"to stdout\");\nSystem.err.println(\"to stderr\");"));
        compileError = step(Map.of("code", "int wrong = \"text\";"));
        keepState = step(Map.of("code", "int kept = 41;"));
        exception = step(Map.of("code", "if (kept > 0) throw new IllegalArgumentException(\"x has shape [2, 3]\");"));
        stateAfterError = step(Map.of("code", "kept + 1"));
        image = step(Map.of("code", "var img = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                + "img.setRGB(2, 1, 0xff0000);\n"
                + "display(img);"));
        jars = step(Map.of("code", "%jars " + jarDir + "/*.jar\nkitdemo.Greeter.greet(\"jars\")"));
        classpath = step(Map.of("code", "%classpath " + classDir + "\nkitdemo2.Answer.VALUE"));
        String partial = "String s = \"abc\";\ns.toUpperC";
        completion = step(Map.of("complete", partial, "cursor", partial.length()));
        printf = step(Map.of("code", "System.out.printf(\"%.3f%n\", Math.PI)"));
        loop = step(Map.of("code", "long spins = 0;\nwhile (true) { spins++; }", "interrupt_after", 3));
        afterInterrupt = step(Map.of("code", "spins > 0"));
        tensor = step(Map.of("code", "convkit.Tensor.wrap(new double[] {1, 2, 3, 4}, 2, 2)"));
        multiSnippet = step(Map.of("code", "int a = 2;\nint b = 3;\na * b"));
        unknownMagic = step(Map.of("code", "%nosuchmagic\n1"));

        Path specDir = JupyterSupport.writeKernelspec(tmp.resolve("jupyter"), JupyterSupport.QUICK_START_JVM_FLAGS);
        JupyterSupport.Result r = JupyterSupport.run(
                List.of(JupyterSupport.PYTHON, "scripts/kernel_check.py", "drive", "--timeout", "120"),
                Map.of("JUPYTER_PATH", specDir.toString()), JupyterSupport.GSON.toJson(STEPS), 600);
        assertThat(r.exitCode()).as("kernel_check.py drive failed:\n%s", r.stderr()).isZero();
        answers = JupyterSupport.GSON.fromJson(r.stdout().trim(), JsonArray.class);
        assertThat(answers.size()).isEqualTo(STEPS.size());
    }

    static JsonObject answer(int i) {
        return answers.get(i).getAsJsonObject();
    }

    static List<JsonObject> outputs(int i, String type) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : answer(i).getAsJsonArray("outputs")) {
            if (e.getAsJsonObject().get("type").getAsString().equals(type)) {
                out.add(e.getAsJsonObject());
            }
        }
        return out;
    }

    static String resultText(int i) {
        List<JsonObject> results = outputs(i, "execute_result");
        assertThat(results).as("execute_result of step %d: %s", i, answer(i)).hasSize(1);
        return results.get(0).getAsJsonObject("data").get("text/plain").getAsString();
    }

    static String stream(int i, String name) {
        StringBuilder sb = new StringBuilder();
        for (JsonObject o : outputs(i, "stream")) {
            if (o.get("name").getAsString().equals(name)) {
                sb.append(o.get("text").getAsString());
            }
        }
        return sb.toString();
    }

    static JsonObject error(int i) {
        assertThat(answer(i).get("status").getAsString()).isEqualTo("error");
        List<JsonObject> errors = outputs(i, "error");
        assertThat(errors).as("error output of step %d", i).hasSize(1);
        return errors.get(0);
    }

    @Test
    void lastExpressionIsTheResult() {
        assertThat(answer(value).get("status").getAsString()).isEqualTo("ok");
        assertThat(resultText(value)).isEqualTo("2");
        assertThat(resultText(multiSnippet)).isEqualTo("6");
    }

    @Test
    void systemOutAndErrAreStreams() {
        assertThat(stream(streams, "stdout")).isEqualTo("to stdout\n");
        assertThat(stream(streams, "stderr")).isEqualTo("to stderr\n");
        assertThat(outputs(streams, "execute_result")).isEmpty();
    }

    @Test
    void printfPrintsOneLineAndShowsNoPrintStream() {
        assertThat(stream(printf, "stdout")).isEqualTo("3.142\n");
        assertThat(outputs(printf, "stream")).hasSize(1);
        assertThat(outputs(printf, "execute_result")).isEmpty();
    }

    @Test
    void compileErrorCarriesJavacsMessage() {
        JsonObject e = error(compileError);
        assertThat(e.get("ename").getAsString()).isEqualTo("CompilationException");
        assertThat(e.get("evalue").getAsString()).contains("incompatible types")
                .contains("java.lang.String cannot be converted to int");
        assertThat(e.getAsJsonArray("traceback").toString()).contains("int wrong = \\\"text\\\";");
    }

    @Test
    void exceptionCarriesRealClassMessageAndStack() {
        JsonObject e = error(exception);
        assertThat(e.get("ename").getAsString()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(e.get("evalue").getAsString()).isEqualTo("x has shape [2, 3]");
        JsonArray tb = e.getAsJsonArray("traceback");
        assertThat(tb.get(0).getAsString()).isEqualTo("java.lang.IllegalArgumentException: x has shape [2, 3]");
        assertThat(tb.get(1).getAsString()).startsWith("\tat <cell>(#");
    }

    @Test
    void stateSurvivesErrors() {
        assertThat(resultText(stateAfterError)).isEqualTo("42");
    }

    @Test
    void displayOfAnImageIsPng() throws IOException {
        List<JsonObject> shown = outputs(image, "display_data");
        assertThat(shown).hasSize(1);
        String b64 = shown.get(0).getAsJsonObject("data").get("image/png").getAsString();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        assertThat(png.getWidth()).isEqualTo(3);
        assertThat(png.getHeight()).isEqualTo(2);
        assertThat(png.getRGB(2, 1) & 0xffffff).isEqualTo(0xff0000);
        assertThat(png.getRGB(0, 0) & 0xffffff).isZero();
        assertThat(outputs(image, "execute_result")).as("display(...) returns nothing to show").isEmpty();
    }

    @Test
    void jarsMagicAddsJarsByGlob() {
        assertThat(answer(jars).get("status").getAsString()).as("%s", answer(jars)).isEqualTo("ok");
        assertThat(resultText(jars)).isEqualTo("hello jars");
    }

    @Test
    void classpathMagicAddsADirectory() {
        assertThat(resultText(classpath)).isEqualTo("42");
    }

    @Test
    void unknownMagicIsAnError() {
        assertThat(error(unknownMagic).get("evalue").getAsString()).contains("%nosuchmagic");
    }

    @Test
    void completionComesFromJShell() {
        JsonObject c = answer(completion);
        assertThat(c.get("status").getAsString()).isEqualTo("ok");
        List<String> matches = new ArrayList<>();
        c.getAsJsonArray("matches").forEach(m -> matches.add(m.getAsString()));
        assertThat(matches).contains("toUpperCase(");
        int cursor = ((Number) STEPS.get(completion).get("cursor")).intValue();
        assertThat(c.get("cursor_end").getAsInt()).isEqualTo(cursor);
        assertThat(c.get("cursor_start").getAsInt()).isEqualTo(cursor - "toUpperC".length());
    }

    @Test
    void interruptStopsARunawayCellAndKeepsTheSession() {
        JsonObject e = error(loop);
        assertThat(e.get("ename").getAsString()).isEqualTo("InterruptedException");
        assertThat(resultText(afterInterrupt)).isEqualTo("true");
    }

    @Test
    void tensorResultShowsItsToString() {
        String expected = convkit.Tensor.wrap(new double[] {1, 2, 3, 4}, 2, 2).toString();
        assertThat(resultText(tensor)).isEqualTo(expected);
    }

    // ------------------------------------------------------------------ a jar and a class folder for the magics

    static void compile(Path outDir, String className, String source) throws IOException {
        Path src = tmp.resolve("src").resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Files.createDirectories(outDir);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-d", outDir.toString(), src.toString());
        assertThat(rc).as("javac of %s", className).isZero();
    }

    static void buildJar(Path jar, String className, String source) throws IOException {
        Path classes = tmp.resolve("jarclasses");
        compile(classes, className, source);
        Files.createDirectories(jar.getParent());
        String entry = className.replace('.', '/') + ".class";
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
    }
}
