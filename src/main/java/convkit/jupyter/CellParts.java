package convkit.jupyter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell's source cut into Java code and IJava-style line magics ({@code %name args...} alone on a line),
 * in their order. Lines inside a Java text block are never taken for magics.
 */
final class CellParts {

    /** One piece of a cell: either Java code ({@code magic == null}) or a line magic with its arguments. */
    record Part(String code, String magic, List<String> args) {
        boolean isMagic() {
            return magic != null;
        }
    }

    private static final Pattern MAGIC_LINE = Pattern.compile("^\\s*%([A-Za-z][\\w-]*)(.*)$");

    private CellParts() {
    }

    static List<Part> split(String cell) {
        List<Part> parts = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        boolean inTextBlock = false;
        for (String line : cell.split("\n", -1)) {
            Matcher m = MAGIC_LINE.matcher(line);
            if (!inTextBlock && m.matches()) {
                if (!code.toString().isBlank()) {
                    parts.add(new Part(code.toString(), null, List.of()));
                }
                code.setLength(0);
                parts.add(new Part(line, m.group(1), splitArgs(m.group(2))));
                code.append('\n'); // keep line numbers of later code aligned with the cell
                continue;
            }
            code.append(line).append('\n');
            inTextBlock ^= countTextBlockQuotes(line) % 2 == 1;
        }
        if (!code.toString().isBlank()) {
            parts.add(new Part(code.toString(), null, List.of()));
        }
        return parts;
    }

    private static int countTextBlockQuotes(String line) {
        int n = 0;
        for (int i = line.indexOf("\"\"\""); i >= 0; i = line.indexOf("\"\"\"", i + 3)) {
            n++;
        }
        return n;
    }

    /** Splits magic arguments on blanks; double quotes group words, a backslash escapes the next character. */
    static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                cur.append(s.charAt(++i));
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
