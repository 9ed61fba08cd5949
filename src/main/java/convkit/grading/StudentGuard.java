package convkit.grading;

import java.io.FilePermission;
import java.security.AllPermission;
import java.security.CodeSource;
import java.security.PermissionCollection;
import java.security.Permissions;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.util.PropertyPermission;

/**
 * The guard inside a test JVM (Java 17's SecurityManager with a {@link Policy}): code of the student's classes,
 * which live in their own {@link ProtectionDomain}, may compute, allocate, start threads and read system
 * properties, and nothing else: no files, no processes, no sockets, no reflection past access checks
 * ({@code setAccessible}, {@code Unsafe}, private lookups), no replacing System.out/in/err or the guard, no
 * file descriptors, no exit (System.exit and Runtime.halt fail the calling test with a SecurityException).
 * The checks use the whole call stack, so a student method called by an instructor's test is restricted, and
 * an instructor's test called by nobody of the student is not. Code of the library, JUnit and the tests has
 * every permission. On a JVM without a SecurityManager (Java 24 and later) {@link #install} returns false and
 * only the operating-system sandbox remains (the grader says so).
 */
@SuppressWarnings("removal")
final class StudentGuard extends SecurityManager {
    private final ProtectionDomain student;
    private volatile boolean open;

    private StudentGuard(ProtectionDomain student) {
        this.student = student;
    }

    /** The domain student classes are defined in. */
    static ProtectionDomain studentDomain(ClassLoader loader) {
        try {
            return new ProtectionDomain(new CodeSource(new java.net.URL("file:/submission/"), (java.security.cert.Certificate[]) null),
                    null, loader, null);
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Installs the policy and the guard; false if this JVM allows no SecurityManager. */
    static StudentGuard install(ProtectionDomain student) {
        Permissions allowed = new Permissions();
        allowed.add(new PropertyPermission("*", "read"));
        allowed.setReadOnly();
        Policy.setPolicy(new Policy() {
            @Override
            public boolean implies(ProtectionDomain domain, java.security.Permission permission) {
                return domain != student || allowed.implies(permission);
            }

            @Override
            public PermissionCollection getPermissions(CodeSource codesource) {
                Permissions all = new Permissions();
                all.add(new AllPermission());
                return all;
            }
        });
        try {
            StudentGuard g = new StudentGuard(student);
            System.setSecurityManager(g);
            return g;
        } catch (UnsupportedOperationException | SecurityException e) {
            return null;
        }
    }

    /** Lets the runner itself end the JVM. */
    void open() {
        open = true;
    }

    @Override
    public void checkPermission(java.security.Permission perm) {
        if (!open) super.checkPermission(perm);
    }

    @Override
    public void checkPermission(java.security.Permission perm, Object context) {
        if (!open) super.checkPermission(perm, context);
    }

    @Override
    public void checkExit(int status) {
        if (open) return;
        try {
            super.checkExit(status);
        } catch (SecurityException e) {
            throw new SecurityException("System.exit(" + status + ") is not allowed in graded code");
        }
    }

    @Override
    public void checkRead(String file) {
        if (open) return;
        try {
            super.checkRead(file);
        } catch (SecurityException e) {
            throw new SecurityException("graded code may not read files (" + new FilePermission(file, "read").getName() + ")");
        }
    }
}
