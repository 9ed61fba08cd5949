package convkit.jupyter;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.zeromq.ZMQ;

/**
 * Jupyter's wire format: how a {@link WireMessage} becomes ZeroMQ frames and back ({@code identities..., <IDS|MSG>,
 * signature, header, parent_header, metadata, content, buffers...}), signed with the connection file's key
 * (HMAC-SHA256 by default; no signature when the key is empty), and the headers this kernel puts on what it sends.
 * Messages with a bad signature or unreadable JSON are dropped (the caller gets {@code null}), as ipykernel does.
 */
final class Wire {

    static final String PROTOCOL_VERSION = "5.3";
    private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    /** This kernel process's session id (a new one per start, so clients can tell a restart). */
    final String session = UUID.randomUUID().toString();
    private final Mac mac;

    Wire(String key, String scheme) {
        if (key == null || key.isEmpty()) {
            mac = null;
            return;
        }
        String algorithm = "Hmac" + (scheme == null || scheme.isEmpty() ? "hmac-sha256" : scheme)
                .replaceFirst("^hmac-", "").toUpperCase(Locale.ROOT);
        try {
            mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("unsupported signature_scheme '" + scheme + "': " + e, e);
        }
    }

    static String json(JsonElement e) {
        return GSON.toJson(e);
    }

    private synchronized String sign(byte[]... parts) {
        if (mac == null) {
            return "";
        }
        for (byte[] p : parts) {
            mac.update(p);
        }
        byte[] digest = mac.doFinal();
        StringBuilder hex = new StringBuilder(digest.length * 2);
        for (byte b : digest) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return hex.toString();
    }

    /** Reads one multipart message from {@code socket} (which must have one ready); null if it is invalid. */
    WireMessage read(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] f = socket.recv(0);
            if (f == null) {
                break;
            }
            frames.add(f);
        } while (socket.hasReceiveMore());
        int d = 0;
        while (d < frames.size() && !Arrays.equals(frames.get(d), DELIMITER)) {
            d++;
        }
        if (frames.size() < d + 6) {
            KernelLog.warn("dropped a message with " + frames.size() + " frames (no <IDS|MSG> delimiter or too short)");
            return null;
        }
        byte[] header = frames.get(d + 2);
        byte[] parent = frames.get(d + 3);
        byte[] metadata = frames.get(d + 4);
        byte[] content = frames.get(d + 5);
        if (mac != null) {
            byte[] expected = sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, frames.get(d + 1))) {
                KernelLog.warn("dropped a message with an invalid signature");
                return null;
            }
        }
        try {
            return new WireMessage(frames.subList(0, d), object(header), object(parent), object(metadata),
                    object(content), frames.subList(d + 6, frames.size()));
        } catch (RuntimeException e) {
            KernelLog.warn("dropped a message whose JSON cannot be read: " + e);
            return null;
        }
    }

    private static JsonObject object(byte[] bytes) {
        JsonElement e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    /** The frames of {@code m}, signed. */
    List<byte[]> frames(WireMessage m) {
        byte[] header = json(m.header).getBytes(StandardCharsets.UTF_8);
        byte[] parent = json(m.parentHeader).getBytes(StandardCharsets.UTF_8);
        byte[] metadata = json(m.metadata).getBytes(StandardCharsets.UTF_8);
        byte[] content = json(m.content).getBytes(StandardCharsets.UTF_8);
        List<byte[]> frames = new ArrayList<>(m.identities);
        frames.add(DELIMITER);
        frames.add(sign(header, parent, metadata, content).getBytes(StandardCharsets.US_ASCII));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(m.buffers);
        return frames;
    }

    /** Sends {@code frames} as one multipart message; false when ZeroMQ refused the first frame (e.g. a timeout). */
    static boolean send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            boolean last = i == frames.size() - 1;
            if (!socket.send(frames.get(i), last ? 0 : ZMQ.SNDMORE)) {
                if (i == 0) {
                    return false;
                }
                throw new IllegalStateException("ZeroMQ refused frame " + i + " of a message");
            }
        }
        return true;
    }

    /** A header for a new message of type {@code type} from this kernel. */
    JsonObject header(String type) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", UUID.randomUUID().toString());
        h.addProperty("session", session);
        h.addProperty("username", "kernel");
        h.addProperty("date", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        h.addProperty("msg_type", type);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
    }

    /** The reply to {@code request} (routed back to its sender). */
    WireMessage reply(WireMessage request, String type, JsonObject content, JsonObject metadata) {
        return new WireMessage(request.identities, header(type), request.header, metadata, content, List.of());
    }

    /** An IOPub message (topic {@code kernel.<session>.<type>}) caused by the request whose header is {@code parent}. */
    WireMessage publication(JsonObject parent, String type, JsonObject content) {
        byte[] topic = ("kernel." + session + "." + type).getBytes(StandardCharsets.UTF_8);
        return new WireMessage(List.of(topic), header(type), parent == null ? new JsonObject() : parent,
                new JsonObject(), content, List.of());
    }
}
