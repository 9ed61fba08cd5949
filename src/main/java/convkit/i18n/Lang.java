package convkit.i18n;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The language of the kit's student-facing text: English, Japanese or Simplified Chinese (the three editions of the
 * notebooks, {@code notebooks/}, {@code notebooks/ja/}, {@code notebooks/zh/}).
 *
 * <p>{@link #current()} decides, in this order: {@link #use} (set in this JVM), the system property
 * {@code convkit.lang}, the environment variable {@code CONVKIT_LANG} ({@code en}, {@code ja} or {@code zh}), then
 * the working directory: a kernel started by Jupyter runs in the notebook's folder, so a notebook of
 * {@code notebooks/ja/} gets Japanese and one of {@code notebooks/zh/} Chinese, with the same code cells as the
 * English notebook. Anything else is English.
 */
public enum Lang {
    EN("en", "English"), JA("ja", "日本語"), ZH("zh", "简体中文");

    /** System property that sets the language ({@code -Dconvkit.lang=ja}). */
    public static final String PROPERTY = "convkit.lang";
    /** Environment variable that sets the language ({@code CONVKIT_LANG=zh}). */
    public static final String ENV = "CONVKIT_LANG";

    private static volatile Lang chosen;
    private static final Lang FROM_FOLDER = fromFolder(Path.of("").toAbsolutePath());

    private final String code;
    private final String nativeName;

    Lang(String code, String nativeName) {
        this.code = code;
        this.nativeName = nativeName;
    }

    /** The ISO 639-1 code: {@code en}, {@code ja} or {@code zh}; also the folder of the edition under notebooks/. */
    public String code() {
        return code;
    }

    /** The language's name in itself (日本語, 简体中文). */
    public String nativeName() {
        return nativeName;
    }

    /** The language now in force (see the class comment for the order of the settings). */
    public static Lang current() {
        Lang l = chosen;
        if (l != null) return l;
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) return parse(p);
        String e = System.getenv(ENV);
        if (e != null && !e.isBlank()) return parse(e);
        return FROM_FOLDER;
    }

    /** Sets the language for this JVM ({@code null}: back to the property, the environment and the folder). */
    public static void use(Lang lang) {
        chosen = lang;
    }

    /**
     * {@code en}, {@code ja}, {@code zh} (any case; {@code ja-JP}, {@code zh-CN}, {@code zh_Hans} name the same).
     *
     * @throws IllegalArgumentException for any other language, naming the three that exist
     */
    public static Lang parse(String code) {
        if (code == null) throw new IllegalArgumentException("language must be one of en, ja, zh but was null");
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (Lang l : values()) {
            if (c.equals(l.code) || c.startsWith(l.code + "-") || c.startsWith(l.code + "_")) return l;
        }
        throw new IllegalArgumentException("language must be one of en, ja, zh but was '" + code + "'");
    }

    /** The edition a folder holds: {@code .../ja} is Japanese, {@code .../zh} Chinese, anything else English. */
    static Lang fromFolder(Path dir) {
        Path name = dir == null ? null : dir.getFileName();
        if (name == null) return EN;
        for (Lang l : values()) {
            if (l != EN && name.toString().equals(l.code)) return l;
        }
        return EN;
    }
}
