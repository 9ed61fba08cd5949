package convkit.grading;

/**
 * One line of the child JVM's report to the grader (JSON lines, written and flushed as tests run, so
 * a run that dies still tells which tests finished and which one was running).
 *
 * <p>Kinds: {@code planned} (a graded method was discovered), {@code started} / {@code finished}
 * (one test or one invocation of a parameterised test), {@code container} (a class or template failed
 * as a whole, e.g. in a static initialiser), {@code done} (the run ended normally).
 */
final class RunRecord {
    String kind;
    /** fully.qualified.Class#method of the graded method (test classes must not overload graded methods). */
    String key;
    String uniqueId;
    String displayName;
    /** SUCCESSFUL, FAILED, ABORTED or SKIPPED. */
    String status;
    String message;
    String output;
    long millis;
    // planned only
    String number;
    double points;
    String visibility;
    String hint;
    String name;
    String[] tags;
    /** Set by the grader: the record came after the visible results were sealed. */
    transient boolean hiddenPhase;

    static RunRecord of(String kind) {
        RunRecord r = new RunRecord();
        r.kind = kind;
        return r;
    }

    /**
     * This record as JSON, as Gson would read it back (fields in declaration order, nulls left out); written by
     * hand so that a test JVM does not load Gson (about 30 ms of its CPU). Every character that JSON or a line
     * protocol could trip on is escaped: quotes, backslashes, control characters, line separators and surrogates.
     */
    String toJson() {
        StringBuilder b = new StringBuilder(128).append('{');
        str(b, "kind", kind);
        str(b, "key", key);
        str(b, "uniqueId", uniqueId);
        str(b, "displayName", displayName);
        str(b, "status", status);
        str(b, "message", message);
        str(b, "output", output);
        sep(b).append("\"millis\":").append(millis);
        str(b, "number", number);
        sep(b).append("\"points\":").append(Double.isFinite(points) ? Double.toString(points) : "0");
        str(b, "visibility", visibility);
        str(b, "hint", hint);
        str(b, "name", name);
        if (tags != null) {
            sep(b).append("\"tags\":[");
            for (int i = 0; i < tags.length; i++) {
                if (i > 0) b.append(',');
                quote(b, tags[i]);
            }
            b.append(']');
        }
        return b.append('}').toString();
    }

    private static StringBuilder sep(StringBuilder b) {
        if (b.length() > 1) b.append(',');
        return b;
    }

    private static void str(StringBuilder b, String field, String value) {
        if (value == null) return;
        sep(b).append('"').append(field).append("\":");
        quote(b, value);
    }

    static void quote(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        b.append('"');
    }
}
