package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.gson.JsonArray;
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

    static final Steps S = new Steps();
    static final String PARTIAL = "String s = \"abc\";\ns.toUpperC";

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
        Path jarDir = tmp.resolve("jars");
        Path classDir = tmp.resolve("classes2");
        JupyterSupport.buildJar(tmp, jarDir.resolve("greeter.jar"), "kitdemo.Greeter",
                "package kitdemo; public class Greeter { public static String greet(String who) { return \"hello \" + who; } }");
        JupyterSupport.compile(tmp, classDir, "kitdemo2.Answer", "package kitdemo2; public class Answer { public static final int VALUE = 42; }");

        value = S.code("1 + 1");
        streams = S.code("System.out.println(\"to stdout\");\nSystem.err.println(\"to stderr\");");
        compileError = S.code("int wrong = \"text\";");
        keepState = S.code("int kept = 41;");
        exception = S.code("if (kept > 0) throw new IllegalArgumentException(\"x has shape [2, 3]\");");
        stateAfterError = S.code("kept + 1");
        image = S.code("var img = new java.awt.image.BufferedImage(3, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
                + "img.setRGB(2, 1, 0xff0000);\n"
                + "display(img);");
        jars = S.code("%jars " + jarDir + "/*.jar\nkitdemo.Greeter.greet(\"jars\")");
        classpath = S.code("%classpath " + classDir + "\nkitdemo2.Answer.VALUE");
        completion = S.add(Map.of("complete", PARTIAL, "cursor", PARTIAL.length()));
        printf = S.code("System.out.printf(\"%.3f%n\", Math.PI)");
        loop = S.code("long spins = 0;\nwhile (true) { spins++; }", "interrupts", List.of(3.0));
        afterInterrupt = S.code("spins > 0");
        tensor = S.code("convkit.Tensor.wrap(new double[] {1, 2, 3, 4}, 2, 2)");
        multiSnippet = S.code("int a = 2;\nint b = 3;\na * b");
        unknownMagic = S.code("%nosuchmagic\n1");

        S.run(tmp);
    }

    @Test
    void lastExpressionIsTheResult() {
        assertThat(S.answer(value).get("status").getAsString()).isEqualTo("ok");
        assertThat(S.result(value)).isEqualTo("2");
        assertThat(S.result(multiSnippet)).isEqualTo("6");
    }

    @Test
    void systemOutAndErrAreStreams() {
        assertThat(S.stream(streams, "stdout")).isEqualTo("to stdout\n");
        assertThat(S.stream(streams, "stderr")).isEqualTo("to stderr\n");
        assertThat(S.outputs(streams, "execute_result")).isEmpty();
    }

    @Test
    void printfPrintsOneLineAndShowsNoPrintStream() {
        assertThat(S.stream(printf, "stdout")).isEqualTo("3.142\n");
        assertThat(S.outputs(printf, "stream")).hasSize(1);
        assertThat(S.outputs(printf, "execute_result")).isEmpty();
    }

    @Test
    void compileErrorCarriesJavacsMessage() {
        JsonObject e = S.error(compileError);
        assertThat(e.get("ename").getAsString()).isEqualTo("CompilationException");
        assertThat(e.get("evalue").getAsString()).contains("incompatible types")
                .contains("java.lang.String cannot be converted to int");
        assertThat(e.getAsJsonArray("traceback").toString()).contains("int wrong = \\\"text\\\";");
    }

    @Test
    void exceptionCarriesRealClassMessageAndStack() {
        JsonObject e = S.error(exception);
        assertThat(e.get("ename").getAsString()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(e.get("evalue").getAsString()).isEqualTo("x has shape [2, 3]");
        JsonArray tb = e.getAsJsonArray("traceback");
        assertThat(tb.get(0).getAsString()).isEqualTo("java.lang.IllegalArgumentException: x has shape [2, 3]");
        assertThat(tb.get(1).getAsString()).startsWith("\tat <cell>(#");
    }

    @Test
    void stateSurvivesErrors() {
        assertThat(S.result(stateAfterError)).isEqualTo("42");
    }

    @Test
    void displayOfAnImageIsPng() throws IOException {
        List<JsonObject> shown = S.outputs(image, "display_data");
        assertThat(shown).hasSize(1);
        String b64 = shown.get(0).getAsJsonObject("data").get("image/png").getAsString();
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
        assertThat(png.getWidth()).isEqualTo(3);
        assertThat(png.getHeight()).isEqualTo(2);
        assertThat(png.getRGB(2, 1) & 0xffffff).isEqualTo(0xff0000);
        assertThat(png.getRGB(0, 0) & 0xffffff).isZero();
        assertThat(S.outputs(image, "execute_result")).as("display(...) returns nothing to show").isEmpty();
    }

    @Test
    void jarsMagicAddsJarsByGlob() {
        assertThat(S.answer(jars).get("status").getAsString()).as("%s", S.answer(jars)).isEqualTo("ok");
        assertThat(S.result(jars)).isEqualTo("hello jars");
    }

    @Test
    void classpathMagicAddsADirectory() {
        assertThat(S.result(classpath)).isEqualTo("42");
    }

    @Test
    void unknownMagicIsAnError() {
        assertThat(S.error(unknownMagic).get("evalue").getAsString()).contains("%nosuchmagic");
    }

    @Test
    void completionComesFromJShell() {
        JsonObject c = S.answer(completion);
        assertThat(c.get("status").getAsString()).isEqualTo("ok");
        List<String> matches = new ArrayList<>();
        c.getAsJsonArray("matches").forEach(m -> matches.add(m.getAsString()));
        assertThat(matches).contains("toUpperCase(");
        int cursor = PARTIAL.length();
        assertThat(c.get("cursor_end").getAsInt()).isEqualTo(cursor);
        assertThat(c.get("cursor_start").getAsInt()).isEqualTo(cursor - "toUpperC".length());
    }

    @Test
    void interruptStopsARunawayCellAndKeepsTheSession() {
        JsonObject e = S.error(loop);
        assertThat(e.get("ename").getAsString()).isEqualTo("InterruptedException");
        assertThat(S.result(afterInterrupt)).isEqualTo("true");
    }

    @Test
    void tensorResultShowsItsToString() {
        String expected = convkit.Tensor.wrap(new double[] {1, 2, 3, 4}, 2, 2).toString();
        assertThat(S.result(tensor)).isEqualTo(expected);
    }
}
