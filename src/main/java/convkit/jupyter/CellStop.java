package convkit.jupyter;

/**
 * Thrown in a cell's thread to end it after an interrupt ({@link CellGuard}). An {@link Error}, so that
 * {@code catch (Exception e)} does not see it; {@code catch (Throwable t)} in cell code rethrows it.
 */
public final class CellStop extends Error {

    private static final long serialVersionUID = 1L;

    public CellStop() {
        super("the cell was interrupted", null, false, false);
    }
}
