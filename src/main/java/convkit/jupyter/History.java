package convkit.jupyter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;

/**
 * The inputs (and text results) of this kernel session's cells, for {@code history_request}: {@code tail},
 * {@code range} and {@code search} as IPython answers them. Entries are {@code [session, line, input]} or, with
 * {@code output}, {@code [session, line, [input, output]]} (output: the result's text/plain, at most
 * {@value #OUTPUT_KEPT} characters of it, or null). The session is
 * always {@value #SESSION}: history lives as long as the kernel process (a restart starts afresh); a range request
 * for session 0 (IPython's "current session") means this one too.
 */
final class History {

    static final int SESSION = 1;
    /** Longest result text kept per entry: history must not keep every big result alive (a 2 MB array's text). */
    static final int OUTPUT_KEPT = 1_000;

    private record Entry(int line, String input, String output) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void add(int line, String input) {
        entries.add(new Entry(line, input, null));
    }

    synchronized void setOutput(int line, String output) {
        if (output != null && output.length() > OUTPUT_KEPT) {
            output = output.substring(0, OUTPUT_KEPT) + "... (" + output.length() + " characters)";
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).line() == line) {
                entries.set(i, new Entry(line, entries.get(i).input(), output));
                return;
            }
        }
    }

    /** The last {@code n} entries. */
    synchronized JsonArray tail(int n, boolean output) {
        return json(entries.subList(Math.max(0, entries.size() - Math.max(0, n)), entries.size()), output);
    }

    /** Lines {@code start} (inclusive) to {@code stop} (exclusive; 0 or less: to the end) of {@code session}. */
    synchronized JsonArray range(int session, int start, int stop, boolean output) {
        List<Entry> out = new ArrayList<>();
        if (session == SESSION || session == 0) {
            for (Entry e : entries) {
                if (e.line() >= start && (stop <= 0 || e.line() < stop)) {
                    out.add(e);
                }
            }
        }
        return json(out, output);
    }

    /**
     * Inputs matching the glob {@code pattern} ({@code *} any text, {@code ?} one character, matched against the whole
     * input as IPython's SQL GLOB does); the last {@code n} (n <= 0: all), each input once with {@code unique}.
     */
    synchronized JsonArray search(String pattern, int n, boolean unique, boolean output) {
        Pattern glob = glob(pattern);
        List<Entry> matches = new ArrayList<>();
        for (Entry e : entries) {
            if (glob.matcher(e.input()).matches()) {
                matches.add(e);
            }
        }
        if (unique) {
            Map<String, Entry> last = new LinkedHashMap<>();
            for (Entry e : matches) {
                last.remove(e.input());
                last.put(e.input(), e);
            }
            matches = new ArrayList<>(last.values());
        }
        if (n > 0 && matches.size() > n) {
            matches = matches.subList(matches.size() - n, matches.size());
        }
        return json(matches, output);
    }

    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (char c : (pattern == null ? "*" : pattern).toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static JsonArray json(List<Entry> list, boolean output) {
        JsonArray out = new JsonArray();
        for (Entry e : list) {
            JsonArray row = new JsonArray();
            row.add(SESSION);
            row.add(e.line());
            if (output) {
                JsonArray io = new JsonArray();
                io.add(e.input());
                if (e.output() == null) {
                    io.add(JsonNull.INSTANCE);
                } else {
                    io.add(e.output());
                }
                row.add(io);
            } else {
                row.add(e.input());
            }
            out.add(row);
        }
        return out;
    }
}
