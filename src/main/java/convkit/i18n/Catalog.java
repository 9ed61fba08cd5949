package convkit.i18n;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A table of translations keyed by the English text (gettext style: code keeps its English strings, the table gives
 * the Japanese and Chinese ones). Read from a UTF-8 resource {@code convkit/i18n/NAME.tsv}: a header line
 * {@code en<TAB>ja<TAB>zh}, then one line per text; {@code #} starts a comment line; {@code \n}, {@code \t} and
 * {@code \\} are escapes. {@link #LABELS} holds the pictures' titles and axis labels, {@link #MESSAGES} the
 * grader's student-facing text.
 */
public final class Catalog {
    /** The pictures' titles, axis and series labels ({@code convkit/i18n/labels.tsv}). */
    public static final Catalog LABELS = load("labels");
    /** The grader's student-facing text: score table, hints, self-check messages ({@code convkit/i18n/messages.tsv}). */
    public static final Catalog MESSAGES = load("messages");
    /** What each exercise stub asks, for the comments of a kit built in Japanese or Chinese ({@code convkit/i18n/exercises.tsv}). */
    public static final Catalog EXERCISES = load("exercises");

    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}");

    private final String name;
    private final Map<Lang, Map<String, String>> tables;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    Catalog(String name, Map<Lang, Map<String, String>> tables) {
        this.name = name;
        this.tables = tables;
    }

    /** The catalog of resource {@code convkit/i18n/NAME.tsv}. */
    static Catalog load(String name) {
        String resource = "/convkit/i18n/" + name + ".tsv";
        try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing resource " + resource);
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses the text of a catalog.
     *
     * @throws IllegalArgumentException for a missing header, a line without one column per language, or an
     *                                  English text given twice; the message names the line
     */
    static Catalog parse(String name, String text) {
        Map<Lang, Map<String, String>> tables = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) if (l != Lang.EN) tables.put(l, new LinkedHashMap<>());
        boolean header = false;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].replace("\r", "");
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] cols = line.split("\t", -1);
            if (!header) {
                if (!line.equals("en\tja\tzh")) {
                    throw new IllegalArgumentException(name + ".tsv line " + (n + 1) + ": the first line must be 'en<TAB>ja<TAB>zh'");
                }
                header = true;
                continue;
            }
            if (cols.length != 3 || cols[0].isEmpty()) {
                throw new IllegalArgumentException(name + ".tsv line " + (n + 1) + ": needs 3 tab-separated columns (en, ja, zh) but has "
                        + cols.length + ": " + line);
            }
            String en = unescape(cols[0]);
            for (int k = 1; k < 3; k++) {
                Lang l = k == 1 ? Lang.JA : Lang.ZH;
                if (cols[k].isEmpty()) continue;   // not translated yet: English is shown
                if (tables.get(l).put(en, unescape(cols[k])) != null) {
                    throw new IllegalArgumentException(name + ".tsv line " + (n + 1) + ": '" + cols[0] + "' is listed twice");
                }
            }
        }
        if (!header) throw new IllegalArgumentException(name + ".tsv: no header line 'en<TAB>ja<TAB>zh'");
        return new Catalog(name, tables);
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(++i);
                b.append(d == 'n' ? '\n' : d == 't' ? '\t' : d);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** {@code english} in the {@link Lang#current() current} language (see {@link #in}). */
    public String get(String english) {
        return in(Lang.current(), english);
    }

    /**
     * {@code english} in {@code lang}: the table's text, or {@code english} itself for English, for a text without
     * words (numbers, "X", "[0]") and for a text the table lacks. The first time a text with words is missing, one
     * line on standard error names it and this catalog's file, so that an untranslated label shows in the notebook.
     */
    public String in(Lang lang, String english) {
        if (english == null || lang == Lang.EN) return english;
        String t = tables.get(lang).get(english);
        if (t != null) return t;
        if (WORD.matcher(english).find() && warned.add(lang.code() + "\u0000" + english)) {
            System.err.println("convkit: no " + lang.code() + " text for \"" + english + "\" in src/main/resources/convkit/i18n/"
                    + name + ".tsv (shown in English)");
        }
        return english;
    }

    /** {@code String.format} of the translated pattern (the arguments are not translated). */
    public String format(String englishPattern, Object... args) {
        return String.format(java.util.Locale.ROOT, get(englishPattern), args);
    }

    /** Whether {@code lang} has a text for {@code english}. */
    public boolean has(Lang lang, String english) {
        return lang == Lang.EN || tables.get(lang).containsKey(english);
    }

    /** The English texts with a translation in {@code lang}, in file order (read-only). */
    public Set<String> keys(Lang lang) {
        if (lang == Lang.EN) {
            Set<String> all = new java.util.LinkedHashSet<>();
            tables.values().forEach(t -> all.addAll(t.keySet()));
            return Collections.unmodifiableSet(all);
        }
        return Collections.unmodifiableSet(tables.get(lang).keySet());
    }

    /** For tests: the tables as maps (read-only copies). */
    Map<Lang, Map<String, String>> tables() {
        Map<Lang, Map<String, String>> copy = new HashMap<>();
        tables.forEach((l, t) -> copy.put(l, Map.copyOf(t)));
        return copy;
    }
}
