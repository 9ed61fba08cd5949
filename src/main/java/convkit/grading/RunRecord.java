package convkit.grading;

/**
 * One line of the child JVM's report to the grader (JSON lines, written and flushed as tests run, so
 * a run that dies still tells which tests finished and which one was running).
 *
 * <p>Kinds: {@code planned} (a graded method was discovered), {@code started} / {@code finished}
 * (one test or one invocation of a parameterised test), {@code container} (a class or template failed
 * as a whole, e.g. in a static initialiser), {@code done} (the run ended normally).
 */
final class RunRecord {
    String kind;
    /** fully.qualified.Class#method of the graded method (test classes must not overload graded methods). */
    String key;
    String uniqueId;
    String displayName;
    /** SUCCESSFUL, FAILED, ABORTED or SKIPPED. */
    String status;
    String message;
    String output;
    long millis;
    // planned only
    String number;
    double points;
    String visibility;
    String hint;
    String name;
    String[] tags;
    /** Set by the grader: the record came after the visible results were sealed. */
    transient boolean hiddenPhase;

    static RunRecord of(String kind) {
        RunRecord r = new RunRecord();
        r.kind = kind;
        return r;
    }
}
