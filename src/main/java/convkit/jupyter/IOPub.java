package convkit.jupyter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The IOPub channel: every broadcast (status, streams, results, errors, ...) goes through one queue to one thread that
 * owns the XPUB socket, so messages leave in the order they were published, from whatever thread.
 *
 * <p>Nothing is dropped: the socket is an XPUB with {@code XPUB_NODROP}, so when a subscriber falls behind (ZeroMQ's
 * high-water mark of 1000 messages) sending waits instead of discarding, the queue (1024 messages) fills, and then the
 * publishing thread waits too. Memory stays bounded and a cell printing faster than the client reads is slowed down,
 * never truncated. A plain PUB socket silently drops at the high-water mark: that is how 50,000 printed lines used to
 * arrive as a fraction, and the final {@code idle} status could be lost.
 *
 * <p>Each new subscription gets an {@code iopub_welcome} message (protocol 5.5, JEP 65), so a client knows when its
 * subscription is live.
 */
final class IOPub {

    private static final int QUEUE = 1024;

    private final Wire wire;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
    private volatile boolean running = true;
    private ZMQ.Socket socket;
    private Thread thread;

    /** A position in the queue: counted down once everything published before it has been handed to ZeroMQ. */
    private static final class Marker {
        final CountDownLatch passed = new CountDownLatch(1);
    }

    IOPub(Wire wire) {
        this.wire = wire;
    }

    void bind(ZMQ.Context context, String address) {
        socket = context.socket(SocketType.XPUB);
        socket.setLinger(1000);
        socket.setXpubVerbose(true);
        socket.setXpubNoDrop(true);
        socket.setSendTimeOut(200);
        socket.bind(address);
        thread = new Thread(this::loop, "convkit-iopub");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a message caused by the request with header {@code parent} (null: no parent); waits if the queue is full. */
    void publish(JsonObject parent, String type, JsonObject content) throws InterruptedException {
        queue.put(wire.publication(parent, type, content));
    }

    /** {@link #publish} for the kernel's own threads, which are never interrupted on purpose. */
    void publishUninterruptibly(JsonObject parent, String type, JsonObject content) {
        WireMessage m = wire.publication(parent, type, content);
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(m);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until everything published so far has been handed to ZeroMQ (before a reply, so output precedes it). */
    void sync() {
        if (!running) {
            return;
        }
        Marker m = new Marker();
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    queue.put(m);
                    while (running && !m.passed.await(100, TimeUnit.MILLISECONDS)) {
                        // wait for the IOPub thread
                    }
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        try {
            while (running) {
                welcomeNewSubscribers();
                Object next = queue.poll(20, TimeUnit.MILLISECONDS);
                if (next instanceof Marker) {
                    ((Marker) next).passed.countDown();
                } else if (next != null) {
                    send((WireMessage) next);
                }
            }
        } catch (InterruptedException e) {
            // closing
        } catch (RuntimeException e) {
            KernelLog.warn("the IOPub thread failed", e);
        } finally {
            queue.forEach(o -> {
                if (o instanceof Marker) {
                    ((Marker) o).passed.countDown();
                }
            });
            socket.close();
        }
    }

    private void welcomeNewSubscribers() {
        byte[] frame;
        while ((frame = socket.recv(ZMQ.DONTWAIT)) != null) {
            while (socket.hasReceiveMore()) {
                socket.recv(0);
            }
            if (frame.length > 0 && frame[0] == 1) {
                JsonObject content = new JsonObject();
                content.addProperty("subscription", new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8));
                send(wire.publication(null, "iopub_welcome", content));
            }
        }
    }

    private void send(WireMessage m) {
        List<byte[]> frames = wire.frames(m);
        while (!Wire.send(socket, frames)) {
            if (!running) {
                return; // shutting down with a subscriber that stopped reading
            }
            welcomeNewSubscribers();
        }
    }

    /** Stops after sending what is queued (for at most a second). */
    void close() {
        sync();
        running = false;
        if (thread != null) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
