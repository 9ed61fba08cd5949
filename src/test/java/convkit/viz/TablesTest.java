package convkit.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

class TablesTest {

    private static Table history() {
        return Table.create("LeNet training",
                IntColumn.create("epoch", new int[] {1, 2}),
                DoubleColumn.create("loss", new double[] {2.322294674110846, 2.0123000380576137}),
                DoubleColumn.create("train_acc", new double[] {0.09941666666666667, 0.22801666666666667}),
                StringColumn.create("note", new String[] {"a < b & c", "\"quoted\""}));
    }

    @Test
    void htmlHasTheNameAsCaptionOneHeaderPerColumnAndTheCellsAsTheTextShowsThem() {
        Table t = history();
        t.doubleColumn("train_acc").setPrintFormatter(NumberColumnFormatter.fixedWithGrouping(4));
        String html = Tables.html(t);
        assertThat(html).startsWith("<table").endsWith("</table>\n")
                .contains("<caption style=\"caption-side: top; text-align: left; font-weight: bold\">LeNet training</caption>")
                .contains("<th style=\"text-align: right\">epoch</th>")
                .contains("<th style=\"text-align: left\">note</th>")
                .contains("<td style=\"text-align: right\">0.0994</td>")
                .contains("<td style=\"text-align: left\">a &lt; b &amp; c</td>")
                .contains("&quot;quoted&quot;")
                .doesNotContain("width");
        assertThat(html.split("<tr>", -1)).hasSize(1 + 1 + 2);   // header row and two rows
        assertThat(Tables.html(Table.create(IntColumn.create("n", new int[] {3})))).doesNotContain("<caption");
    }

    @Test
    void aTableIsShownAsHtmlBesideItsUsualText() {
        Table t = history();
        Map<String, String> b = MimeBundle.of(t);
        assertThat(b.keySet()).containsExactly("text/plain", "text/html");
        assertThat(b.get("text/plain")).isEqualTo(t.toString());   // what IJava, JJava and rapaio show
        assertThat(b.get("text/html")).isEqualTo(Tables.html(t));
        assertThat(MimeBundle.of("a string")).isNull();
        assertThat(MimeBundle.of(null)).isNull();
    }
}
