package convkit.grading;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Writes one {@link RunRecord} per event of a JUnit run (child JVM side) to the authenticated
 * {@link RecordChannel}. What a record says about points, numbers or visibility is not trusted by the grader
 * (those come from its own plan); it uses the keys, the outcomes, the messages and the printed output.
 */
final class RecordingListener implements TestExecutionListener {
    private final RecordChannel.Writer out;
    private final OutputCapture capture;
    private long startNanos;

    RecordingListener(RecordChannel.Writer out, OutputCapture capture) {
        this.out = out;
        this.capture = capture;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                Optional<Method> m = method(id);
                if (m.isEmpty()) continue;
                Graded g = m.get().getAnnotation(Graded.class);
                if (g == null) continue;
                // a parameterised method is a container whose invocations share its MethodSource
                Optional<TestIdentifier> parent = plan.getParent(id);
                if (parent.isPresent() && method(parent.get()).equals(m)) continue;
                planned(m.get(), g, id.getUniqueId(), id.getDisplayName());
            }
        }
    }

    /** A graded method was found and will run (what the grader's plan already knows; records are only checked). */
    void planned(Method m, Graded g, String uniqueId, String displayName) {
        RunRecord r = RunRecord.of("planned");
        r.key = key(m);
        r.uniqueId = uniqueId;
        r.displayName = displayName;
        r.number = g.number();
        r.points = g.points();
        r.visibility = g.visibility().name();
        r.hint = g.hint();
        r.name = g.name().isEmpty() ? m.getName() : g.name();
        r.tags = g.tags();
        write(r);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        if (!id.isTest()) return;
        started(method(id).map(RecordingListener::key).orElse(null), id.getUniqueId(), id.getDisplayName());
    }

    /** One test (or one invocation of a parameterised test) starts: what it prints from now on is its output. */
    void started(String key, String uniqueId, String displayName) {
        capture.take();
        startNanos = System.nanoTime();
        RunRecord r = RunRecord.of("started");
        r.key = key;
        r.uniqueId = uniqueId;
        r.displayName = displayName;
        write(r);
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        RunRecord r = RunRecord.of(id.isTest() ? "finished" : "container");
        r.key = method(id).map(RecordingListener::key).orElse(null);
        r.uniqueId = id.getUniqueId();
        r.displayName = id.getDisplayName();
        r.status = "SKIPPED";
        r.message = "skipped: " + reason;
        write(r);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (!id.isTest() && result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) return;
        finished(id.isTest(), method(id).map(RecordingListener::key).orElse(null), id.getUniqueId(), id.getDisplayName(),
                result.getStatus().name(), result.getThrowable().orElse(null));
    }

    /**
     * A test (or invocation) ended with {@code status} (SUCCESSFUL, FAILED, ABORTED), or a container failed as a
     * whole ({@code test} false); {@code thrown} is what it threw, or null.
     */
    void finished(boolean test, String key, String uniqueId, String displayName, String status, Throwable thrown) {
        RunRecord r = RunRecord.of(test ? "finished" : "container");
        r.key = key;
        r.uniqueId = uniqueId;
        r.displayName = displayName;
        r.status = status;
        r.message = thrown == null ? null : describe(thrown);
        if (test) {
            r.millis = (System.nanoTime() - startNanos) / 1_000_000;
            r.output = capture.take();
        }
        write(r);
    }

    /** The run itself ended with {@code t} (the grader fails the running test with this message and re-runs the rest). */
    void fatal(Throwable t) {
        RunRecord r = RunRecord.of("fatal");
        r.message = describe(t);
        write(r);
    }

    void done() {
        write(RunRecord.of("done"));
    }

    /** The visible tests are over: what follows comes from a JVM that holds hidden test classes. */
    void seal() {
        write(RunRecord.of("sealed"));
    }

    /** A fact about the run itself (e.g. "guard": the in-JVM guard is on). */
    void note(String what) {
        RunRecord r = RunRecord.of("note");
        r.message = what;
        write(r);
    }

    private void write(RunRecord r) {
        out.write(r.toJson());
    }

    static Optional<Method> method(TestIdentifier id) {
        Optional<TestSource> s = id.getSource();
        if (s.isPresent() && s.get() instanceof MethodSource ms) {
            try {
                return Optional.of(ms.getJavaMethod());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static String key(Method m) {
        return m.getDeclaringClass().getName() + "#" + m.getName();
    }

    /** A failure as a student should read it: the message, the exception type if it is not an assertion, where it came from. */
    static String describe(Throwable t) {
        if (t instanceof TimeoutException || (t.getMessage() != null && t.getMessage().contains("timed out after"))) {
            return "Timed out: " + t.getMessage() + " (an infinite loop, or far too slow)";
        }
        StringBuilder sb = new StringBuilder();
        Throwable cur = t;
        for (int depth = 0; cur != null && depth < 3; depth++, cur = cur.getCause()) {
            if (depth > 0) sb.append("\n  caused by ");
            boolean assertion = cur instanceof AssertionError && !(cur.getClass().getName().equals("java.lang.AssertionError") && cur.getMessage() == null);
            if (!assertion || cur.getMessage() == null) sb.append(cur.getClass().getSimpleName()).append(cur.getMessage() == null ? "" : ": ");
            if (cur.getMessage() != null) sb.append(cur.getMessage());
            if (!assertion) {
                for (StackTraceElement e : cur.getStackTrace()) {
                    if (e.getClassName().startsWith("convkit.exercises.") && !e.getClassName().endsWith("Test")) {
                        sb.append(" (at ").append(e.getFileName()).append(':').append(e.getLineNumber()).append(')');
                        break;
                    }
                }
            }
            if (cur.getCause() == cur) break;
        }
        return sb.toString();
    }
}
