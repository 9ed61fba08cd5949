package convkit.jupyter;

import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * One message of Jupyter's messaging protocol as it travels over ZeroMQ: the routing identities (or the IOPub topic),
 * then the four JSON dictionaries and any binary buffers. See {@link Wire} for how it is framed and signed.
 */
final class WireMessage {

    final List<byte[]> identities;
    final JsonObject header;
    final JsonObject parentHeader;
    final JsonObject metadata;
    final JsonObject content;
    final List<byte[]> buffers;

    WireMessage(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
            JsonObject content, List<byte[]> buffers) {
        this.identities = List.copyOf(identities);
        this.header = header;
        this.parentHeader = parentHeader;
        this.metadata = metadata;
        this.content = content;
        this.buffers = List.copyOf(buffers);
    }

    /** The message type, e.g. {@code execute_request}. */
    String type() {
        return string(header, "msg_type", "");
    }

    String id() {
        return string(header, "msg_id", "");
    }

    /** {@code content[key]} as a string, or {@code fallback} when absent or not a string. */
    String text(String key, String fallback) {
        return string(content, key, fallback);
    }

    boolean flag(String key, boolean fallback) {
        JsonElement e = content.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() ? e.getAsBoolean() : fallback;
    }

    int number(String key, int fallback) {
        JsonElement e = content.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e.getAsInt() : fallback;
    }

    JsonObject object(String key) {
        JsonElement e = content.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    static String string(JsonObject o, String key, String fallback) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : fallback;
    }
}
