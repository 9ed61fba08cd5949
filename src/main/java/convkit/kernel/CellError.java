package convkit.kernel;

import java.util.List;

/**
 * A cell failed: what Jupyter shows as the error output. {@code ename} is the real exception class (for example
 * {@code java.lang.IllegalArgumentException}) or {@code CompilationException} for javac errors, {@code evalue}
 * its message, {@code traceback} the lines shown below it (plain text, no colour codes).
 */
final class CellError extends RuntimeException {

    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    CellError(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue == null ? "" : evalue;
        this.traceback = List.copyOf(traceback);
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
