package convkit.jupyter;

import java.util.function.ObjIntConsumer;

/**
 * The thread group of one cell execution. The cell's own threads run in it, and so do the threads they start (a new
 * thread joins its creator's group), which is how output, {@code display(...)} and exits of background threads are
 * attributed to the cell that started them.
 *
 * <p>It is an {@link ObjIntConsumer} because {@link ExitAgent} patches {@code Runtime.exit} and {@code Runtime.halt}
 * to call {@code accept("Runtime.exit", status)} on the caller's thread group when the group is one: code in
 * {@code java.lang} can only see JDK types.
 */
final class CellThreadGroup extends ThreadGroup implements ObjIntConsumer<String> {

    final CellContext cell;

    CellThreadGroup(CellContext cell) {
        super("cell-" + cell.count);
        this.cell = cell;
    }

    /** Called by the patched {@code Runtime.exit}/{@code Runtime.halt} (see {@link ExitAgent}). */
    @Override
    public void accept(String how, int status) {
        String what = how;
        if ("Runtime.exit".equals(how)) {
            for (StackTraceElement e : new Throwable().getStackTrace()) {
                if ("java.lang.System".equals(e.getClassName()) && "exit".equals(e.getMethodName())) {
                    what = "System.exit";
                    break;
                }
            }
        }
        throw CellGuard.exitCalled(what, status);
    }

    /** A background thread of the cell died of an exception: say so in the cell's output, as Java would on stderr. */
    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (e instanceof CellStop || e instanceof ExitBlocked) {
            return; // reported by the cell itself
        }
        System.err.print("Exception in thread \"" + t.getName() + "\" ");
        e.printStackTrace(System.err);
    }
}
