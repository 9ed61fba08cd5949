package convkit.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Programs a command starts: Jupyter's Python scripts, Jupyter itself, a second JVM. They share this terminal: their
 * input and output are this process's, and Ctrl-C reaches them directly (the terminal sends it to both), so this JVM
 * ignores it while one runs and returns once the program has ended, with its exit status; Jupyter can then ask "Shut
 * down this notebook server?" as it does when started by hand. If this JVM is ended otherwise, it ends the program too.
 */
final class Processes {
    private Processes() {
    }

    /** Runs {@code pb} with this terminal's input and output and returns its exit status. */
    static int run(ProcessBuilder pb) {
        Process p;
        try {
            p = pb.inheritIO().start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + pb.command().get(0) + ": " + e.getMessage(), e);
        }
        Thread stopper = new Thread(() -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }, "end-child");
        Runtime.getRuntime().addShutdownHook(stopper);
        Object previous = ignoreInterrupt();
        try {
            while (true) {
                try {
                    return p.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroy();
                }
            }
        } finally {
            restoreInterrupt(previous);
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** Runs {@code command} and returns its exit status and what it printed (both streams, merged). */
    static Result capture(List<String> command, Path dir) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (dir != null) pb.directory(dir.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), out);
        } catch (IOException e) {
            return new Result(-1, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0));
        }
    }

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** The first {@code name} on the PATH (with the PATHEXT endings on Windows). */
    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        List<String> endings = isWindows()
                ? List.of(System.getenv().getOrDefault("PATHEXT", ".EXE;.CMD;.BAT").toLowerCase(Locale.ROOT).split(";"))
                : List.of("");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            for (String ending : endings) {
                try {
                    Path p = Path.of(dir, name + ending);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
                } catch (RuntimeException e) {
                    // a malformed PATH entry
                }
            }
        }
        return Optional.empty();
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    /** Is this process root (Unix)? Jupyter refuses to start as root without {@code --allow-root}. */
    static boolean isRoot() {
        if (isWindows()) return false;
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    @SuppressWarnings("removal")
    private static Object ignoreInterrupt() {
        try {
            return sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        } catch (RuntimeException | LinkageError e) {
            return null;   // no such signal here: Ctrl-C ends this JVM, and its shutdown hook the program
        }
    }

    private static void restoreInterrupt(Object previous) {
        if (previous instanceof sun.misc.SignalHandler h) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), h);
            } catch (RuntimeException | LinkageError e) {
                // keep ignoring it
            }
        }
    }
}
