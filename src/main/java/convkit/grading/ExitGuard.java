package convkit.grading;

import java.security.Permission;

/**
 * Turns System.exit from graded code into a SecurityException (which fails only the test that called
 * it). Uses the SecurityManager where the JVM still allows one (Java 17: {@code -Djava.security.manager=allow});
 * where it does not, the grader notices the dead JVM and re-runs the remaining tests.
 */
@SuppressWarnings("removal")
final class ExitGuard extends SecurityManager {
    private volatile boolean open;

    static ExitGuard install() {
        try {
            ExitGuard guard = new ExitGuard();
            System.setSecurityManager(guard);
            return guard;
        } catch (UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** Lets the grader itself exit. */
    void open() {
        open = true;
    }

    @Override
    public void checkExit(int status) {
        if (!open) throw new SecurityException("System.exit(" + status + ") is not allowed in graded code");
    }

    @Override
    public void checkPermission(Permission perm) {
        if (!open && perm instanceof RuntimePermission && "setSecurityManager".equals(perm.getName())) {
            throw new SecurityException("graded code may not replace the security manager");
        }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        checkPermission(perm);
    }
}
