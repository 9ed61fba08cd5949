package convkit.grading;

import java.nio.file.Path;
import java.util.List;

/**
 * Every sentence the grader writes about a submission (its notes, and the reasons of tests that did not run),
 * in one place, so that they can be translated or reworded without touching the grading logic. These texts reach
 * students (feedback, results.json): none of them may carry anything of a hidden test.
 */
final class Messages {
    private Messages() {
    }

    static String noSources(Path dir) {
        return "No exercise sources found" + (dir == null ? "" : " in " + dir.getFileName()) + ": every test scores 0.";
    }

    static String ignoredModuleInfo(String rel) {
        return "Ignored " + rel + ": a module declaration is not an exercise (the exercises are graded in the unnamed module).";
    }

    static String ignoredOutside(String rel) {
        return "Ignored " + rel + ": only files in " + Grader.EXERCISE_DIR + " are graded.";
    }

    static String ignoredTestFile(String rel) {
        return "Ignored " + rel + ": test files of the submission are not used; the instructor's tests decide the grade.";
    }

    static String refusedLink(String rel) {
        return "Refused " + rel + ": a symbolic link (hand in the file itself); it is not graded.";
    }

    static String refusedSpecial(String rel) {
        return "Refused " + rel + ": not a regular file (a device, pipe or socket); it is not graded.";
    }

    static String unreadable(String rel, Exception e) {
        return "Could not read " + rel + " (" + e.getMessage() + "); it is not graded.";
    }

    static String notUtf8(String charset) {
        return "not UTF-8; read as " + charset + " (save your files as UTF-8).";
    }

    static String bom() {
        return "starts with a UTF-8 byte-order mark (removed).";
    }

    static String missingFile(String rel) {
        return rel + " is missing from the submission; its exercises score 0.";
    }

    static String doesNotCompile(String rel, String error) {
        return rel + " does not compile (" + error + "); its exercises score 0.";
    }

    static String doesNotFit(String rel, String error) {
        return rel + " does not fit the exercise's API: the tests do not compile against it (" + error
                + "). Keep the given method signatures; its exercises score 0.";
    }

    static String nothingCompiles(List<String> errors) {
        return "The submission does not compile with the instructor's tests: " + errors + "; every test scores 0.";
    }

    static String testsDoNotCompile(String rel, String error) {
        return "the tests in " + rel + " do not compile against the submission (" + error + ")";
    }

    static String skipped(String reason) {
        return "Skipped " + reason + "; they score 0.";
    }

    static String refusedClass(String rel, String cls, String why) {
        return "Refused " + rel + ": it declares class " + cls + ", " + why + "; the file's exercises score 0.";
    }

    static String outsidePackage() {
        return "which is outside package convkit.exercises (a hand-in may not add or replace JUnit's, the grader's or the library's classes)";
    }

    static String javaLangName(String simple) {
        return "a name of java.lang (java.lang." + simple + "), which in the instructor's tests, compiled in the same package, "
                + "would stand for the hand-in's class instead of the JDK's";
    }

    static String packageName(String simple) {
        return "the first name of package " + simple + ".*, which in the instructor's tests, compiled in the same package, "
                + "would stand for the hand-in's class instead of the package";
    }

    static String testName() {
        return "a name reserved for the instructor's tests";
    }

    static String ownTestsIgnored(String cls) {
        return "Ignored the tests or @Graded annotations declared in " + cls + ": only the instructor's tests are run and counted.";
    }

    static String deadline(int seconds) {
        return "the whole-submission deadline of " + seconds + " s ran out";
    }

    static String outOfMemory(String heap) {
        return "the test JVM ran out of memory (OutOfMemoryError, heap limit " + heap + ")";
    }

    static String stackOverflow() {
        return "the test JVM died of a StackOverflowError";
    }

    static String died(int exit, String tail) {
        return "the test JVM died (exit code " + exit + ": System.exit, a crash, or out of memory)" + tail;
    }

    static String didNotFinish(String why) {
        return "Did not finish: " + why + " while this test ran.";
    }

    static String runStopped(int run, String why, String during) {
        return "Run " + run + " stopped early: " + why + (during == null ? "." : " during " + during + ".");
    }

    static String forgedLines(int n) {
        return n + " line(s) on the result channel were not authentic grader records and were ignored.";
    }

    static String noGuard() {
        return "This JVM has no SecurityManager (Java 24+): the in-JVM guard was off; only the sandbox isolated the code.";
    }

    static String notSource(String rel) {
        return "Ignored " + rel + ": not a Java source file (only .java files in " + Grader.EXERCISE_DIR + " are graded).";
    }
}
