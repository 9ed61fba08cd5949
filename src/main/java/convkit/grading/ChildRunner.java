package convkit.grading;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * The child-JVM side of grading: runs the JUnit Platform on a folder of compiled tests and writes
 * {@link RunRecord} lines. Started by {@link Grader}; not meant to be called by hand.
 *
 * <pre>java -cp LIB:CLASSES convkit.grading.ChildRunner --out records.jsonl --timeout 10
 *     [--xml DIR] [--only PREFIX] [--exclude keys.txt] CLASSES</pre>
 */
public final class ChildRunner {
    private ChildRunner() {
    }

    public static void main(String[] args) throws IOException {
        execute(args);
        Runtime.getRuntime().halt(0); // also ends threads left spinning by timed-out tests
    }

    /**
     * One run, without ending the JVM: the test classes are found through the thread's context class
     * loader (a warm worker JVM sets it to a fresh loader per submission; see convkit.grading.batch).
     */
    public static void execute(String[] args) throws IOException {
        Path out = null, xml = null, exclude = null, classes = null;
        String only = "";
        int timeout = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(args[++i]);
                case "--xml" -> xml = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                case "--exclude" -> exclude = Path.of(args[++i]);
                case "--timeout" -> timeout = Integer.parseInt(args[++i]);
                default -> classes = Path.of(args[i]);
            }
        }
        if (out == null || classes == null) throw new IllegalArgumentException("usage: --out FILE [--timeout S] CLASSES_DIR");
        Set<String> excluded = exclude == null ? Set.of() : new HashSet<>(Files.readAllLines(exclude));
        PrintWriter records = new PrintWriter(new OutputStreamWriter(new FileOutputStream(out.toFile(), true), StandardCharsets.UTF_8));
        OutputCapture capture = OutputCapture.install(8_000);
        ExitGuard guard = Boolean.parseBoolean(System.getProperty("convkit.grading.exitGuard", "true")) ? ExitGuard.install() : null;

        String prefix = only;
        PostDiscoveryFilter filter = descriptor -> {
            Optional<Method> m = descriptor.getSource()
                    .filter(s -> s instanceof org.junit.platform.engine.support.descriptor.MethodSource)
                    .map(s -> {
                        try {
                            return ((org.junit.platform.engine.support.descriptor.MethodSource) s).getJavaMethod();
                        } catch (RuntimeException e) {
                            return null;
                        }
                    });
            if (m.isEmpty()) return FilterResult.included("not a method");
            Graded g = m.get().getAnnotation(Graded.class);
            if (g == null) return FilterResult.excluded("not graded");
            if (!Numbers.matches(g.number(), prefix)) return FilterResult.excluded("not in " + prefix);
            if (excluded.contains(RecordingListener.key(m.get()))) return FilterResult.excluded("already graded");
            return FilterResult.included("graded");
        };
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(classes)))
                .filters(filter)
                .configurationParameters(Map.of(
                        "junit.jupiter.execution.timeout.default", timeout + " s",
                        "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD",
                        "junit.jupiter.execution.parallel.enabled", "false",
                        "junit.platform.stacktrace.pruning.enabled", "true"))
                .build();
        RecordingListener recorder = new RecordingListener(records, capture);
        Launcher launcher = LauncherFactory.create();
        List<TestExecutionListener> listeners = new java.util.ArrayList<>(List.of(recorder));
        if (xml != null) {
            Files.createDirectories(xml);
            listeners.add(new LegacyXmlReportGeneratingListener(xml, new PrintWriter(System.err)));
        }
        try {
            launcher.execute(request, listeners.toArray(new TestExecutionListener[0]));
        } catch (Throwable t) { // JUnit rethrows "unrecoverable" errors such as OutOfMemoryError and ends the run
            recorder.fatal(t);
            records.close();
            if (guard != null) guard.open();
            Runtime.getRuntime().halt(3);
        }
        recorder.done();
        records.close();
        if (guard != null) guard.open();
    }
}
