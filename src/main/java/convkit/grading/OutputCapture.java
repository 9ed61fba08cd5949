package convkit.grading;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces System.out and System.err in the child JVM with a bounded buffer, so a submission that
 * prints megabytes costs nothing but truncated output. {@link #take()} returns and clears what a
 * test printed.
 */
final class OutputCapture extends OutputStream {
    private final int limit;
    private final StringBuilder text = new StringBuilder();
    private long dropped;

    OutputCapture(int limit) {
        this.limit = limit;
    }

    static OutputCapture install(int limit) {
        OutputCapture capture = new OutputCapture(limit);
        PrintStream ps = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(ps);
        System.setErr(ps);
        return capture;
    }

    @Override
    public synchronized void write(int b) {
        if (text.length() < limit) text.append((char) (b & 0xff));
        else dropped++;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, limit - text.length());
        int n = Math.min(room, len);
        if (n > 0) text.append(new String(b, off, n, StandardCharsets.UTF_8));
        dropped += len - n;
    }

    /** What was printed since the last call (truncated to the limit), and clears it. */
    synchronized String take() {
        String s = text.toString();
        if (dropped > 0) s += "\n... [" + dropped + " more bytes of output truncated]";
        text.setLength(0);
        dropped = 0;
        return s;
    }
}
