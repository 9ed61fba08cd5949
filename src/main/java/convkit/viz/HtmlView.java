package convkit.viz;

/**
 * An object that a notebook shows as HTML beside its {@code toString()} text ({@link MimeBundle}): convkit's
 * kernel sends both, and the browser shows the HTML; IJava, JJava and rapaio show the text.
 */
public interface HtmlView {
    /** An HTML fragment (no {@code <html>} or {@code <body>}) showing the same as {@code toString()}. */
    String html();
}
