package convkit.grading.lean;

import static org.junit.jupiter.api.Assertions.assertEquals;

import convkit.grading.Graded;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A test class for LeanRunnerTest: every outcome and every kind of source and name the lean runner handles. */
public class Probe {
    @Test
    @Graded(number = "1.1.1.1")
    void passes() {
    }

    @Test
    @Graded(number = "1.1.1.2", points = 2)
    void fails() {
        assertEquals(1, 2, "msg");
    }

    @Test
    @Graded(number = "1.1.1.3")
    void throwsIt() {
        throw new IllegalStateException("no");
    }

    @Test
    @Graded(number = "1.1.1.4")
    void aborts() {
        Assumptions.assumeTrue(false, "not today");
    }

    @Test
    @Graded(number = "1.1.1.5")
    void loops() {
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
    }

    @ParameterizedTest
    @CsvSource({" 1 , x,0x10", "2,y z,  7"})
    @Graded(number = "1.1.1.6")
    void csv(int a, String b, long c) {
        assertEquals(16, c, "c for a = " + a + ", b = " + b);
    }

    @ParameterizedTest(name = "k = {0}")
    @ValueSource(doubles = {1, 2.5})
    @Graded(number = "1.1.1.7")
    void vs(double k) {
        assertEquals(1, k, 1e-9);
    }

    @ParameterizedTest(name = "#{index} of {displayName} with {arguments}: {0}|{1}|{2}")
    @CsvSource("3, 12, z")
    @Graded(number = "1.1.1.8")
    void sized(int a, long b, String c) {
    }

    @Test
    void notGraded() {
        throw new AssertionError("not planned: never runs");
    }
}
