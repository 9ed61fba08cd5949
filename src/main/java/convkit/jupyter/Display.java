package convkit.jupyter;

import java.io.InterruptedIOException;

import com.google.gson.JsonObject;

/**
 * {@code display(x)} and {@code clearOutput()} for notebook cells: the kernel imports both statically at start, so a
 * cell can write {@code display(image);} exactly as on IJava or JJava. A {@link java.awt.image.RenderedImage} is shown
 * as PNG, anything else as its text ({@link Rendering}).
 *
 * <p>Unlike IJava/JJava (whose {@code display} returns a display id), this returns nothing, so a cell ending in
 * {@code display(x);} shows no extra result. Portable notebooks therefore never use the return value.
 * Outside a kernel (e.g. in a unit test) the text form is printed to {@code System.out}. Called from a thread a cell
 * started, the output goes to that cell.
 */
public final class Display {

    private Display() {
    }

    /** Shows {@code value} in the output of the running cell (rendered on the calling thread). */
    public static void display(Object value) {
        CellContext cell = CellContext.forOutput();
        if (cell == null || cell.toTerminal()) {
            System.out.println(Rendering.text(value));
            return;
        }
        publish(cell, "display_data", Rendering.json(Rendering.render(value)));
    }

    /** Clears the output of the running cell. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the output of the running cell; with {@code wait}, only once new output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        CellContext cell = CellContext.forOutput();
        if (cell == null || cell.toTerminal()) {
            return;
        }
        JsonObject content = new JsonObject();
        content.addProperty("wait", wait);
        publish(cell, "clear_output", content);
    }

    private static void publish(CellContext cell, String type, JsonObject content) {
        try {
            cell.publish(type, content);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(new InterruptedIOException("interrupted while publishing " + type));
        }
    }
}
