package convkit.jupyter;

import java.io.InterruptedIOException;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The stdin channel: {@code input_request} to the front end that sent the running {@code execute_request}, then wait
 * for its {@code input_reply}. The wait ends on interrupt (or a stop of the cell's thread).
 */
final class Stdin {

    private final Wire wire;
    private ZMQ.Context context;
    private ZMQ.Socket socket;
    private volatile boolean closed;

    Stdin(Wire wire) {
        this.wire = wire;
    }

    synchronized void bind(ZMQ.Context context, String address) {
        this.context = context;
        socket = context.socket(SocketType.ROUTER);
        socket.setLinger(1000);
        socket.bind(address);
    }

    /** A line typed by the user (without its line end), or null when none can be asked for. */
    synchronized String readLine(CellContext cell, String prompt, boolean password) throws InterruptedIOException {
        if (closed || socket == null || cell.request == null) {
            return null;
        }
        JsonObject content = new JsonObject();
        content.addProperty("prompt", prompt);
        content.addProperty("password", password);
        WireMessage request = wire.reply(cell.request, "input_request", content, new JsonObject());
        Wire.send(socket, wire.frames(request));
        ZMQ.Poller poller = context.poller(1);
        try {
            poller.register(socket, ZMQ.Poller.POLLIN);
            while (!closed) {
                if (Thread.interrupted() || CellGuard.isMarked(Thread.currentThread()) || cell.stopRequested()) {
                    throw new InterruptedIOException("interrupted while waiting for input");
                }
                if (poller.poll(100) <= 0) {
                    continue;
                }
                WireMessage reply = wire.read(socket);
                if (reply != null && "input_reply".equals(reply.type())) {
                    return reply.text("value", "");
                }
            }
            return null;
        } finally {
            poller.close();
        }
    }

    void close() {
        closed = true;
        synchronized (this) {
            if (socket != null) {
                socket.close();
                socket = null;
            }
        }
    }
}
