package convkit.grading.lean;

import convkit.grading.Graded;
import org.junit.jupiter.api.Test;

/** For LeanRunnerTest: a test that interrupts the runner's thread (as a hand-in can, through its thread group), then one that passes. */
public class ProbeInterrupts {
    /** The runner's thread (set by the test that runs this class). */
    public static volatile Thread runner;

    @Test
    @Graded(number = "1.1.3.1")
    void a() {
        runner.interrupt();
    }

    @Test
    @Graded(number = "1.1.3.2")
    void b() throws InterruptedException {
        Thread.sleep(200);
    }
}
