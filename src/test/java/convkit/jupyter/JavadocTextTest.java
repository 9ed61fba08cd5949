package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Shift-Tab's text: a raw doc comment made readable. */
class JavadocTextTest {

    @Test
    void inlineTagsHtmlAndBlockTags() {
        String raw = "Returns the greater of two {@code int} values.  That is, see {@link Math#min(int, int) min}.\n"
                + "<p>Second <b>paragraph</b> &lt;here&gt;.\n"
                + "<ul><li>one</li><li>two</li></ul>\n"
                + "\n"
                + "@param a   an argument.\n"
                + "@param b   another argument.\n"
                + "@return the larger of {@code a} and {@code b}.\n";
        assertThat(JavadocText.format(raw)).isEqualTo(
                "Returns the greater of two int values. That is, see min.\n\n"
                        + "Second paragraph <here>.\n- one\n- two\n\n"
                        + "@param a an argument.\n@param b another argument.\n@return the larger of a and b.");
    }

    @Test
    void linksWithoutLabelShowTheTarget() {
        assertThat(JavadocText.format("Like {@link java.util.List#of}.")).isEqualTo("Like java.util.List.of.");
        assertThat(JavadocText.format(null)).isNull();
    }
}
