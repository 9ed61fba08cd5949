package convkit.viz;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.Tensor;
import convkit.i18n.Lang;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Pictures speak the notebook's language: the same call draws its English label translated (in Noto Sans CJK JP
 * or SC, which this machine and CI install with fonts-noto-cjk), and without a font for the language it draws the
 * English label and says so once on standard error.
 */
class LabelsTest {

    @AfterEach
    void reset() {
        Lang.use(null);
        System.clearProperty(Fonts.PROPERTY);
        Fonts.reset();
    }

    private static BufferedImage titled(String title) {
        return Heatmap.of(Tensor.of(new double[] {1, 2, 3, 4}).reshape(2, 2)).title(title).render();
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) return false;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) return false;
            }
        }
        return true;
    }

    @Test
    void aLabelIsShownInTheCurrentLanguage() {
        Lang.use(Lang.JA);
        assertThat(Text.shown("input X")).isEqualTo("入力 X");
        assertThat(Text.shown("filter[3]")).as("a name with an index").isEqualTo("フィルター[3]");
        assertThat(Text.shown("19")).as("numbers are not labels").isEqualTo("19");
        Lang.use(Lang.ZH);
        assertThat(Text.shown("2x2 max pooling")).isEqualTo("2×2 最大汇聚");
        assertThat(Text.shown("image,channel[0,1]")).isEqualTo("图像,通道[0,1]");
        Lang.use(Lang.EN);
        assertThat(Text.shown("input X")).isEqualTo("input X");
    }

    @Test
    void japaneseAndChineseUseTheirOwnNotoFont() {
        // fonts-noto-cjk is installed by ./convkit setup and CI; the two languages draw some characters differently
        Lang.use(Lang.JA);
        assertThat(Fonts.family(Lang.JA)).isEqualTo("Noto Sans CJK JP");
        assertThat(Fonts.forText(Text.PLAIN).getFamily()).isEqualTo("Noto Sans CJK JP");
        assertThat(Fonts.forText(Text.PLAIN).canDisplayUpTo("畳み込み相互相関")).isEqualTo(-1);
        Lang.use(Lang.ZH);
        assertThat(Fonts.forText(Text.BOLD).getFamily()).isEqualTo("Noto Sans CJK SC");
        assertThat(Fonts.forText(Text.BOLD).getSize()).isEqualTo(Text.BOLD.getSize());
        Lang.use(Lang.EN);
        assertThat(Fonts.forText(Text.PLAIN)).isSameAs(Text.PLAIN);
    }

    @Test
    void theTranslatedTitleIsWhatIsDrawn() {
        BufferedImage english = titled("input X");
        Lang.use(Lang.JA);
        BufferedImage japanese = titled("input X");
        assertThat(samePixels(english, japanese)).isFalse();
        assertThat(samePixels(japanese, titled("入力 X"))).as("the picture of the translation itself").isTrue();
        assertThat(samePixels(japanese, titled("入力 Y"))).as("and not of any text").isFalse();
    }

    @Test
    void withoutAFontForTheLanguageLabelsStayEnglishAndANoteSaysWhy() {
        BufferedImage english = titled("input X");
        Lang.use(Lang.JA);
        System.setProperty(Fonts.PROPERTY, "No Such Font CJK");
        Fonts.reset();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        BufferedImage fallback;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            fallback = titled("input X");
            titled("kernel K");
        } finally {
            System.setErr(err);
        }
        assertThat(Fonts.family(Lang.JA)).isNull();
        assertThat(Text.shown("input X")).isEqualTo("input X");
        assertThat(samePixels(english, fallback)).as("the English picture, pixel for pixel").isTrue();
        String note = captured.toString(StandardCharsets.UTF_8);
        assertThat(note).contains("日本語を描けるフォントがない", "labels stay in English", "fonts-noto-cjk", "No Such Font CJK");
        assertThat(note.lines().count()).as("one note, not one per picture").isEqualTo(1);
    }

    @Test
    void fontChoiceFollowsThePreferenceOrderAndNeedsTheGlyphs() {
        Fonts.CanDraw all = (family, text) -> true;
        Fonts.CanDraw none = (family, text) -> false;
        assertThat(Fonts.choose(Lang.JA, Set.of("IPAexGothic", "Noto Sans CJK JP"), null, all)).isEqualTo("Noto Sans CJK JP");
        assertThat(Fonts.choose(Lang.ZH, Set.of("WenQuanYi Zen Hei", "Noto Sans CJK JP"), null, all)).isEqualTo("WenQuanYi Zen Hei");
        assertThat(Fonts.choose(Lang.ZH, Set.of(), null, all)).as("the logical font, when it can draw Chinese").isEqualTo("SansSerif");
        assertThat(Fonts.choose(Lang.ZH, Set.of("Noto Sans CJK SC"), null, none)).isNull();
        assertThat(Fonts.choose(Lang.JA, Set.of("Noto Sans CJK JP"), "IPAexGothic", all)).as("an override not installed").isNull();
        assertThat(Fonts.choose(Lang.JA, Set.of("IPAexGothic"), "IPAexGothic", all)).isEqualTo("IPAexGothic");
    }
}
