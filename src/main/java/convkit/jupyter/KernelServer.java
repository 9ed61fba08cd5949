package convkit.jupyter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

import com.google.gson.JsonObject;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The five ZeroMQ sockets of a Jupyter kernel, bound to the connection file's ports, each served by a thread of its
 * own: shell (requests, one at a time: the cells), control (interrupt, shutdown, kernel_info: answered even while a
 * cell runs), heartbeat (echo), IOPub ({@link IOPub}) and stdin ({@link Stdin}).
 */
final class KernelServer {

    private final JsonObject connection;
    private final ZMQ.Context context = ZMQ.context(1);
    private final Wire wire;
    private final IOPub iopub;
    private final Stdin stdin;
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    KernelServer(JsonObject connection, Wire wire, IOPub iopub, Stdin stdin) {
        this.connection = connection;
        this.wire = wire;
        this.iopub = iopub;
        this.stdin = stdin;
    }

    private String address(String port) {
        String transport = WireMessage.string(connection, "transport", "tcp");
        String ip = WireMessage.string(connection, "ip", "127.0.0.1");
        String p = connection.get(port).getAsString();
        return "ipc".equals(transport) ? transport + "://" + ip + "-" + p : transport + "://" + ip + ":" + p;
    }

    /** Binds every socket and starts serving; the shell and control requests go to {@code requests}. */
    void start(Requests requests) {
        iopub.bind(context, address("iopub_port"));
        stdin.bind(context, address("stdin_port"));
        serve("convkit-shell", address("shell_port"), requests::onShell);
        serve("convkit-control", address("control_port"), requests::onControl);
        heartbeat(address("hb_port"));
    }

    /** A socket served by a thread of its own: {@code whenReadable} runs each time a message waits on it. */
    private void loop(String name, SocketType type, String address, int linger,
            BiConsumer<ZMQ.Socket, ZMQ.Poller> whenReadable) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(linger);
        socket.bind(address);
        Thread t = new Thread(() -> {
            ZMQ.Poller poller = context.poller(1);
            poller.register(socket, ZMQ.Poller.POLLIN);
            try {
                while (running) {
                    if (poller.poll(100) > 0) {
                        whenReadable.accept(socket, poller);
                    }
                }
            } catch (RuntimeException e) {
                if (running) {
                    KernelLog.warn(name + " stopped", e);
                }
            } finally {
                poller.close();
                socket.close();
            }
        }, name);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    /** A ROUTER socket of requests: each is read, handled, and answered on the same socket and thread. */
    private void serve(String name, String address, BiConsumer<WireMessage, Requests.Channel> handler) {
        loop(name, SocketType.ROUTER, address, 1000, (socket, poller) -> {
            WireMessage m = wire.read(socket);
            if (m == null) {
                return;
            }
            Requests.Channel channel = new Requests.Channel() {
                @Override
                public void send(WireMessage reply) {
                    Wire.send(socket, wire.frames(reply));
                }

                @Override
                public WireMessage poll(long millis) {
                    while (poller.poll(millis) > 0) {
                        WireMessage next = wire.read(socket);
                        if (next != null) {
                            return next;
                        }
                    }
                    return null;
                }
            };
            try {
                handler.accept(m, channel);
            } catch (RuntimeException | Error e) {
                KernelLog.warn(name + ": failed on " + m.type(), e);
            }
        });
    }

    /** The heartbeat: every ping is sent back as it came. */
    private void heartbeat(String address) {
        loop("convkit-heartbeat", SocketType.REP, address, 0, (socket, poller) -> {
            byte[] ping = socket.recv(0);
            socket.send(ping == null ? new byte[0] : ping, 0);
        });
    }

    /** Asks every thread to stop (after a shutdown_request); {@link #awaitStop()} returns. */
    void stop() {
        running = false;
        stopped.countDown();
    }

    /** Waits for {@link #stop()}, then closes the sockets (sending what is queued, for at most a second or two). */
    void awaitStop() throws InterruptedException {
        stopped.await();
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                t.join(2000);
            }
        }
        iopub.close();
        stdin.close();
        Thread term = new Thread(context::term, "convkit-zmq-term");
        term.setDaemon(true);
        term.start();
        term.join(2000);
    }
}
