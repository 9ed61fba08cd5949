package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.i18n.Catalog;
import convkit.i18n.Lang;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./convkit kit --lang ja|zh}: the stubs keep their English code and say what to do in a comment in that language. */
class KitLanguageTest {
    private static final Path ROOT = KitPaths.root();
    private static final Pattern THROW = Pattern.compile("throw new UnsupportedOperationException\\(\"(.*)\"\\);");

    private static List<String> stubMessages() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT.resolve("exercises/src/main/java"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = THROW.matcher(Files.readString(f));
                while (m.find()) out.add(m.group(1).replace("\\\"", "\""));
            }
        }
        return out;
    }

    @Test
    void everyStubMessageIsTranslatedIntoBothLanguages() throws IOException {
        List<String> messages = stubMessages();
        assertThat(messages).hasSizeGreaterThan(30);
        for (String m : messages) {
            assertThat(Catalog.EXERCISES.has(Lang.JA, m)).as("ja text in exercises.tsv for: " + m).isTrue();
            assertThat(Catalog.EXERCISES.has(Lang.ZH, m)).as("zh text in exercises.tsv for: " + m).isTrue();
        }
    }

    @Test
    void everyHintOfTheExercisesIsTranslatedIntoBothLanguages() throws IOException {
        // hint = "..." (possibly "..." + "...") in @Graded of exercises/src/test/java: the score table shows it translated
        Pattern hint = Pattern.compile("hint\\s*=\\s*((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\+?\\s*)+)");
        Pattern literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
        List<String> hints = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ROOT.resolve("exercises/src/test/java"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = hint.matcher(Files.readString(f));
                while (m.find()) {
                    StringBuilder text = new StringBuilder();
                    Matcher l = literal.matcher(m.group(1));
                    while (l.find()) text.append(l.group(1).replace("\\\"", "\""));
                    hints.add(text.toString());
                }
            }
        }
        assertThat(hints).hasSizeGreaterThan(40);
        for (String h : hints) {
            assertThat(Catalog.MESSAGES.has(Lang.JA, h)).as("ja hint in messages.tsv for: " + h).isTrue();
            assertThat(Catalog.MESSAGES.has(Lang.ZH, h)).as("zh hint in messages.tsv for: " + h).isTrue();
        }
    }

    @Test
    void aCommentGoesAboveEachStubAndTheCodeStaysTheSame() {
        String stub = "    public static Tensor corr2d(Tensor x, Tensor k) {\n"
                + "        throw new UnsupportedOperationException(\"Exercise 7.9.1: implement corr2d with four loops (d2l 7.2.1); check the shapes first\");\n"
                + "    }";
        String ja = KitBuilder.commented(stub, Lang.JA);
        assertThat(ja).isEqualTo("    public static Tensor corr2d(Tensor x, Tensor k) {\n"
                + "        // 演習 7.9.1: corr2d を 4 重ループで実装する（d2l 7.2.1）。まず形を確かめる\n"
                + "        throw new UnsupportedOperationException(\"Exercise 7.9.1: implement corr2d with four loops (d2l 7.2.1); check the shapes first\");\n"
                + "    }");
        assertThat(KitBuilder.commented(stub, Lang.ZH)).contains("        // 练习 7.9.1：用四重循环实现 corr2d（d2l 7.2.1）；先检查形状\n");
        assertThat(ja.lines().filter(l -> !l.trim().startsWith("//")).toList()).isEqualTo(stub.lines().toList());
    }

    @Test
    void aJapaneseKitHasCommentedStubsAndTheEditions(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("kit-ja.zip");
        List<String> entries = KitBuilder.zip(ROOT, zip, Lang.JA);
        assertThat(entries).contains("convkit/notebooks/ja/01-cross-correlation.ipynb", "convkit/notebooks/zh/01-cross-correlation.ipynb");
        try (ZipFile z = new ZipFile(zip.toFile())) {
            String sec72 = new String(z.getInputStream(z.getEntry("convkit/exercises/src/main/java/convkit/exercises/Sec72Kernels.java"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            String english = Files.readString(ROOT.resolve("exercises/src/main/java/convkit/exercises/Sec72Kernels.java"));
            assertThat(sec72).contains("// 演習 7.2.2（ぼかし）: どの k × k カーネルなら各出力が局所平均になるか?");
            long comments = sec72.lines().filter(l -> l.trim().startsWith("// 演習")).count();
            assertThat(comments).isEqualTo(THROW.matcher(english).results().count());
            // the test sources are not touched
            String test = new String(z.getInputStream(z.getEntry("convkit/exercises/src/test/java/convkit/exercises/Sec72KernelsTest.java"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(test).isEqualTo(Files.readString(ROOT.resolve("exercises/src/test/java/convkit/exercises/Sec72KernelsTest.java")));
        }
    }
}
