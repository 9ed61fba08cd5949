package convkit.jupyter;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import convkit.viz.MimeBundle;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * How the kernel shows an object: a {@link RenderedImage} as image/png (with a short text/plain stand-in),
 * a {@link DisplayData} as itself, what {@link MimeBundle} has a richer form for (a Tablesaw table as text/html
 * beside its text) as that bundle, an array as JShell prints it, anything else as text/plain by its
 * {@code toString()} (a convkit Tensor thus shows its NumPy-like text). The one place to add MIME types: results
 * ({@code execute_result}), {@code display(x)} and {@code user_expressions} all come through {@link #render}, which the
 * kernel calls on a thread of the cell (so a {@code toString()} that never returns can be interrupted).
 */
final class Rendering {

    private static final Gson GSON = new Gson();

    private Rendering() {
    }

    static DisplayData render(Object value) {
        if (value instanceof DisplayData) {
            return (DisplayData) value;
        }
        Map<String, String> rich = MimeBundle.of(value);   // tables as HTML beside their text (convkit.viz)
        if (rich != null) {
            DisplayData d = new DisplayData(rich.get("text/plain"));
            rich.forEach((mime, data) -> d.putData(mime, data));
            return d;
        }
        if (value instanceof RenderedImage) {
            RenderedImage img = (RenderedImage) value;
            DisplayData d = new DisplayData("<image " + img.getWidth() + "x" + img.getHeight() + ">");
            d.putData(MIMEType.IMAGE_PNG, png(img));
            return d;
        }
        return new DisplayData(text(value));
    }

    static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            return CellExecutionControl.jshellText(value);
        }
        return String.valueOf(value);
    }

    /** {@code {"data": {...}, "metadata": {...}}} (and {@code "transient"} when set), as Jupyter messages carry it. */
    static JsonObject json(DisplayData data) {
        JsonObject o = GSON.toJsonTree(data).getAsJsonObject();
        if (!o.has("metadata")) {
            o.add("metadata", new JsonObject());
        }
        return o;
    }

    /** Base64 of the PNG encoding of {@code img}. */
    static String png(RenderedImage img) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", bytes)) {
                throw new IllegalArgumentException("no PNG writer for image of type " + img.getClass().getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
