package convkit.jupyter;

import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.google.gson.JsonObject;

/**
 * A cell's stdout/stderr on their way to Jupyter: writes are coalesced into few, large {@code stream} messages (as
 * ipykernel does) instead of one message per line. Text is sent when the other stream is written (so stdout and
 * stderr keep their order), when {@value #CHUNK} bytes are pending, when the cell flushes or publishes anything else,
 * and otherwise at most {@value #INTERVAL_MS} ms after it was written. At most {@value #CHUNK} bytes wait here; a
 * writer that outpaces the client waits in {@link IOPub} (memory stays bounded, nothing is dropped).
 */
final class StreamBuffer {

    static final int CHUNK = 32 * 1024;
    static final int INTERVAL_MS = 50;

    private static final Set<StreamBuffer> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Thread t = new Thread(StreamBuffer::flushPeriodically, "convkit-output-flush");
        t.setDaemon(true);
        t.start();
    }

    private final CellContext cell;
    private byte[] bytes = new byte[0]; // allocated on the first write, released when empty after the cell
    private int length;
    private String stream;

    StreamBuffer(CellContext cell) {
        this.cell = cell;
    }

    /** Appends what {@code stream} ("stdout" or "stderr") was written. */
    synchronized void write(String name, byte[] b, int off, int len) throws InterruptedIOException {
        if (len > 0 && length > 0 && !name.equals(stream)) {
            send();
        }
        stream = name;
        if (bytes.length == 0 && len > 0) {
            bytes = new byte[CHUNK];
        }
        while (len > 0) {
            int n = Math.min(len, CHUNK - length);
            System.arraycopy(b, off, bytes, length, n);
            length += n;
            off += n;
            len -= n;
            if (length == CHUNK) {
                send();
            }
        }
        if (length > 0) {
            PENDING.add(this);
        }
    }

    /** Sends what is pending now. */
    synchronized void flush() {
        try {
            send();
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the pending text, except an incomplete UTF-8 sequence at its end (it waits for its last bytes). */
    private void send() throws InterruptedIOException {
        if (length == 0) {
            if (cell.finished()) {
                bytes = new byte[0]; // a finished cell keeps no buffer (its threads may still print: reallocated)
            }
            return;
        }
        int complete = completeUtf8(bytes, length);
        if (complete == 0 && length < 4) {
            return;
        }
        if (complete == 0) {
            complete = length; // not UTF-8 anyway: let the decoder replace it
        }
        String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
        JsonObject content = new JsonObject();
        content.addProperty("name", stream);
        content.addProperty("text", text);
        try {
            if (cell.toTerminal()) {
                ("stderr".equals(stream) ? KernelLog.TERMINAL_ERR : KernelLog.TERMINAL_OUT).print(text);
            } else {
                cell.publishNow("stream", content);
            }
        } catch (InterruptedException e) {
            throw new InterruptedIOException("interrupted while output was waiting for the client");
        }
        System.arraycopy(bytes, complete, bytes, 0, length - complete);
        length -= complete;
        if (length == 0) {
            PENDING.remove(this);
            if (cell.finished()) {
                bytes = new byte[0];
            }
        }
    }

    /** The length of the longest prefix of {@code b[0, len)} that does not end inside a UTF-8 sequence. */
    static int completeUtf8(byte[] b, int len) {
        for (int back = 1; back <= Math.min(3, len); back++) {
            int c = b[len - back] & 0xff;
            if ((c & 0xc0) == 0x80) {
                continue; // continuation byte: look further back for the lead byte
            }
            int need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
            return need > back ? len - back : len;
        }
        return len;
    }

    private static void flushPeriodically() {
        while (true) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            for (StreamBuffer b : PENDING) {
                b.flush();
            }
        }
    }
}
