package convkit.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @AfterEach
    void reset() {
        Lang.use(null);
    }

    @Test
    void languagesParseAndAFolderNamesItsEdition() {
        assertThat(Lang.parse("ja")).isEqualTo(Lang.JA);
        assertThat(Lang.parse("zh-CN")).isEqualTo(Lang.ZH);
        assertThat(Lang.parse("EN")).isEqualTo(Lang.EN);
        assertThatThrownBy(() -> Lang.parse("fr")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("language must be one of en, ja, zh but was 'fr'");
        assertThat(Lang.fromFolder(Path.of("/kit/notebooks/ja"))).isEqualTo(Lang.JA);
        assertThat(Lang.fromFolder(Path.of("/kit/notebooks/zh"))).isEqualTo(Lang.ZH);
        assertThat(Lang.fromFolder(Path.of("/kit/notebooks"))).isEqualTo(Lang.EN);
        assertThat(Lang.fromFolder(Path.of("/"))).isEqualTo(Lang.EN);
    }

    @Test
    void aSettingWinsOverTheFolder() {
        Lang.use(Lang.ZH);
        assertThat(Lang.current()).isEqualTo(Lang.ZH);
        Lang.use(null);
        System.setProperty(Lang.PROPERTY, "ja");
        try {
            assertThat(Lang.current()).isEqualTo(Lang.JA);
        } finally {
            System.clearProperty(Lang.PROPERTY);
        }
    }

    @Test
    void aCatalogTranslatesByTheEnglishTextAndNamesWhatItLacks() {
        Catalog c = Catalog.parse("test", "# comment\nen\tja\tzh\nscore\t得点\t得分\nline\\nbreak\t改\\n行\t\n");
        assertThat(c.in(Lang.JA, "score")).isEqualTo("得点");
        assertThat(c.in(Lang.ZH, "score")).isEqualTo("得分");
        assertThat(c.in(Lang.EN, "score")).isEqualTo("score");
        assertThat(c.in(Lang.JA, "line\nbreak")).isEqualTo("改\n行");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(c.in(Lang.ZH, "line\nbreak")).as("an empty column: not translated yet").isEqualTo("line\nbreak");
            c.in(Lang.ZH, "line\nbreak");
            assertThat(c.in(Lang.ZH, "42")).isEqualTo("42");
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("no zh text for \"line\nbreak\" in src/main/resources/convkit/i18n/test.tsv")
                .hasLineCount(2);
    }

    @Test
    void aBrokenCatalogNamesItsLine() {
        assertThatThrownBy(() -> Catalog.parse("t", "en\tja\tzh\nonly\ttwo\n")).hasMessageContaining("t.tsv line 2: needs 3 tab-separated columns");
        assertThatThrownBy(() -> Catalog.parse("t", "ja\ten\tzh\n")).hasMessageContaining("first line must be");
        assertThatThrownBy(() -> Catalog.parse("t", "en\tja\tzh\na\tb\tc\na\td\te\n")).hasMessageContaining("'a' is listed twice");
    }

    @Test
    void theShippedCatalogsLoadAndTranslateEveryLabelIntoBothLanguages() {
        assertThat(Catalog.LABELS.keys(Lang.EN)).hasSizeGreaterThan(30);
        for (String en : Catalog.LABELS.keys(Lang.EN)) {
            assertThat(Catalog.LABELS.has(Lang.JA, en)).as("ja label for " + en).isTrue();
            assertThat(Catalog.LABELS.has(Lang.ZH, en)).as("zh label for " + en).isTrue();
        }
        assertThat(Catalog.LABELS.in(Lang.JA, "2x2 max pooling")).isEqualTo("2×2 最大プーリング");
        assertThat(Catalog.LABELS.in(Lang.ZH, "receptive field of z")).isEqualTo("z 的感受野");
    }
}
