package convkit.jupyter;

import java.util.Set;

/**
 * What {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} throw in a notebook cell instead of ending
 * the kernel's JVM (and with it every variable and the classpath): the cell stops with this error, the kernel keeps
 * running. An {@link Error}, so {@code catch (Exception e)} does not see it; {@code catch (Throwable t)} in cell code
 * rethrows it.
 */
public final class ExitBlocked extends Error {

    private static final long serialVersionUID = 1L;
    private static final Set<String> PLUMBING = Set.of("java.lang.Runtime", "java.lang.System", "java.lang.Shutdown",
            CellGuard.class.getName(), ExitBlocked.class.getName(), CellThreadGroup.class.getName());

    ExitBlocked(String how, int status, Thread thread, CellContext cell) {
        super(message(how, status, thread, cell));
    }

    private static String message(String how, int status, Thread thread, CellContext cell) {
        StringBuilder m = new StringBuilder();
        m.append(how).append('(').append(status).append(") was called");
        if (cell != null && !cell.isMainThread(thread)) {
            m.append(" in thread \"").append(thread.getName()).append('"');
            CellContext started = CellContext.ofThread(thread);
            if (started != null && started.request != null) {
                m.append(" (started by cell [").append(started.count).append("])");
            }
        }
        String where = caller();
        if (where != null) {
            m.append(" by ").append(where);
        }
        m.append(": a notebook cell cannot end the kernel (every variable and the classpath would be lost),"
                + " so the cell stops here and the kernel keeps running");
        return m.toString();
    }

    /**
     * Where library code called it (the first frame outside the exit plumbing and reflection), or null when that is
     * the cell itself (its frames are in the traceback).
     */
    private static String caller() {
        for (StackTraceElement e : new Throwable().getStackTrace()) {
            String c = e.getClassName();
            if (PLUMBING.contains(c) || c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                    || c.startsWith("java.lang.invoke.")) {
                continue;
            }
            return c.isEmpty() || c.startsWith("REPL.") ? null : e.toString();
        }
        return null;
    }

    /** The same signal, thrown again by a later check of a thread that carried on after catching it elsewhere. */
    ExitBlocked again() {
        return this;
    }
}
