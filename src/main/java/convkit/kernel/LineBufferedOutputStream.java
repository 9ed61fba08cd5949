package convkit.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Passes bytes on to a Jupyter stream only at line ends (and on {@link #flush()}), so that
 * {@code printf("mean = %.4f%n", m)} becomes one stream message "mean = 1.2500\n" instead of three fragments.
 */
final class LineBufferedOutputStream extends OutputStream {

    private final PrintStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LineBufferedOutputStream(PrintStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        if (b == '\n') {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
        for (int i = off + len - 1; i >= off; i--) {
            if (b[i] == '\n') {
                flush();
                return;
            }
        }
    }

    @Override
    public synchronized void flush() {
        if (pending.size() > 0) {
            target.write(pending.toByteArray(), 0, pending.size());
            pending.reset();
        }
        target.flush();
    }
}
