package convkit.jupyter;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The kernel's answers to Jupyter's requests (messaging protocol 5.3, plus the 5.5 {@code iopub_welcome} and
 * {@code kernel_info} on the control channel), modelled on ipykernel's: every request is wrapped in
 * {@code busy}/{@code idle} status messages with the request as parent, every {@code *_request} gets a
 * {@code *_reply} with a {@code status}, and {@code idle} is published after the reply and after all the output the
 * request produced ({@link IOPub#sync()}).
 *
 * <p>Execute requests follow ipykernel: {@code silent} publishes no {@code execute_input} and no result (printed output
 * and errors still appear), does not count and is not stored; {@code store_history=false} does not count (the reply
 * carries the previous count) and is not stored; {@code user_expressions} are evaluated after a successful cell and
 * returned as mime bundles or errors; after an error (not silent, {@code stop_on_error} true) the execute requests
 * already queued are aborted ({@code status: aborted}).
 */
final class Requests {

    /** A ROUTER socket the requests came from: replies go back there (from the thread that owns it). */
    interface Channel {
        void send(WireMessage m);

        /** The next message within {@code millis} ms, or null. */
        WireMessage poll(long millis);
    }

    private final Evaluator evaluator;
    private final IOPub iopub;
    private final Wire wire;
    private final History history = new History();
    private final JsonObject ports;
    private final Runnable shutdown;
    /** The number the next stored cell gets (IPython's execution_count). */
    private int nextCount = 1;

    Requests(Evaluator evaluator, IOPub iopub, Wire wire, JsonObject connectionInfo, Runnable shutdown) {
        this.evaluator = evaluator;
        this.iopub = iopub;
        this.wire = wire;
        this.shutdown = shutdown;
        ports = new JsonObject();
        for (String p : List.of("shell_port", "iopub_port", "stdin_port", "hb_port", "control_port")) {
            if (connectionInfo.has(p)) {
                ports.add(p, connectionInfo.get(p));
            }
        }
    }

    // ------------------------------------------------------------------ dispatch

    /** A message on the shell channel (one at a time, on the shell thread). */
    void onShell(WireMessage m, Channel channel) {
        List<WireMessage> deferred = new ArrayList<>();
        handle(m, channel, true, deferred);
        while (!deferred.isEmpty()) {
            handle(deferred.remove(0), channel, true, deferred);
        }
    }

    /** A message on the control channel (its own thread: answered even while a cell runs). */
    void onControl(WireMessage m, Channel channel) {
        handle(m, channel, false, null);
    }

    private void handle(WireMessage m, Channel channel, boolean shell, List<WireMessage> deferred) {
        String type = m.type();
        if ("interrupt_request".equals(type)) {
            // at once, before anything is published: while a cell floods the output, IOPub may be waiting for the client
            CellContext running = CellContext.running();
            if (running != null) {
                running.interrupt();
            }
        }
        status(m, "busy");
        boolean abortQueue = false;
        try {
            switch (type) {
                case "kernel_info_request":
                    reply(channel, m, "kernel_info_reply", kernelInfo());
                    break;
                case "interrupt_request":
                    reply(channel, m, "interrupt_reply", ok()); // the cell was interrupted above
                    break;
                case "shutdown_request": {
                    JsonObject c = ok();
                    c.addProperty("restart", m.flag("restart", false));
                    iopub.sync();
                    reply(channel, m, "shutdown_reply", c);
                    publish(m, "shutdown_reply", c); // as ipykernel: other clients learn of it too
                    shutdown.run();
                    break;
                }
                case "execute_request":
                    if (!shell) {
                        reply(channel, m, "execute_reply", error("WrongChannel",
                                "execute_request must be sent on the shell channel"));
                        break;
                    }
                    abortQueue = execute(m, channel);
                    break;
                case "complete_request":
                case "inspect_request":
                case "is_complete_request":
                case "history_request":
                case "comm_info_request":
                case "connect_request":
                    if (!shell) {
                        reply(channel, m, type.replace("_request", "_reply"),
                                error("WrongChannel", type + " must be sent on the shell channel"));
                        break;
                    }
                    reply(channel, m, type.replace("_request", "_reply"), answer(type, m));
                    break;
                case "comm_open": {
                    // no comm targets are registered here: close it, as ipykernel does for an unknown target
                    JsonObject c = new JsonObject();
                    c.addProperty("comm_id", m.text("comm_id", ""));
                    c.add("data", new JsonObject());
                    publish(m, "comm_close", c);
                    break;
                }
                case "comm_msg":
                case "comm_close":
                    break;
                default:
                    if (type.endsWith("_request")) {
                        reply(channel, m, type.substring(0, type.length() - "_request".length()) + "_reply",
                                error("UnsupportedRequest", "this kernel does not handle " + type));
                    } else {
                        KernelLog.warn("ignored a message of unknown type '" + type + "'");
                    }
            }
        } catch (RuntimeException e) {
            KernelLog.warn("failed to handle " + type, e);
            if (type.endsWith("_request")) {
                reply(channel, m, type.replace("_request", "_reply"),
                        error(e.getClass().getName(), String.valueOf(e.getMessage())));
            }
        } finally {
            iopub.sync();
            status(m, "idle");
        }
        if (abortQueue) {
            abortQueuedExecutes(channel, deferred);
        }
    }

    /** Requests received before the reply to a failed cell went out (see {@link #abortQueuedExecutes}). */
    private final List<WireMessage> queuedBeforeReply = new ArrayList<>();

    private JsonObject answer(String type, WireMessage m) {
        switch (type) {
            case "complete_request": {
                Evaluator.Completion c = evaluator.complete(m.text("code", ""), m.number("cursor_pos", 0));
                JsonObject r = ok();
                JsonArray matches = new JsonArray();
                c.matches().forEach(matches::add);
                r.add("matches", matches);
                r.addProperty("cursor_start", c.start());
                r.addProperty("cursor_end", c.end());
                r.add("metadata", new JsonObject());
                return r;
            }
            case "inspect_request": {
                String code = m.text("code", "");
                String doc = evaluator.inspect(code, m.number("cursor_pos", code.length()), m.number("detail_level", 0) > 0);
                JsonObject r = ok();
                r.addProperty("found", doc != null);
                JsonObject data = new JsonObject();
                if (doc != null) {
                    data.addProperty("text/plain", doc);
                }
                r.add("data", data);
                r.add("metadata", new JsonObject());
                return r;
            }
            case "is_complete_request": {
                String[] verdict = evaluator.isComplete(m.text("code", ""));
                JsonObject r = new JsonObject();
                r.addProperty("status", verdict[0]);
                if (verdict[1] != null) {
                    r.addProperty("indent", verdict[1]);
                }
                return r;
            }
            case "history_request":
                return historyReply(m);
            case "comm_info_request": {
                JsonObject r = ok();
                r.add("comms", new JsonObject());
                return r;
            }
            case "connect_request": {
                JsonObject r = ports.deepCopy();
                r.addProperty("status", "ok");
                return r;
            }
            default:
                throw new IllegalArgumentException(type);
        }
    }

    private JsonObject historyReply(WireMessage m) {
        boolean output = m.flag("output", false);
        String access = m.text("hist_access_type", "tail");
        JsonArray entries;
        switch (access) {
            case "range":
                entries = history.range(m.number("session", 0), m.number("start", 0), m.number("stop", 0), output);
                break;
            case "search":
                entries = history.search(m.text("pattern", "*"), m.number("n", 0), m.flag("unique", false), output);
                break;
            case "tail":
            default:
                entries = history.tail(m.number("n", 10), output);
        }
        JsonObject r = ok();
        r.add("history", entries);
        return r;
    }

    private JsonObject kernelInfo() {
        JsonObject r = ok();
        r.addProperty("protocol_version", Wire.PROTOCOL_VERSION);
        r.addProperty("implementation", "convkit");
        r.addProperty("implementation_version", version());
        JsonObject lang = new JsonObject();
        lang.addProperty("name", "Java");
        lang.addProperty("version", Runtime.version().toString());
        lang.addProperty("mimetype", "text/x-java-source");
        lang.addProperty("file_extension", ".jshell");
        lang.addProperty("pygments_lexer", "java");
        lang.addProperty("codemirror_mode", "java");
        r.add("language_info", lang);
        r.addProperty("banner", "Java " + Runtime.version() + " :: convkit kernel " + version()
                + " :: Jupyter protocol " + Wire.PROTOCOL_VERSION);
        JsonArray links = new JsonArray();
        JsonObject link = new JsonObject();
        link.addProperty("text", "Java tutorials");
        link.addProperty("url", "https://docs.oracle.com/javase/tutorial/");
        links.add(link);
        r.add("help_links", links);
        r.addProperty("debugger", false);
        return r;
    }

    private static String version() {
        String v = Requests.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    // ------------------------------------------------------------------ execute

    /** Runs a cell; true when queued execute requests must be aborted (an error with stop_on_error). */
    private boolean execute(WireMessage m, Channel channel) {
        String code = m.text("code", "");
        boolean silent = m.flag("silent", false);
        boolean storeHistory = !silent && m.flag("store_history", true);
        boolean stopOnError = m.flag("stop_on_error", true);
        JsonObject userExpressions = m.object("user_expressions");
        String started = now();
        int count = nextCount;
        if (!silent) {
            JsonObject input = new JsonObject();
            input.addProperty("code", code);
            input.addProperty("execution_count", count);
            publish(m, "execute_input", input);
        }
        if (storeHistory) {
            history.add(count, code);
            nextCount++;
        }
        int replyCount = nextCount - 1;
        CellContext cell = new CellContext(m, count, silent, m.flag("allow_stdin", false), iopub);
        cell.begin();
        JsonObject reply;
        try {
            reply = run(cell, code, storeHistory);
            if ("ok".equals(reply.get("status").getAsString())) {
                reply.add("user_expressions", userExpressions(cell, userExpressions));
            } else {
                reply.add("user_expressions", new JsonObject());
            }
        } finally {
            cell.finish();
            evaluator.afterCell();
        }
        reply.addProperty("execution_count", replyCount);
        reply.add("payload", reply.has("payload") ? reply.remove("payload") : new JsonArray());
        JsonObject metadata = new JsonObject();
        metadata.addProperty("started", started);
        metadata.addProperty("dependencies_met", true);
        metadata.addProperty("engine", wire.session);
        metadata.addProperty("status", reply.get("status").getAsString());
        boolean abort = !silent && stopOnError && "error".equals(reply.get("status").getAsString());
        if (abort) {
            // exactly the requests sent before this reply: a client that waits for the reply is never aborted
            WireMessage queued;
            while ((queued = channel.poll(0)) != null) {
                queuedBeforeReply.add(queued);
            }
        }
        iopub.sync();
        channel.send(wire.reply(m, "execute_reply", reply, metadata));
        return abort;
    }

    /** The cell's own work: evaluate, publish the result or the error; the reply content without counts. */
    private JsonObject run(CellContext cell, String code, boolean storeHistory) {
        Optional<String> page = Evaluator.pagerTarget(code);
        try {
            if (page.isPresent()) {
                return pager(cell, page.get());
            }
            Evaluator.Value v = evaluator.evalCell(cell, code);
            if (v.present() && !cell.silent) {
                DisplayData data = render(cell, v.value());
                JsonObject result = Rendering.json(data);
                result.addProperty("execution_count", cell.count);
                cell.publishFromKernel("execute_result", result);
                Object text = data.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN);
                if (storeHistory && text != null) {
                    history.setOutput(cell.count, text.toString());
                }
            }
            return ok();
        } catch (CellError e) {
            cell.publishError(e.ename(), e.evalue(), e.traceback());
            return error(e.ename(), e.evalue(), e.traceback());
        } catch (RuntimeException | Error e) {
            KernelLog.warn("cell [" + cell.count + "] failed inside the kernel", e);
            CellError err = CellError.of(e);
            cell.publishError(err.ename(), err.evalue(), err.traceback());
            return error(err.ename(), err.evalue(), err.traceback());
        }
    }

    /** Renders a result on a thread of the cell, so a {@code toString()} that never returns can be interrupted. */
    private static DisplayData render(CellContext cell, Object value) {
        try {
            return CellThreads.run(cell, value.getClass().getClassLoader(), "cell-" + cell.count + "-render",
                    () -> Rendering.render(value));
        } catch (jdk.jshell.spi.ExecutionControl.StoppedException e) {
            throw cell.stoppedError(" while its result was rendered");
        } catch (CellError e) {
            throw e;
        } catch (Exception | Error e) {
            List<String> tb = new ArrayList<>();
            tb.add("the result could not be shown: its toString() or rendering failed");
            CellError.appendTrace(tb, e, "");
            throw new CellError(e.getClass().getName(), e.getMessage(), tb);
        }
    }

    /** {@code name?}: the documentation in the reply's pager payload (IPython's {@code zip?}). */
    private JsonObject pager(CellContext cell, String name) {
        String doc = evaluator.documentation(name);
        JsonObject r = ok();
        JsonArray payload = new JsonArray();
        if (doc == null) {
            System.out.println("no documentation found for " + name);
        } else {
            JsonObject page = new JsonObject();
            page.addProperty("source", "page");
            JsonObject data = new JsonObject();
            data.addProperty("text/plain", doc);
            page.add("data", data);
            page.addProperty("start", 0);
            payload.add(page);
        }
        r.add("payload", payload);
        return r;
    }

    private JsonObject userExpressions(CellContext cell, JsonObject expressions) {
        JsonObject out = new JsonObject();
        for (Map.Entry<String, JsonElement> e : expressions.entrySet()) {
            String code = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : "";
            JsonObject r;
            try {
                Evaluator.Value v = evaluator.evalExpression(cell, code);
                r = v.present() ? Rendering.json(render(cell, v.value())) : Rendering.json(new DisplayData(""));
                r.addProperty("status", "ok");
            } catch (CellError err) {
                r = error(err.ename(), err.evalue(), err.traceback());
            }
            out.add(e.getKey(), r);
        }
        return out;
    }

    /**
     * After an error: every execute request that was already waiting when the error's reply went out gets an
     * {@code aborted} reply, as ipykernel does ("Run All" stops at the first error); other requests found meanwhile
     * are handled afterwards, in order.
     */
    private void abortQueuedExecutes(Channel channel, List<WireMessage> deferred) {
        for (WireMessage next : queuedBeforeReply) {
            if (!"execute_request".equals(next.type())) {
                deferred.add(next);
                continue;
            }
            status(next, "busy");
            JsonObject content = new JsonObject();
            content.addProperty("status", "aborted");
            JsonObject metadata = new JsonObject();
            metadata.addProperty("started", now());
            metadata.addProperty("dependencies_met", true);
            metadata.addProperty("engine", wire.session);
            metadata.addProperty("status", "aborted");
            iopub.sync();
            channel.send(wire.reply(next, "execute_reply", content, metadata));
            status(next, "idle");
        }
        queuedBeforeReply.clear();
    }

    // ------------------------------------------------------------------ helpers

    private void reply(Channel channel, WireMessage request, String type, JsonObject content) {
        iopub.sync(); // what the request published goes out before its reply
        channel.send(wire.reply(request, type, content, new JsonObject()));
    }

    private void publish(WireMessage parent, String type, JsonObject content) {
        iopub.publishUninterruptibly(parent.header, type, content);
    }

    private void status(WireMessage parent, String state) {
        JsonObject c = new JsonObject();
        c.addProperty("execution_state", state);
        publish(parent, "status", c);
    }

    private static JsonObject ok() {
        JsonObject o = new JsonObject();
        o.addProperty("status", "ok");
        return o;
    }

    static JsonObject error(String ename, String evalue) {
        return error(ename, evalue, List.of());
    }

    static JsonObject error(String ename, String evalue, List<String> traceback) {
        JsonObject o = new JsonObject();
        o.addProperty("status", "error");
        o.addProperty("ename", ename);
        o.addProperty("evalue", evalue == null ? "" : evalue);
        JsonArray tb = new JsonArray();
        traceback.forEach(tb::add);
        o.add("traceback", tb);
        return o;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
    }
}
