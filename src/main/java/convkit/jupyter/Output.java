package convkit.jupyter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code System.out}, {@code System.err} and {@code System.in} of the kernel's JVM, installed once at start: what a
 * thread writes goes to the cell it belongs to ({@link CellContext#forOutput}: a thread a cell started writes into
 * that cell's output even after the cell has finished, as the Jupyter Notebook expects), coalesced by
 * {@link StreamBuffer}. Reading {@code System.in} in a cell asks the front end for a line ({@link Stdin}) when the
 * request allowed it, and is at its end otherwise.
 */
final class Output {

    private Output() {
    }

    static void install(Stdin stdin) {
        System.setOut(new PrintStream(new Route("stdout", KernelLog.TERMINAL_OUT), false, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Route("stderr", KernelLog.TERMINAL_ERR), false, StandardCharsets.UTF_8));
        System.setIn(new Input(stdin));
    }

    /** One of the two streams; the destination is looked up per write, from the writing thread. */
    private static final class Route extends OutputStream {
        private final String name;
        private final PrintStream terminal;

        Route(String name, PrintStream terminal) {
            this.name = name;
            this.terminal = terminal;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            CellContext cell = CellContext.forOutput();
            if (cell == null) {
                terminal.write(b, off, len);
            } else {
                cell.streams.write(name, b, off, len);
            }
        }

        /** {@code System.out.flush()} sends what the calling thread's cell has pending now. */
        @Override
        public void flush() {
            CellContext cell = CellContext.forOutput();
            if (cell != null) {
                cell.streams.flush();
            } else {
                terminal.flush();
            }
        }
    }

    /** System.in: lines typed into the front end's input box, one {@code input_request} per line. */
    private static final class Input extends InputStream {
        private final Stdin stdin;
        private byte[] line = new byte[0];
        private int pos;
        private CellContext lineOwner;

        Input(Stdin stdin) {
            this.stdin = stdin;
        }

        private boolean fill() throws IOException {
            CellContext cell = CellContext.forOutput();
            if (lineOwner != cell) {
                line = new byte[0];
                pos = 0;
                lineOwner = cell;
            }
            if (pos < line.length) {
                return true;
            }
            if (cell == null || cell.toTerminal() || !cell.allowStdin || cell.finished()) {
                return false;
            }
            cell.streams.flush();
            String text = stdin.readLine(cell, "", false);
            if (text == null) {
                return false;
            }
            line = (text + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        @Override
        public synchronized int read() throws IOException {
            return fill() ? line[pos++] & 0xff : -1;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, line.length - pos);
            System.arraycopy(line, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public synchronized int available() {
            return line.length - pos;
        }
    }
}
