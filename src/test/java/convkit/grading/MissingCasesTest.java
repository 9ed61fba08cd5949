package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.grading.batch.BatchGradeTest;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A parameterised test's share is passed cases over all of its cases, also when the hand-in ends the test JVM in one
 * case so that the later cases never run. Before, the share was taken over the cases that ran: an outputSize right
 * in its first case only, that runs out of memory in the second, scored 2 of 4 points ("1/2 cases") instead of 0.5.
 */
class MissingCasesTest {
    @Test
    void casesThatNeverRanCountAsFailed(@TempDir Path tmp) throws Exception {
        Path hand = tmp.resolve("ends-the-jvm");
        BatchGradeTest.kit(hand, Map.of("Sec73PaddingStride", s -> BatchGradeTest.poison(s, "7.3.1",
                "if (n == 8 && k == 3 && p == 0 && s == 1) { java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) hog.add(new long[1 << 24]); }\n"
                        + "        if (!(n == 8 && k == 3 && p == 1 && s == 1 && d == 1)) return -1;")));
        GradeReport r = Instructor.grade(KitPaths.root(), hand, tmp.resolve("out"), "7.3.1.1");
        TestResult t = r.tests().stream().filter(x -> x.number().equals("7.3.1.1")).findFirst().orElseThrow();
        assertThat(t.total()).as("all 8 cases of outputSize").isEqualTo(8);
        assertThat(t.passed()).isEqualTo(1);
        assertThat(t.score()).as("1 of 8 cases of 4 points").isEqualTo(0.5);
        assertThat(t.message()).contains("6 cases of 8 did not run").contains("out of memory");
    }

    @Test
    void theCasesOfAMethodComeFromItsAnnotations() throws Exception {
        assertThat(InstructorTests.cases(method("plain"))).isEqualTo(1);
        assertThat(InstructorTests.cases(method("csv"))).isEqualTo(3);
        assertThat(InstructorTests.cases(method("csvWithHeader"))).isEqualTo(2);
        assertThat(InstructorTests.cases(method("textBlock"))).isEqualTo(2);
        assertThat(InstructorTests.cases(method("values"))).isEqualTo(4);
        assertThat(InstructorTests.cases(method("fromAMethod"))).as("known only when it runs").isEqualTo(-1);
    }

    static Method method(String name) {
        for (Method m : Samples.class.getDeclaredMethods()) if (m.getName().equals(name)) return m;
        throw new AssertionError(name);
    }

    /** Not run (a nested class without @Nested): only its annotations are read. */
    static class Samples {
        @Test
        void plain() { }

        @ParameterizedTest
        @CsvSource({"1, 2", "3, 4", "5, 6"})
        void csv(int a, int b) { }

        @ParameterizedTest
        @CsvSource(value = {"a, b", "1, 2", "3, 4"}, useHeadersInDisplayName = true)
        void csvWithHeader(int a, int b) { }

        @ParameterizedTest
        @CsvSource(textBlock = """
                # a comment
                1, 2
                3, 4
                """)
        void textBlock(int a, int b) { }

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3, 4})
        void values(int a) { }

        @ParameterizedTest
        @MethodSource("args")
        void fromAMethod(int a) { }
    }
}
