package convkit.grading;

import java.util.ArrayList;
import java.util.List;

import convkit.viz.HtmlView;
import convkit.viz.Tables;
import tech.tablesaw.api.Table;

/**
 * What {@link Check#run} shows in a notebook cell: the score table and, below it, each failed test's message and
 * hint. As text ({@code toString()}, what every kernel shows) no line is longer than {@link #WIDTH} characters, so
 * that a notebook column holds it without wrapping mid-word; convkit's kernel shows the table as an HTML table
 * ({@link #html}). The full {@link GradeReport} is {@link #report()}.
 */
public final class Feedback implements HtmlView {
    /** The longest line of the text form: 100 characters of a 12-px monospace font fit Jupyter's 978-px column. */
    public static final int WIDTH = 100;

    private final GradeReport report;
    private final Table scores;
    private final String details;

    Feedback(GradeReport report, Table scores, String details) {
        this.report = report;
        this.scores = scores;
        this.details = details;
    }

    /**
     * The notebook form of the student feedback {@code full} ({@link Check#feedback}): its score table without
     * the hint column (each failed test's hint follows in full below the table), the rest wrapped at WIDTH.
     */
    static Feedback of(GradeReport report, String full) {
        if (report.tests().isEmpty()) return new Feedback(report, null, wrap(full));
        Table table = report.table(true);
        String tableText = table.printAll();
        String rest = full.startsWith(tableText) ? full.substring(tableText.length()) : full;
        Table scores = table.copy();
        String hint = GradeReport.t("hint");   // the student view's column, in the student's language
        if (scores.columnNames().contains(hint)) scores.removeColumns(hint);
        return new Feedback(report, scores, wrap(rest.replaceFirst("^\n+", "")));
    }

    /** The graded tests, points and messages behind this feedback. */
    public GradeReport report() {
        return report;
    }

    @Override
    public String toString() {
        return scores == null ? details : scores.printAll() + "\n\n" + details;
    }

    @Override
    public String html() {
        StringBuilder sb = new StringBuilder("<div class=\"convkit-feedback\">\n");
        if (scores != null) sb.append(Tables.html(scores));
        if (!details.isBlank()) {
            sb.append("<pre style=\"white-space: pre-wrap; word-break: normal; overflow-wrap: anywhere\">")
                    .append(escape(details.strip())).append("</pre>\n");
        }
        return sb.append("</div>\n").toString();
    }

    /** {@code text} with every line longer than WIDTH broken at spaces, continuation lines indented like their line. */
    static String wrap(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (out.length() > 0) out.append('\n');
            if (line.length() <= WIDTH) {
                out.append(line);
                continue;
            }
            String indent = line.substring(0, line.length() - line.stripLeading().length()) + "  ";
            List<String> parts = new ArrayList<>();
            String rest = line;
            while (rest.length() > WIDTH) {
                int cut = rest.lastIndexOf(' ', WIDTH);
                if (cut <= indent.length()) cut = WIDTH;   // one long word: break it
                parts.add(rest.substring(0, cut).stripTrailing());
                rest = indent + rest.substring(cut).stripLeading();
            }
            parts.add(rest);
            out.append(String.join("\n", parts));
        }
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
