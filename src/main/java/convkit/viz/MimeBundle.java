package convkit.viz;

import java.util.LinkedHashMap;
import java.util.Map;

import tech.tablesaw.api.Table;

/**
 * The richer forms in which a notebook shows the library's objects: the one place where a type gets a MIME type
 * beside its text (convkit's kernel asks it for every cell result and {@code display(x)}). A Tablesaw
 * {@link Table} shows as an HTML table ({@link Tables#html}) with its usual text beside it, an {@link HtmlView}
 * (the self-check's score) as its {@link HtmlView#html}.
 *
 * <p>{@code text/plain} is always the object's {@code toString()}, what IJava, JJava and rapaio show too, so a
 * notebook's text reads the same on every kernel; the other kernels simply do not ask for the rest.
 */
public final class MimeBundle {
    private MimeBundle() {
    }

    /**
     * MIME type to data ({@code text/plain} first) for {@code value}, or {@code null} when the library has no
     * form other than its text for it (images are the kernel's own business: it sends every
     * {@link java.awt.image.RenderedImage} as image/png).
     */
    public static Map<String, String> of(Object value) {
        String html = value instanceof Table ? Tables.html((Table) value)
                : value instanceof HtmlView ? ((HtmlView) value).html() : null;
        if (html == null) return null;
        Map<String, String> b = new LinkedHashMap<>();
        b.put("text/plain", value.toString());
        b.put("text/html", html);
        return b;
    }
}
