package convkit.grading;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * The test-JVM side of grading (started by {@link Grader} in a sandbox, one JVM per submission; not meant to be
 * run by hand). Everything comes on stdin, nothing from the file system: the run's key, the request (which test
 * methods to run, the timeout), then the student's compiled classes and the instructor's visible test classes
 * as bytes. It installs the {@link StudentGuard}, defines the student's classes in their own protection domain
 * and class loader, the tests in a child loader of that one, and runs the visible tests (phase 1). Then it
 * writes a {@code sealed} record, and only then reads the hidden test classes from stdin and runs them
 * (phase 2): while the visible tests ran, whose results a student sees, no hidden test class existed in this
 * JVM or on its file system. Records go to the original stdout through a {@link RecordChannel.Writer}.
 */
public final class ChildRunner {
    private ChildRunner() {
    }

    /** The request, the second line of stdin (JSON). */
    static final class Request {
        int timeout = 10;
        /** Keys (Class#method) of the graded methods to run; nothing else runs. */
        List<String> run = new ArrayList<>();
        boolean guard = true;
        /** Run with {@link LeanRunner} (the grader found the tests within its subset); JUnit's engine otherwise. */
        boolean lean;

        /** {@code REQ <timeout> <guard> <lean> <n>} and n lines of keys (no JSON: a test JVM does not load Gson). */
        String write() {
            StringBuilder b = new StringBuilder("REQ ").append(timeout).append(' ').append(guard).append(' ').append(lean)
                    .append(' ').append(run.size()).append('\n');
            for (String k : run) {
                if (k.indexOf('\n') >= 0 || k.indexOf('\r') >= 0) throw new IllegalArgumentException("a key with a line break: " + k);
                b.append(k).append('\n');
            }
            return b.toString();
        }

        static Request read(String head, BufferedReader in) throws IOException {
            String[] f = head.split(" ");
            if (f.length != 4) throw new IOException("bad request line");
            Request r = new Request();
            r.timeout = Integer.parseInt(f[0]);
            r.guard = Boolean.parseBoolean(f[1]);
            r.lean = Boolean.parseBoolean(f[2]);
            int n = Integer.parseInt(f[3]);
            for (int i = 0; i < n; i++) {
                String k = in.readLine();
                if (k == null) throw new IOException("request cut short");
                r.run.add(k);
            }
            return r;
        }
    }

    public static void main(String[] args) throws IOException {
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        InputStream stdin = new FileInputStream(FileDescriptor.in);
        PrintStream err = System.err;
        int status = 0;
        StudentGuard guard = null;
        try {
            BufferedReader in = RecordChannel.lines(stdin);
            String key = field(in.readLine(), "KEY ");
            RecordChannel.Writer channel = new RecordChannel.Writer(key, stdout);
            Request req = Request.read(field(in.readLine(), "REQ "), in);
            System.setIn(InputStream.nullInputStream());
            Map<String, byte[]> studentBytes = classes(in, "student"), visibleBytes = classes(in, "visible");
            MemoryLoader studentLoader = new MemoryLoader("submission", ClassLoader.getSystemClassLoader(), studentBytes, null);
            ProtectionDomain domain = StudentGuard.studentDomain(studentLoader);
            studentLoader.domain = domain;
            MemoryLoader visible = new MemoryLoader("tests", studentLoader, visibleBytes, null);
            OutputCapture capture = OutputCapture.install(8_000);
            RecordingListener recorder = new RecordingListener(channel, capture);
            Set<String> wanted = new HashSet<>(req.run);
            // load what the runner needs before the guard, so no JDK code path runs for the first time under it
            Runner runner = new Runner(req.lean ? null : LauncherFactory.create(), recorder, wanted, req.timeout);
            if (req.lean) LeanRunner.warmUp();
            if (req.guard) {
                guard = StudentGuard.install(domain);
                recorder.note(guard == null ? "no-guard" : "guard");
            }
            Thread.currentThread().setContextClassLoader(ClassLoader.getSystemClassLoader());
            runner.run(visible, visibleBytes.keySet());
            recorder.seal();
            Map<String, byte[]> hiddenBytes = classes(in, "hidden");
            if (!hiddenBytes.isEmpty()) {   // the same loader (the same runtime package: hidden tests use visible helpers)
                visible.add(hiddenBytes);
                runner.run(visible, hiddenBytes.keySet());
            }
            recorder.note("cpu " + cpuMillis());
            recorder.done();
        } catch (Throwable t) { // JUnit rethrows "unrecoverable" errors such as OutOfMemoryError and ends the run
            status = 3;
            try {
                err.println("child: " + t);
            } catch (Throwable ignored) {
                // out of memory even for this
            }
        } finally {
            if (guard != null) guard.open();
            Runtime.getRuntime().halt(status); // also ends threads left spinning by timed-out tests
        }
    }

    /** This JVM's CPU time so far (user + system, from /proc/self/stat), in ms; -1 where there is none. */
    static long cpuMillis() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;   // clock ticks of 10 ms
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String field(String line, String prefix) throws IOException {
        if (line == null || !line.startsWith(prefix)) throw new IOException("bad request line");
        return line.substring(prefix.length());
    }

    /** Reads {@code CLASSES <what> <n>} and n lines {@code <binary name> <base64>}. */
    private static Map<String, byte[]> classes(BufferedReader in, String what) throws IOException {
        String[] head = field(in.readLine(), "CLASSES " + what + " ").split(" ");
        int n = Integer.parseInt(head[0]);
        Map<String, byte[]> m = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String line = in.readLine();
            int sp = line.indexOf(' ');
            m.put(line.substring(0, sp), Base64.getDecoder().decode(line.substring(sp + 1)));
        }
        return m;
    }

    /** Runs test classes with the lean runner when it can take them all, with JUnit's engine otherwise. */
    private static final class Runner {
        private Launcher launcher;
        private final RecordingListener recorder;
        private final Set<String> wanted;
        private final int timeout;

        Runner(Launcher launcher, RecordingListener recorder, Set<String> wanted, int timeout) {
            this.launcher = launcher;
            this.recorder = recorder;
            this.wanted = wanted;
            this.timeout = timeout;
        }

        void run(ClassLoader loader, Set<String> names) throws ClassNotFoundException {
            List<Class<?>> classes = new ArrayList<>();
            for (String n : new java.util.TreeSet<>(names)) {
                if (n.contains("$")) continue;
                String prefix = n + "#";
                for (String k : wanted) {
                    if (k.startsWith(prefix)) {
                        classes.add(Class.forName(n, false, loader));
                        break;
                    }
                }
            }
            if (classes.isEmpty()) return;
            if (launcher == null) {
                if (LeanRunner.run(classes, wanted, timeout, recorder)) return;
                recorder.note("runner junit");   // the grader asked for the lean runner, but these classes need JUnit's engine
                launcher = LauncherFactory.create();
            }
            junit(launcher, classes, wanted, timeout, recorder);
        }
    }

    private static void junit(Launcher launcher, List<Class<?>> classes, Set<String> wanted, int timeout,
                              RecordingListener recorder) {
        List<org.junit.platform.engine.DiscoverySelector> selectors = new ArrayList<>();
        for (Class<?> c : classes) selectors.add(DiscoverySelectors.selectClass(c));
        PostDiscoveryFilter filter = d -> {
            if (d.getSource().isPresent() && d.getSource().get() instanceof MethodSource ms) {
                String k = ms.getClassName() + "#" + ms.getMethodName();
                return wanted.contains(k) ? FilterResult.included("graded") : FilterResult.excluded("not planned");
            }
            return FilterResult.included("container");
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(filter)
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.timeout.default", timeout + " s",
                        "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD",
                        "junit.jupiter.execution.parallel.enabled", "false",
                        "junit.jupiter.extensions.autodetection.enabled", "false",
                        "junit.platform.stacktrace.pruning.enabled", "true"))
                .build();
        launcher.execute(request, recorder);
    }

    /** Defines classes from bytes (the student's in their own protection domain). */
    static final class MemoryLoader extends ClassLoader {
        private final Map<String, byte[]> bytes = new java.util.concurrent.ConcurrentHashMap<>();
        ProtectionDomain domain;

        MemoryLoader(String name, ClassLoader parent, Map<String, byte[]> bytes, ProtectionDomain domain) {
            super(name, parent);
            this.bytes.putAll(bytes);
            this.domain = domain;
        }

        void add(Map<String, byte[]> more) {
            bytes.putAll(more);
        }

        /** Its own classes first: no other loader can stand in for a test class. */
        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!bytes.containsKey(name)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = bytes.get(name);
            if (b == null) throw new ClassNotFoundException(name);
            return defineClass(name, b, 0, b.length, domain);
        }
    }
}
