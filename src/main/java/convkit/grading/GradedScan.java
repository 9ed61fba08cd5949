package convkit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the {@code @Graded} annotations of test sources as text, without compiling them. This is how
 * the grader knows the full list of graded tests and their points even when a test class cannot run
 * (so a broken submission scores zero of the full maximum, never a smaller maximum), and how the kit
 * builder counts hidden tests for the student manifest.
 */
final class GradedScan {
    private GradedScan() {
    }

    /** One graded test method as written in a test source. */
    record Entry(String key, String number, double points, Visibility visibility, String hint, String name, Path file) {
    }

    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern METHOD = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /** All graded methods under {@code root} (recursively, *.java), in file order. */
    static List<Entry> scan(Path root) {
        List<Entry> out = new ArrayList<>();
        if (root == null || !Files.isDirectory(root)) return out;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                out.addAll(scanFile(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Entry> scanFile(Path file) throws IOException {
        String src = Files.readString(file);
        Matcher pm = PACKAGE.matcher(src);
        String pkg = pm.find() ? pm.group(1) + "." : "";
        String cls = pkg + file.getFileName().toString().replace(".java", "");
        List<Entry> out = new ArrayList<>();
        int at = 0;
        while ((at = src.indexOf("@Graded(", at)) >= 0) {
            int open = at + "@Graded".length();
            int close = matchingParen(src, open);
            String args = src.substring(open + 1, close);
            Matcher mm = METHOD.matcher(src);
            if (!mm.find(close)) throw new IllegalArgumentException(file + ": @Graded without a following method");
            String number = stringArg(args, "number");
            if (number == null) throw new IllegalArgumentException(file + ": @Graded without number = \"...\"");
            String pts = valueArg(args, "points");
            String vis = valueArg(args, "visibility");
            Visibility v = vis == null ? Visibility.VISIBLE : Visibility.valueOf(vis.replace("Visibility.", "").trim());
            String hint = stringArg(args, "hint");
            String name = stringArg(args, "name");
            out.add(new Entry(cls + "#" + mm.group(1), number, pts == null ? 1 : Double.parseDouble(pts.replace("d", "")), v,
                    hint == null ? "" : hint, name == null || name.isEmpty() ? mm.group(1) : name, file));
            at = close;
        }
        return out;
    }

    private static int matchingParen(String s, int open) {
        int depth = 0;
        boolean str = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (str) {
                if (c == '\\') i++;
                else if (c == '"') str = false;
            } else if (c == '"') str = true;
            else if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i;
        }
        throw new IllegalArgumentException("unbalanced parentheses after @Graded");
    }

    /** The value of {@code name = "a" + "b"} (string literals joined), or null. */
    private static String stringArg(String args, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*").matcher(args);
        if (!m.find()) return null;
        StringBuilder sb = new StringBuilder();
        int i = m.end();
        while (true) {
            Matcher s = STRING.matcher(args);
            if (!s.find(i) || !args.substring(i, s.start()).isBlank()) break;
            sb.append(s.group(1).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
            i = s.end();
            String rest = args.substring(i).stripLeading();
            if (!rest.startsWith("+")) break;
            i = args.indexOf('+', i) + 1;
        }
        return sb.toString();
    }

    /** The raw text of a non-string argument ({@code points = 2}), or null. */
    private static String valueArg(String args, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*([\\w.]+)").matcher(args);
        return m.find() ? m.group(1) : null;
    }
}
