package convkit.grading.lean;

import convkit.grading.Graded;
import org.junit.jupiter.api.Test;

/** A test class for LeanRunnerTest whose constructor throws. */
public class ProbeBroken {
    public ProbeBroken() {
        throw new IllegalArgumentException("ctor");
    }

    @Test
    @Graded(number = "1.1.2.1")
    void constructed() {
    }
}
