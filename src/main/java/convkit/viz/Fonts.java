package convkit.viz;

import convkit.i18n.Lang;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The font the pictures use for Japanese and Chinese labels. Prefers Noto Sans CJK (Debian's {@code fonts-noto-cjk},
 * which {@code ./convkit setup} installs) in its Japanese or Simplified Chinese form, since the two draw some
 * characters differently; then other common CJK fonts; then Java's logical SansSerif when it can draw the language
 * (through the system's fallback fonts). The system property {@code convkit.viz.cjkFont} names the family to use
 * instead (only that one). When no font can draw the language, pictures keep their English labels and one note on
 * standard error says so and how to install the fonts.
 */
final class Fonts {
    /** System property naming the family for CJK labels (e.g. {@code -Dconvkit.viz.cjkFont="IPAexGothic"}). */
    static final String PROPERTY = "convkit.viz.cjkFont";

    static final Map<Lang, List<String>> PREFERRED = Map.of(
            Lang.JA, List.of("Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", "IPAGothic", "TakaoGothic", "VL Gothic"),
            Lang.ZH, List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
                    "WenQuanYi Micro Hei", "AR PL UMing CN"));
    /** Text each family must draw in full to count (the books' words). */
    static final Map<Lang, String> SAMPLE = Map.of(Lang.JA, "畳み込み相互相関パディングストライドプーリング特徴マップ",
            Lang.ZH, "卷积互相关填充步幅汇聚特征图输入核");

    private static volatile Set<String> families;
    private static final Map<Lang, String> CHOSEN = new ConcurrentHashMap<>();
    private static final Set<Lang> NOTED = ConcurrentHashMap.newKeySet();
    private static final Map<String, Font> DERIVED = new ConcurrentHashMap<>();
    private static final String NONE = "";

    private Fonts() {
    }

    /** The family that draws {@code lang}'s labels, or null when none can (then labels stay English). */
    static String family(Lang lang) {
        if (lang == Lang.EN) return null;
        String override = System.getProperty(PROPERTY);
        if (override != null && !override.isBlank()) {
            return choose(lang, installed(), override.trim(), Fonts::canDraw);
        }
        String f = CHOSEN.computeIfAbsent(lang, l -> {
            String c = choose(l, installed(), null, Fonts::canDraw);
            return c == null ? NONE : c;
        });
        return f.equals(NONE) ? null : f;
    }

    /**
     * The family for {@code lang} among {@code installed}: {@code override} alone when given, else the first of
     * {@link #PREFERRED} installed, else SansSerif when {@code canDraw} says it draws the sample; each candidate must
     * pass {@code canDraw(family, sample)}. Null when none does.
     */
    static String choose(Lang lang, Set<String> installed, String override, CanDraw canDraw) {
        String sample = SAMPLE.get(lang);
        if (override != null) {
            return installed.contains(override) && canDraw.test(override, sample) ? override : null;
        }
        for (String f : PREFERRED.get(lang)) {
            if (installed.contains(f) && canDraw.test(f, sample)) return f;
        }
        return canDraw.test(Font.SANS_SERIF, sample) ? Font.SANS_SERIF : null;
    }

    /** Whether family {@code family} draws every character of {@code text}. */
    interface CanDraw {
        boolean test(String family, String text);
    }

    private static boolean canDraw(String family, String text) {
        try {
            return new Font(family, Font.PLAIN, 13).canDisplayUpTo(text) == -1;
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    private static Set<String> installed() {
        Set<String> f = families;
        if (f == null) {
            try {
                f = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
            } catch (RuntimeException | Error e) {
                f = Set.of();   // a bare machine without fonts: Java2D's font manager throws
            }
            families = f;
        }
        return f;
    }

    /** {@code f} in the family of the current language (same style and size), or {@code f} for English. */
    static Font forText(Font f) {
        Lang lang = Lang.current();
        if (lang == Lang.EN) return f;
        String family = family(lang);
        if (family == null || family.equals(f.getFamily())) return f;
        return DERIVED.computeIfAbsent(family + '/' + f.getStyle() + '/' + f.getSize(), k -> new Font(family, f.getStyle(), f.getSize()));
    }

    /** Once per language and JVM: the note that labels are English because no font draws the language. */
    static void noteMissing(Lang lang) {
        if (!NOTED.add(lang)) return;
        String hint = " Install fonts-noto-cjk (Debian/Ubuntu: apt-get install fonts-noto-cjk; ./convkit setup does it)"
                + (System.getProperty(PROPERTY) != null ? " or set -D" + PROPERTY + " to an installed CJK font (now '"
                + System.getProperty(PROPERTY) + "')" : "") + ".";
        System.err.println(lang == Lang.JA
                ? "convkit.viz: 日本語を描けるフォントがないため、図のラベルは英語のままです。 / no font draws Japanese: picture labels stay in English." + hint
                : "convkit.viz: 没有能显示中文的字体，图中的标签保持英文。 / no font draws Chinese: picture labels stay in English." + hint);
    }

    /** For tests: forget the chosen families and notes (after changing {@link #PROPERTY}). */
    static void reset() {
        CHOSEN.clear();
        NOTED.clear();
        DERIVED.clear();
    }
}
