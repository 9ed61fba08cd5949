package convkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import convkit.jupyter.NotebookOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Japanese and Chinese editions ({@code notebooks/ja/}, {@code notebooks/zh/}) stay in step with the English
 * notebooks they translate:
 * <ul>
 *   <li>every English source has a translation in both languages and both translated notebooks exist;</li>
 *   <li>each translated block names, by hash, the English markdown text it translates, and that hash is the current
 *   English text's (a stale hash or a {@code stale}/{@code new} flag fails, naming the cell and the fix:
 *   {@code build_notebooks.py --sync LANG NN});</li>
 *   <li>a translated notebook's code cells are the English ones character for character (no drift), its markdown
 *   cells are its translation's, and it has the same cells in the same order with the same flags;</li>
 *   <li>it printed the same text as the English notebook (same numbers; no untranslated picture label, which would
 *   show as a note on standard error);</li>
 *   <li>its prose is in its language (Japanese has kana; Chinese has Han characters and no kana).</li>
 * </ul>
 */
class NotebookTranslationsTest {
    private static final Path NOTEBOOKS = Path.of("notebooks");
    private static final List<String> LANGS = List.of("ja", "zh");

    record Entry(String hash, String flag, String text) {
    }

    static List<Path> sources() throws IOException {
        try (Stream<Path> s = Files.list(NOTEBOOKS.resolve("tools/src"))) {
            return s.filter(p -> p.toString().endsWith(".cells")).sorted().toList();
        }
    }

    static String stem(Path src) {
        return src.getFileName().toString().replace(".cells", "");
    }

    /** The hash build_notebooks.py names an English cell by: 12 hex digits of the SHA-256 of its text. */
    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The blocks of a translation file, as build_notebooks.py reads them. */
    static List<Entry> entries(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        String[] head = null;
        StringBuilder text = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith("%%| ") || line.equals("%%|")) continue;
            if (line.startsWith("%% ")) {
                if (head != null) out.add(new Entry(head[1], head.length > 2 ? head[2] : null, strip(text)));
                head = line.substring(3).trim().split("\\s+");
                assertThat(head[0]).as(file + ": " + line).isEqualTo("markdown");
                text.setLength(0);
            } else if (head != null) {
                text.append(line).append('\n');
            }
        }
        if (head != null) out.add(new Entry(head[1], head.length > 2 ? head[2] : null, strip(text)));
        return out;
    }

    private static String strip(StringBuilder text) {
        return text.toString().replaceAll("^\n+", "").replaceAll("\n+$", "");
    }

    private static List<NotebookSourcesTest.Cell> markdown(List<NotebookSourcesTest.Cell> cells) {
        return cells.stream().filter(c -> c.kind().equals("markdown")).toList();
    }

    @Test
    void thereAreSourcesToCheck() throws IOException {
        assertThat(sources()).hasSizeGreaterThanOrEqualTo(6);   // a check over no notebooks would pass anything
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookHasItsEditionsInStep() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path src : sources()) {
            for (String lang : LANGS) {
                tests.add(DynamicTest.dynamicTest(lang + "/" + stem(src), () -> checkEdition(NOTEBOOKS, src, lang)));
            }
        }
        return tests.stream();
    }

    /** All the checks of the class comment for the {@code lang} edition of {@code src}, in the folder {@code notebooks}. */
    static void checkEdition(Path notebooks, Path src, String lang) throws IOException {
        String name = stem(src);
        Path translation = notebooks.resolve("tools/i18n").resolve(lang).resolve(name + ".md");
        Path notebook = notebooks.resolve(lang).resolve(name + ".ipynb");
        assertThat(translation).as("the %s translation of %s (start it with: /usr/bin/python3 notebooks/tools/build_notebooks.py "
                + "--sync %s %s)", lang, name, lang, name.substring(0, 2)).exists();
        assertThat(notebook).as("the %s notebook (build it with build_notebooks.py %s)", lang, name.substring(0, 2)).exists();

        // the translation is in step with the English text, cell by cell
        List<NotebookSourcesTest.Cell> english = NotebookSourcesTest.parse(src);
        List<NotebookSourcesTest.Cell> englishMd = markdown(english);
        List<Entry> entries = entries(translation);
        List<String> behind = new ArrayList<>();
        for (int i = 0; i < Math.max(englishMd.size(), entries.size()); i++) {
            if (i >= englishMd.size()) {
                behind.add("block " + i + " translates no English cell");
                continue;
            }
            String now = digest(englishMd.get(i).text());
            String first = englishMd.get(i).text().lines().findFirst().orElse("");
            if (i >= entries.size()) behind.add("markdown cell " + i + " has no translation: " + first);
            else if (!entries.get(i).hash().equals(now)) behind.add("markdown cell " + i + " changed since it was translated ("
                    + entries.get(i).hash() + " -> " + now + "): " + first);
            else if (entries.get(i).flag() != null) behind.add("markdown cell " + i + " is flagged " + entries.get(i).flag() + ": " + first);
        }
        assertThat(behind).as("%s is not in step with %s; run /usr/bin/python3 notebooks/tools/build_notebooks.py --sync %s %s, "
                + "translate what it marks, then build", translation, src, lang, name.substring(0, 2)).isEmpty();

        // the notebook: the English code cells verbatim, the translation's markdown cells, nothing else
        List<NotebookSourcesTest.Cell> built = NotebookSourcesTest.notebook(notebook);
        assertThat(built).as("cells of %s", notebook).hasSameSizeAs(english);
        int md = 0;
        for (int i = 0; i < english.size(); i++) {
            NotebookSourcesTest.Cell e = english.get(i);
            NotebookSourcesTest.Cell t = built.get(i);
            assertThat(t.kind()).as("%s cell %d", notebook, i).isEqualTo(e.kind());
            if (e.kind().equals("code")) {
                assertThat(t).as("%s code cell %d drifted from the English source %s (rebuild: build_notebooks.py %s)",
                        notebook, i, src, name.substring(0, 2)).isEqualTo(e);
            } else {
                assertThat(t.text()).as("%s markdown cell %d is not its translation's text (rebuild it)", notebook, i)
                        .isEqualTo(entries.get(md++).text());
                assertProseIsIn(lang, t.text(), notebook + " markdown cell " + i);
            }
        }

        // the same printed text as the English notebook's committed outputs
        Gson gson = new Gson();
        JsonObject en = gson.fromJson(Files.readString(notebooks.resolve(name + ".ipynb")), JsonObject.class);
        JsonObject tr = gson.fromJson(Files.readString(notebook), JsonObject.class);
        assertThat(NotebookOutputs.differences(lang + "/" + name, en, tr))
                .as("%s printed other text than the English notebook (run it: ./convkit run-notebooks --update %s/%s)",
                        notebook, lang, name.substring(0, 2)).isEmpty();
    }

    static void assertProseIsIn(String lang, String text, String where) {
        boolean kana = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HIRAGANA
                || Character.UnicodeScript.of(c) == Character.UnicodeScript.KATAKANA);
        boolean han = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        // Markdown renders a line break as a space, which Japanese and Chinese do not put between characters:
        // a translation keeps each sentence of CJK text on one line
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\x{3000}-\\x{303F}\\x{FF00}-\\x{FFEF}]\n"
                + "[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\x{3000}-\\x{303F}\\x{FF00}-\\x{FFEF}]").matcher(text);
        assertThat(m.find()).as("%s breaks a line between two CJK characters (shown as a stray space): '%s'", where,
                m.find(0) ? m.group().replace("\n", "\\n") : "").isFalse();
        if (lang.equals("ja")) {
            assertThat(kana).as("%s is not Japanese (no kana):\n%s", where, text).isTrue();
        } else {
            assertThat(han).as("%s is not Chinese (no Han characters):\n%s", where, text).isTrue();
            assertThat(kana).as("%s is Chinese but has kana (Japanese pasted?):\n%s", where, text).isFalse();
        }
    }

    @Test
    void theHashIsTheOneTheBuildScriptWrites() {
        // sha256("") starts with e3b0c44298fc: the same digest Python's hashlib gives
        assertThat(digest("")).isEqualTo("e3b0c44298fc");
        assertThat(digest("畳み込み")).hasSize(12).isNotEqualTo(digest("卷积"));
    }

    @Test
    void aStaleTranslationADriftedCodeCellAndAnUnbuiltEditionAreCaught(@TempDir Path tmp) throws Exception {
        // a copy of notebook 01 with its editions and the build script, changed in the ways this test must catch
        Path nb = tmp.resolve("notebooks");
        String name = stem(sources().get(0));
        for (String f : List.of("tools/build_notebooks.py", "tools/src/" + name + ".cells", name + ".ipynb",
                "tools/i18n/ja/" + name + ".md", "tools/i18n/zh/" + name + ".md", "ja/" + name + ".ipynb", "zh/" + name + ".ipynb")) {
            Files.createDirectories(nb.resolve(f).getParent());
            Files.copy(NOTEBOOKS.resolve(f), nb.resolve(f));
        }
        Path src = nb.resolve("tools/src/" + name + ".cells");
        checkEdition(nb, src, "ja");   // the copy is in step

        // 1. the English prose changes: the translation is stale, and the build script's --status says which cell
        String english = Files.readString(src);
        Files.writeString(src, english.replace("A convolutional layer does one thing", "A convolutional layer does exactly one thing"));
        assertThatThrownBy(() -> checkEdition(nb, src, "ja")).hasMessageContaining("markdown cell 0 changed since it was translated");
        Process status = new ProcessBuilder("/usr/bin/python3", nb.resolve("tools/build_notebooks.py").toString(), "--status")
                .redirectErrorStream(true).start();
        String out = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(status.waitFor()).as(out).isEqualTo(1);
        assertThat(out).contains("ja/" + name + ": markdown cell 0 stale", "zh/" + name + ": markdown cell 0 stale");
        // --sync flags it (with the new hash, so only the flag stands between the translator and a green test)
        Process sync = new ProcessBuilder("/usr/bin/python3", nb.resolve("tools/build_notebooks.py").toString(), "--sync", "ja")
                .redirectErrorStream(true).start();
        String synced = new String(sync.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(sync.waitFor()).as(synced).isZero();
        assertThat(synced).contains("1 stale");
        assertThat(Files.readString(nb.resolve("tools/i18n/ja/" + name + ".md"))).contains(digest(NotebookSourcesTest.parse(src).get(0).text()) + " stale");
        assertThatThrownBy(() -> checkEdition(nb, src, "ja")).hasMessageContaining("markdown cell 0 is flagged stale");
        Files.writeString(src, english);
        Files.copy(NOTEBOOKS.resolve("tools/i18n/ja/" + name + ".md"), nb.resolve("tools/i18n/ja/" + name + ".md"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        checkEdition(nb, src, "ja");

        // 2. a code cell of the Japanese notebook drifts from the English one
        Path ja = nb.resolve("ja/" + name + ".ipynb");
        String notebook = Files.readString(ja);
        Files.writeString(ja, notebook.replace("Tensor X = Examples.correlationX();", "Tensor X = Examples.correlationK();"));
        assertThatThrownBy(() -> checkEdition(nb, src, "ja")).hasMessageContaining("drifted from the English source");

        // 3. the English code changes and the edition is not rebuilt: drift too; rebuilding fixes the code cells
        Files.writeString(ja, notebook);
        Files.writeString(src, english.replace("import java.util.Arrays;", "import java.util.Arrays;\nimport java.util.List;"));
        assertThatThrownBy(() -> checkEdition(nb, src, "ja")).hasMessageContaining("drifted from the English source");

        // 4. prose in the wrong language
        assertThat(catchProse("ja", "Plain English prose.")).isNotNull();
        assertThat(catchProse("zh", "畳み込みの演算")).isNotNull();
        assertThat(catchProse("zh", "卷积运算")).isNull();
        assertThat(catchProse("ja", "畳み込みの\n演算")).as("a line break inside a sentence").isNotNull();
        assertThat(catchProse("ja", "畳み込みの `corr2d`\nです。")).isNull();
    }

    private static AssertionError catchProse(String lang, String text) {
        try {
            assertProseIsIn(lang, text, "example");
            return null;
        } catch (AssertionError e) {
            return e;
        }
    }
}
