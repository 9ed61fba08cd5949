package convkit.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an instructor solution file into the student stub.
 *
 * <pre>{@code
 * public static Tensor corr2d(Tensor x, Tensor k) {
 *     // BEGIN SOLUTION Exercise 7.9.1: implement corr2d; see notebook 01
 *     ... solution lines (removed) ...
 *     // STUB: return null;     (optional: this code replaces the block)
 *     // END SOLUTION
 * }
 * }</pre>
 *
 * A block without {@code // STUB:} lines becomes
 * {@code throw new UnsupportedOperationException("<text after BEGIN SOLUTION>");} at the marker's
 * indentation, so the stub compiles and its tests fail with a message that says what to do. A block
 * must have that text or STUB lines. Lines between {@code // BEGIN SOLUTION-ONLY} and
 * {@code // END SOLUTION-ONLY} (imports and helpers only the solution uses) are removed without a
 * replacement. Unbalanced or nested markers are errors naming the file and line.
 */
public final class Markers {
    private Markers() {
    }

    static final String BEGIN = "// BEGIN SOLUTION";
    static final String END = "// END SOLUTION";
    static final String STUB = "// STUB:";

    /** Thrown for unbalanced, nested or empty markers. */
    public static final class MarkerException extends IllegalArgumentException {
        MarkerException(String file, int line, String msg) {
            super(file + ":" + line + ": " + msg);
        }
    }

    /** True if the source contains any solution marker. */
    public static boolean hasMarkers(String source) {
        return source.contains(BEGIN) || source.contains(END) || source.contains(STUB);
    }

    /** The student version of {@code source}; {@code file} is only used in error messages. */
    public static String stub(String source, String file) {
        String[] lines = source.split("\n", -1);
        List<String> out = new ArrayList<>();
        int openLine = -1;
        boolean solutionOnly = false;
        String indent = "", text = "";
        List<String> stubs = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.trim();
            int n = i + 1;
            if (t.startsWith(BEGIN)) {
                if (openLine >= 0) throw new MarkerException(file, n, "BEGIN SOLUTION inside the block opened at line " + openLine);
                openLine = n;
                solutionOnly = t.startsWith(BEGIN + "-ONLY");
                indent = line.substring(0, line.indexOf("//"));
                text = t.substring((solutionOnly ? BEGIN + "-ONLY" : BEGIN).length()).trim();
                stubs.clear();
            } else if (t.startsWith(END)) {
                if (openLine < 0) throw new MarkerException(file, n, "END SOLUTION without BEGIN SOLUTION");
                if (solutionOnly != t.startsWith(END + "-ONLY")) {
                    throw new MarkerException(file, n, "END does not match the BEGIN at line " + openLine);
                }
                if (!solutionOnly) {
                    if (!stubs.isEmpty()) out.addAll(stubs);
                    else if (!text.isEmpty()) out.add(indent + "throw new UnsupportedOperationException(\"" + text.replace("\"", "\\\"") + "\");");
                    else throw new MarkerException(file, openLine, "a SOLUTION block needs a message after BEGIN SOLUTION or // STUB: lines");
                }
                openLine = -1;
            } else if (t.startsWith(STUB)) {
                if (openLine < 0 || solutionOnly) throw new MarkerException(file, n, "// STUB: outside a BEGIN SOLUTION block");
                stubs.add(line.substring(0, line.indexOf("//")) + t.substring(STUB.length()).stripLeading());
            } else if (openLine < 0) {
                out.add(line);
            }
        }
        if (openLine >= 0) throw new MarkerException(file, openLine, "BEGIN SOLUTION is never closed");
        return String.join("\n", out);
    }
}
