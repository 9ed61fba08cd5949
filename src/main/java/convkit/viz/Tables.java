package convkit.viz;

import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tablesaw tables as a person reads them in a notebook: an HTML table, what convkit's kernel shows beside the text
 * that every kernel shows ({@link MimeBundle}).
 *
 * <p>The HTML shows each cell exactly as the table's text does ({@link Column#getString(int)}: a column's print
 * format, e.g. {@code column.setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4))} for 4 decimals,
 * applies to both), numbers right-aligned and text left-aligned; it sets no width, so that the notebook wraps long
 * cells between words rather than drawing the table wider than its column.
 */
public final class Tables {
    private Tables() {
    }

    /**
     * The table as HTML: {@code <table>} with the table's name as {@code <caption>} (when it has one), a header
     * row and every row (tables are small in notebooks; use {@link Table#first} for long ones). Text is escaped.
     */
    public static String html(Table table) {
        if (table == null) throw new IllegalArgumentException("table must not be null");
        StringBuilder sb = new StringBuilder("<table class=\"convkit-table\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            sb.append("<caption style=\"caption-side: top; text-align: left; font-weight: bold\">")
                    .append(escape(table.name())).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            sb.append("<th style=\"text-align: ").append(align(c)).append("\">").append(escape(c.name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < table.rowCount(); r++) {
            sb.append("<tr>");
            for (Column<?> c : table.columns()) {
                sb.append("<td style=\"text-align: ").append(align(c)).append("\">").append(escape(c.getString(r)))
                        .append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    private static String align(Column<?> c) {
        return c instanceof NumberColumn ? "right" : "left";
    }

    /** {@code s} with &amp;, &lt;, &gt; and &quot; escaped for HTML text and attribute values. */
    static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                default: sb.append(ch);
            }
        }
        return sb.toString();
    }
}
