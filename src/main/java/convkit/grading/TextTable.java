package convkit.grading;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A table as text, laid out the way Tablesaw's {@code printAll()} lays one out: the title centred over the table,
 * a header of centred column names, a line of dashes, then the rows, every cell right-aligned in its column's width
 * and followed by {@code "  |"}; numbers without trailing zeros, missing ones blank. GradeReportTest checks that it
 * prints exactly what Tablesaw prints.
 */
final class TextTable {
    private TextTable() {
    }

    static String render(String title, List<String> columns, List<Object[]> rows) {
        int n = columns.size();
        List<String[]> cells = new ArrayList<>();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) width[c] = columns.get(c).length();
        for (Object[] row : rows) {
            String[] s = new String[n];
            for (int c = 0; c < n; c++) {
                Object v = row[c];
                s[c] = v == null ? "" : v instanceof Double d ? number(d) : v.toString();
                width[c] = Math.max(width[c], s[c].length());
            }
            cells.add(s);
        }
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < n; c++) header.append(c == 0 ? " " : "  ").append(centre(columns.get(c), width[c])).append("  |");
        int total = header.length();
        StringBuilder out = new StringBuilder();
        out.append(title.length() >= total ? title : centre(title, total)).append('\n');
        out.append(header).append('\n').append("-".repeat(total));
        for (String[] s : cells) {
            out.append('\n');
            for (int c = 0; c < n; c++) {
                out.append(c == 0 ? " " : "  ").append(" ".repeat(width[c] - s[c].length())).append(s[c]).append("  |");
            }
        }
        return out.toString();
    }

    static String number(double d) {
        if (Double.isNaN(d)) return "";
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static String centre(String s, int w) {
        int left = (w - s.length()) / 2;
        return " ".repeat(left) + s + " ".repeat(w - s.length() - left);
    }
}
