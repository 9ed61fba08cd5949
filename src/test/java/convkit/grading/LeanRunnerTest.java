package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import convkit.grading.lean.Probe;
import convkit.grading.lean.ProbeBroken;
import convkit.grading.lean.ProbeInterrupts;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link LeanRunner} against JUnit's engine on the same class ({@link Probe}: passes, failures, an exception,
 * an abort, a timeout, a failing constructor, CSV and value sources, every display-name placeholder): the same
 * records in the same order, field by field. And which classes it refuses (then the engine runs them).
 */
class LeanRunnerTest {
    private static final Gson GSON = new Gson();

    /** What a runner reported, one line per record, without the times and the printed output. */
    private static List<String> records(boolean lean, Class<?>... cs) {
        String key = RecordChannel.newKey();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RecordingListener recorder = new RecordingListener(new RecordChannel.Writer(key, bytes), new OutputCapture(8_000));
        Set<String> wanted = new TreeSet<>();
        for (Class<?> c : cs) {
            for (var m : c.getDeclaredMethods()) if (m.isAnnotationPresent(Graded.class)) wanted.add(c.getName() + "#" + m.getName());
        }
        if (lean) {
            assertThat(LeanRunner.run(List.of(cs), wanted, 1, recorder)).as("the lean runner takes them").isTrue();
        } else {
            var request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(java.util.Arrays.stream(cs).map(DiscoverySelectors::selectClass).toList())
                    .filters((org.junit.platform.launcher.PostDiscoveryFilter) d -> d.getSource().isPresent()
                            && d.getSource().get() instanceof org.junit.platform.engine.support.descriptor.MethodSource ms
                            && !wanted.contains(ms.getClassName() + "#" + ms.getMethodName())
                            ? org.junit.platform.engine.FilterResult.excluded("not planned") : org.junit.platform.engine.FilterResult.included("ok"))
                    .configurationParameters(Map.of("junit.jupiter.execution.timeout.default", "1 s",
                            "junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD",
                            "junit.jupiter.extensions.autodetection.enabled", "false"))
                    .build();
            LauncherFactory.create().execute(request, recorder);
        }
        RecordChannel.Reader reader = new RecordChannel.Reader(key);
        List<String> out = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            RunRecord r = GSON.fromJson(reader.accept(line), RunRecord.class);
            out.add(String.join(" | ", r.kind, String.valueOf(r.key), String.valueOf(r.uniqueId), String.valueOf(r.displayName),
                    String.valueOf(r.status), String.valueOf(r.message), String.valueOf(r.number), String.valueOf(r.points)));
        }
        assertThat(reader.refused).isZero();
        return out;
    }

    @Test
    void reportsWhatJUnitsEngineReportsRecordByRecord() {
        List<String> engine = records(false, Probe.class, ProbeBroken.class);
        List<String> lean = records(true, Probe.class, ProbeBroken.class);
        assertThat(lean).containsExactlyElementsOf(engine);
        assertThat(String.join("\n", lean))
                .contains("[1] 1, x, 0x10", "k = 2.5", "#1 of sized(int, long, String) with 3, 12, z: 3|12|z", "timed out after 1 second",
                        "ABORTED", "not today", "IllegalArgumentException: ctor", "IllegalStateException: no");
    }

    @Test
    void aHandInThatInterruptsTheRunnerDoesNotMakeTheNextTestsTimeOut() {
        ProbeInterrupts.runner = Thread.currentThread();
        List<String> r;
        try {
            r = records(true, ProbeInterrupts.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(r).filteredOn(l -> l.startsWith("finished")).hasSize(2).allMatch(l -> l.contains("| SUCCESSFUL |"), "passed");
    }

    @Test
    void theKitsOwnTestsAreAllWithinItsSubset() {
        var root = KitPaths.root().resolve("solutions/src");
        InstructorTests its = InstructorTests.of(List.of(root.resolve("test/java"), root.resolve("hidden/java")), root.resolve("main/java"));
        assertThat(its.problem).isNull();
        assertThat(its.leanProblem).as("why the kit's tests would need JUnit's engine").isNull();
    }

    static class WithBeforeEach {
        @BeforeEach
        void setUp() {
        }

        @Test
        @Graded(number = "1.1.1.1")
        void t() {
        }
    }

    static class WithTimeout {
        @Test
        @Timeout(5)
        @Graded(number = "1.1.1.1")
        void t() {
        }
    }

    static class WithMethodSource {
        static List<Integer> values() {
            return List.of(1);
        }

        @ParameterizedTest
        @MethodSource("values")
        @Graded(number = "1.1.1.1")
        void t(int x) {
        }
    }

    static class WithQuotes {
        @ParameterizedTest
        @CsvSource("'a, b', 1")
        @Graded(number = "1.1.1.1")
        void t(String s, int x) {
        }
    }

    static class WithNested {
        @Nested
        class Inner {
            @Test
            void t() {
            }
        }

        @Test
        @Graded(number = "1.1.1.1")
        void t() {
        }
    }

    static class Base {
        @Test
        void inherited() {
        }
    }

    static class WithSuperclass extends Base {
        @Test
        @Graded(number = "1.1.1.1")
        void t() {
        }
    }

    static class WithPattern {
        @ParameterizedTest(name = "{0,number,#.##}")
        @CsvSource("1")
        @Graded(number = "1.1.1.1")
        void t(double x) {
        }
    }

    @Test
    void refusesWhatItDoesNotDoAndSaysWhy() {
        Map<Class<?>, String> why = Map.of(WithBeforeEach.class, "@BeforeEach", WithTimeout.class, "@Timeout",
                WithMethodSource.class, "@MethodSource", WithQuotes.class, "quotes", WithNested.class, "@Nested",
                WithSuperclass.class, "extends", WithPattern.class, "display name pattern");
        for (var e : why.entrySet()) {
            Set<String> wanted = Set.of(e.getKey().getName() + "#t");
            assertThat(LeanRunner.problem(e.getKey(), wanted)).as("%s", e.getKey().getSimpleName()).contains(e.getValue());
            assertThat(LeanRunner.run(List.of(e.getKey()), wanted, 1, null)).as("%s runs nothing", e.getKey().getSimpleName()).isFalse();
        }
        assertThat(LeanRunner.problem(Probe.class, Set.of(Probe.class.getName() + "#passes"))).isNull();
    }
}
