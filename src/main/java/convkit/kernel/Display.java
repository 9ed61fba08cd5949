package convkit.kernel;

/**
 * {@code display(x)} for notebook cells: the kernel imports {@code static convkit.kernel.Display.display} at start,
 * so a cell can write {@code display(image);} exactly as on IJava or JJava. A {@link java.awt.image.RenderedImage}
 * is shown as PNG, anything else as its text.
 *
 * <p>Unlike IJava/JJava (whose {@code display} returns a display id), this returns nothing, so a cell ending in
 * {@code display(x);} shows no extra result. Portable notebooks therefore never use the return value.
 * Outside a kernel (e.g. in a unit test) the text form is printed to {@code System.out}.
 */
public final class Display {

    private Display() {
    }

    /** Shows {@code value} in the output of the running cell. */
    public static void display(Object value) {
        ConvkitKernel kernel = ConvkitKernel.current();
        if (kernel == null) {
            System.out.println(Rendering.text(value));
            return;
        }
        kernel.displayObject(value);
    }
}
