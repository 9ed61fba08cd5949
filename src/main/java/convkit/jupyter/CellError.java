package convkit.jupyter;

import java.util.ArrayList;
import java.util.List;

import jdk.jshell.EvalException;

/**
 * A cell failed: what Jupyter shows as the error output. {@code ename} is the real exception class (for example
 * {@code java.lang.IllegalArgumentException}) or {@code CompilationException} for javac errors, {@code evalue}
 * its message, {@code traceback} the lines shown below it (plain text, no colour codes).
 */
final class CellError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue == null ? "" : evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** The error for an exception thrown by cell code: its class, message and stack cut below the cell's frames. */
    static CellError of(Throwable t) {
        List<String> lines = new ArrayList<>();
        appendTrace(lines, t, "");
        return new CellError(className(t), t.getMessage(), lines);
    }

    private static String className(Throwable t) {
        return t instanceof EvalException ? ((EvalException) t).getExceptionClassName() : t.getClass().getName();
    }

    /** Java's printStackTrace layout with the real class names, cut below the cell's own frames. */
    static void appendTrace(List<String> lines, Throwable t, String prefix) {
        lines.add(prefix + className(t) + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        StackTraceElement[] st = t.getStackTrace();
        int lastCellFrame = -1;
        for (int i = 0; i < st.length; i++) {
            if (isCellFrame(st[i])) {
                lastCellFrame = i;
            }
        }
        int end = lastCellFrame >= 0 ? lastCellFrame + 1 : st.length;
        int start = 0;
        if (ExitBlocked.class.getName().equals(className(t))) {
            while (start < end && isExitPlumbing(st[start])) {
                start++; // CellGuard, the patched Runtime.exit: not the user's code
            }
        }
        for (int i = start; i < end; i++) {
            StackTraceElement e = st[i];
            lines.add("\tat " + (e.getClassName().isEmpty() ? "<cell>(" + e.getFileName() + ":" + e.getLineNumber() + ")"
                    : isCellFrame(e) ? "<cell>" : e.toString()));
        }
        if (t.getCause() != null && t.getCause() != t) {
            appendTrace(lines, t.getCause(), "Caused by: ");
        }
    }

    private static boolean isExitPlumbing(StackTraceElement e) {
        String c = e.getClassName();
        return c.equals(CellGuard.class.getName()) || c.equals(CellThreadGroup.class.getName())
                || c.equals("java.lang.Runtime") || c.equals("java.lang.System") || c.equals("java.lang.Shutdown");
    }

    private static boolean isCellFrame(StackTraceElement e) {
        return e.getClassName().isEmpty() || e.getClassName().startsWith("REPL.");
    }

    String ename() {
        return ename;
    }

    String evalue() {
        return evalue;
    }

    List<String> traceback() {
        return traceback;
    }
}
