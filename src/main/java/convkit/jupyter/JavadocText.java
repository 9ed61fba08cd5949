package convkit.jupyter;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Javadoc for {@code inspect_request} (Shift-Tab) and the {@code name?} pager: where JShell finds sources, and how a
 * raw doc comment becomes readable plain text.
 *
 * <p>JShell reads Javadoc from the JDK's {@code lib/src.zip} only (Debian's JDK has it once the
 * {@code openjdk-17-source} package is installed; Temurin ships it). {@link #addLibrarySources} also gives it the
 * convkit library's own sources ({@code src/main/java} next to {@code target/}), which needs the kernel's JVM flag
 * {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED} (in the kernelspec); without it only JDK Javadoc is shown.
 */
final class JavadocText {

    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)\\s*([^{}]*)}");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^[ \\t]*@(\\w+)[ \\t]+");

    private JavadocText() {
    }

    /** Makes JShell read Javadoc from the JDK's sources and from {@code extra}; false if JShell's field is closed. */
    static boolean addLibrarySources(List<Path> extra) {
        if (extra.isEmpty()) {
            return false;
        }
        try {
            Field f = Class.forName("jdk.jshell.SourceCodeAnalysisImpl").getDeclaredField("availableSourcesOverride");
            f.setAccessible(true);
            List<Path> all = new ArrayList<>(jdkSources());
            all.addAll(extra);
            f.set(null, all);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // no --add-opens: JShell keeps finding the JDK's own sources
        }
    }

    /** What JShell itself would use: the module folders inside {@code $JAVA_HOME/lib/src.zip}. */
    private static List<Path> jdkSources() {
        Path home = Path.of(System.getProperty("java.home"));
        Path zip = home.resolve("lib").resolve("src.zip");
        if (!Files.isReadable(zip)) {
            zip = home.getParent().resolve("src.zip");
        }
        if (!Files.isReadable(zip)) {
            return List.of();
        }
        try {
            FileSystem fs = FileSystems.newFileSystem(zip, Collections.emptyMap()); // stays open for JShell
            Path root = fs.getRootDirectories().iterator().next();
            if (Files.exists(root.resolve("java/lang/Object.java"))) {
                return List.of(zip);
            }
            List<Path> modules = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                for (Path p : ds) {
                    if (Files.isDirectory(p)) {
                        modules.add(p);
                    }
                }
            }
            return modules;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** {@code src/main/java} of the checkout the kernel's classes come from, if it is there. */
    static List<Path> librarySources() {
        try {
            Path p = Path.of(JavadocText.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/classes or target/convkit.jar -> the checkout
            Path target = p.getParent();
            if (target != null && target.getParent() != null) {
                Path src = target.getParent().resolve("src/main/java");
                if (Files.isDirectory(src)) {
                    return List.of(src);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source (unusual class loader): no library sources
        }
        return List.of();
    }

    /** A doc comment as plain text: inline tags unwrapped, HTML dropped, block tags on lines of their own. */
    static String format(String javadoc) {
        if (javadoc == null) {
            return null;
        }
        String s = javadoc;
        Matcher m = INLINE_TAG.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String tag = m.group(1);
            String body = m.group(2).trim();
            String replacement;
            if (tag.equals("link") || tag.equals("linkplain")) {
                // the reference ends at the first blank outside its parameter list: Math#min(int, int) min
                int open = body.indexOf('(');
                int blank = body.indexOf(' ');
                int end = open >= 0 && (blank < 0 || open < blank) ? body.indexOf(')', open) + 1 : blank;
                String reference = end <= 0 ? body : body.substring(0, end);
                String label = end <= 0 ? "" : body.substring(end).trim();
                replacement = label.isEmpty() ? reference.replace('#', '.').replaceFirst("^\\.", "") : label;
            } else if (tag.equals("inheritDoc")) {
                replacement = "";
            } else {
                replacement = body; // code, literal, value, ...
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        s = sb.toString();
        s = s.replaceAll("(?i)<p>|<p\\s[^>]*>", "\n\n").replaceAll("(?i)</p>", "")
                .replaceAll("(?i)<li>", "\n- ").replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</?(pre|ul|ol|li|code|b|i|em|strong|a|table|tr|td|th|tbody|thead|dl|dt|dd|h\\d|sup|sub|span|div|blockquote)(\\s[^>]*)?>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&quot;", "\"")
                .replace("&#64;", "@").replace("&amp;", "&");
        s = BLOCK_TAG.matcher(s).replaceAll("@$1 ");
        StringBuilder out = new StringBuilder();
        boolean blank = false;
        for (String line : s.split("\n", -1)) {
            String t = line.strip().replaceAll("\\s{2,}", " ");
            if (t.isEmpty()) {
                blank = out.length() > 0;
                continue;
            }
            if (blank) {
                out.append(t.startsWith("- ") ? "\n" : "\n\n");
            } else if (out.length() > 0) {
                out.append(t.startsWith("@") || t.startsWith("- ") ? "\n" : " ");
            }
            out.append(t);
            blank = false;
        }
        return out.toString();
    }
}
