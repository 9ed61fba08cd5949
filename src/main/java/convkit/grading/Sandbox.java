package convkit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * How a test JVM is isolated from everything but itself (chosen once per grader JVM; {@code
 * -Dconvkit.grading.isolation=auto|bwrap|user|none}, default auto):
 * <ul>
 *   <li>{@link Mode#BWRAP}: bubblewrap, {@code bwrap --unshare-all --die-with-parent}: new user, PID, network,
 *       IPC and UTS namespaces, an empty root in which only /usr (and the JDK), the grader's runtime folder
 *       (its jars and class-data archive) are mounted read-only and the run's own empty folder read-write;
 *       a private /tmp, /proc and /dev; no network; uid 65534; the environment cleared. The submission's
 *       classes and the tests come over stdin, so the checkout, solutions/, hidden tests, other submissions
 *       and the gradebook are simply not there.</li>
 *   <li>{@link Mode#USER}: where bwrap cannot run (no user namespaces: some containers, Gradescope) and the
 *       grader is root: the JVM runs under {@code setpriv} as a uid of its own (a fresh one per run, no
 *       groups, no capabilities, no-new-privs), in a folder only that uid can enter; the checkout, the
 *       submissions, the gradebook and the autograder folder are made unreadable to other users ({@link
 *       #protect}). There is no network namespace in this mode: sockets are refused by the in-JVM guard.</li>
 *   <li>{@link Mode#NONE}: no operating-system isolation (only the in-JVM guard and the authenticated result
 *       channel). Used by the student's own self-check when neither of the above is possible, and by an
 *       instructor only when asked for with {@code -Dconvkit.grading.isolation=none}.</li>
 * </ul>
 */
public final class Sandbox {
    public enum Mode { BWRAP, USER, NONE }

    private static volatile Sandbox detected;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Mode mode;
    private final String why;

    private Sandbox(Mode mode, String why) {
        this.mode = mode;
        this.why = why;
    }

    public Mode mode() {
        return mode;
    }

    /** One line for report.txt and the console, e.g. "bubblewrap sandbox (bwrap 0.8.0, ...)". */
    public String describe() {
        return switch (mode) {
            case BWRAP -> "bubblewrap sandbox (no network, private /tmp and PID namespace, only the run's folder writable)";
            case USER -> "unprivileged user (setpriv, a uid of its own per run; bubblewrap cannot run here: " + why + ")";
            case NONE -> "none (no sandbox: " + why + ")";
        };
    }

    /**
     * The isolation for this JVM: the requested one ({@code convkit.grading.isolation}), else the best that
     * works here. {@code selfCheck}: the student's check may run without a sandbox; an instructor's grading
     * refuses to (IllegalStateException naming what to install) unless {@code none} was asked for.
     */
    public static Sandbox get(boolean selfCheck) {
        Sandbox s = detected;
        if (s == null) {
            synchronized (Sandbox.class) {
                if (detected == null) detected = detect();
                s = detected;
            }
        }
        if (s.mode == Mode.NONE && !selfCheck && !"none".equals(requested())) {
            throw new IllegalStateException("cannot sandbox the graded code: " + s.why + ". Install bubblewrap "
                    + "(./convkit setup, or apt-get install bubblewrap), or grade as root (the fallback: an unprivileged "
                    + "user per run), or set -Dconvkit.grading.isolation=none to grade without a sandbox (trusted code only).");
        }
        return s;
    }

    private static String requested() {
        return System.getProperty("convkit.grading.isolation", "auto").toLowerCase(Locale.ROOT).trim();
    }

    private static Sandbox detect() {
        String want = requested();
        String bwrapProblem = bwrapProblem();
        boolean root = isRoot();
        String userProblem = !root ? "the grader is not root" : which("setpriv") == null ? "setpriv is missing" : null;
        switch (want) {
            case "bwrap" -> {
                if (bwrapProblem != null) throw new IllegalStateException("-Dconvkit.grading.isolation=bwrap, but " + bwrapProblem);
                return new Sandbox(Mode.BWRAP, "");
            }
            case "user" -> {
                if (userProblem != null) throw new IllegalStateException("-Dconvkit.grading.isolation=user, but " + userProblem);
                return new Sandbox(Mode.USER, bwrapProblem == null ? "asked for with -Dconvkit.grading.isolation=user" : bwrapProblem);
            }
            case "none" -> {
                return new Sandbox(Mode.NONE, "asked for with -Dconvkit.grading.isolation=none");
            }
            case "auto" -> {
                if (bwrapProblem == null) return new Sandbox(Mode.BWRAP, "");
                if (userProblem == null) return new Sandbox(Mode.USER, bwrapProblem);
                return new Sandbox(Mode.NONE, bwrapProblem + "; and " + userProblem);
            }
            default -> throw new IllegalArgumentException("-Dconvkit.grading.isolation must be auto, bwrap, user or none, got " + want);
        }
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    static String which(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isExecutable(p)) return p.toString();
        }
        for (String d : new String[] {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
            if (Files.isExecutable(Path.of(d, tool))) return d + "/" + tool;
        }
        return null;
    }

    /** True if bubblewrap can make a sandbox on this machine. */
    public static boolean bwrapWorks() {
        return bwrapProblem() == null;
    }

    /** Null if bwrap runs a sandbox here, else why not. */
    private static String bwrapProblem() {
        String bwrap = which("bwrap");
        if (bwrap == null) return "bwrap (Debian package bubblewrap) is not installed";
        try {
            Process p = new ProcessBuilder(bwrap, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "true")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "bwrap did not start within 20 s";
            }
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.exitValue() == 0 ? null : "bwrap cannot create namespaces here (" + out + ")";
        } catch (IOException e) {
            return "bwrap cannot be started (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * The command that runs {@code java} (a command line whose first element is the java binary) isolated, with
     * {@code runDir} as its working folder and only writable place; {@code readOnly} must be visible (the
     * grader's runtime folder).
     */
    List<String> wrap(List<String> java, Path runDir, List<Path> readOnly) {
        List<String> cmd = new ArrayList<>();
        switch (mode) {
            case BWRAP -> {
                cmd.addAll(List.of(which("bwrap"), "--unshare-all", "--die-with-parent", "--new-session",
                        "--uid", "65534", "--gid", "65534", "--hostname", "grading",
                        "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
                for (String l : new String[] {"bin", "lib", "lib64", "sbin"}) {
                    Path p = Path.of("/" + l);
                    if (Files.isSymbolicLink(p)) cmd.addAll(List.of("--symlink", "usr/" + l, "/" + l));
                    else if (Files.isDirectory(p)) cmd.addAll(List.of("--ro-bind", "/" + l, "/" + l));
                }
                Set<Path> ro = new LinkedHashSet<>(javaMounts());
                ro.addAll(readOnly);
                for (Path p : ro) {
                    if (p.startsWith("/usr")) continue;
                    cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
                }
                cmd.addAll(List.of("--bind", runDir.toString(), runDir.toString(), "--chdir", runDir.toString(),
                        "--clearenv", "--setenv", "PATH", "/usr/bin:/bin", "--setenv", "HOME", runDir.toString(),
                        "--setenv", "LANG", "C.UTF-8", "--"));
            }
            case USER -> {
                int uid = 1_900_000_000 + (int) (ProcessHandle.current().pid() % 10_000) * 10_000 + RUNS.incrementAndGet() % 10_000;
                try {
                    Files.setAttribute(runDir, "unix:uid", uid);
                    Files.setAttribute(runDir, "unix:gid", uid);
                    Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwx------"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                cmd.addAll(List.of(which("setpriv"), "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                        "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs", "--"));
            }
            case NONE -> { }
        }
        cmd.addAll(java);
        return cmd;
    }

    /** Folders outside /usr that the JDK's files link to (Debian: /etc/java-17-openjdk, /etc/ssl/certs/java). */
    private static List<Path> javaMounts() {
        Set<Path> out = new LinkedHashSet<>();
        Path home;
        try {
            home = Path.of(System.getProperty("java.home")).toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        out.add(home);
        try (Stream<Path> s = Files.walk(home, 4)) {
            for (Path p : s.filter(Files::isSymbolicLink).toList()) {
                try {
                    Path t = p.toRealPath();
                    if (!t.startsWith(home) && !t.startsWith("/usr")) out.add(t.getNameCount() > 2 ? t.getRoot().resolve(t.subpath(0, 2)) : t);
                } catch (IOException e) {
                    // a dangling link: nothing to mount
                }
            }
        } catch (IOException e) {
            // best effort
        }
        return new ArrayList<>(out);
    }

    /**
     * In {@link Mode#USER}: takes read access to {@code paths} away from other users (chmod go-rwx), so that the
     * test JVMs' uids cannot read them; returns what was changed (for the console). Nothing in the other modes.
     */
    public List<String> protect(Path... paths) {
        List<String> changed = new ArrayList<>();
        if (mode != Mode.USER) return changed;
        for (Path p : paths) {
            if (p == null || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) continue;
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
                Set<PosixFilePermission> less = java.util.EnumSet.copyOf(perms);
                less.removeAll(Set.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE));
                if (!less.equals(perms)) {
                    Files.setPosixFilePermissions(p, less);
                    changed.add(p.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make " + p + " unreadable to the graded code", e);
            }
        }
        return changed;
    }
}
