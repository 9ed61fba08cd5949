package convkit.grading.batch;

import convkit.grading.Grader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What grades a submission: the instructor's test source roots (visible and hidden), the folder the
 * stubs come from (a student file that does not compile is replaced by its stub), and the limits of
 * one run (per-test timeout, whole-submission deadline, heap of the child JVM).
 *
 * @param testDirs  instructor test roots, e.g. solutions/src/test/java and solutions/src/hidden/java
 * @param stubsDir  solutions/src/main/java (or a folder of stubs: a file without markers is its own stub)
 */
public record GradingSetup(List<Path> testDirs, Path stubsDir, int timeoutSeconds, int deadlineSeconds, String heap) {

    public GradingSetup {
        testDirs = List.copyOf(testDirs);
        if (timeoutSeconds < 1) throw new IllegalArgumentException("timeoutSeconds must be >= 1, got " + timeoutSeconds);
        if (deadlineSeconds < timeoutSeconds) {
            throw new IllegalArgumentException("deadlineSeconds (" + deadlineSeconds + ") must be >= timeoutSeconds (" + timeoutSeconds + ")");
        }
    }

    /** The setup of a convkit checkout: solutions/src/test/java + solutions/src/hidden/java, stubs from solutions/src/main/java. */
    public static GradingSetup fromKit(Path root, int timeoutSeconds, int deadlineSeconds, String heap) {
        Path sol = root.resolve("solutions");
        if (!Files.isDirectory(sol.resolve("src/test/java"))) {
            throw new IllegalArgumentException("no instructor tests: " + sol.resolve("src/test/java") + " does not exist (root " + root + ")");
        }
        return new GradingSetup(List.of(sol.resolve("src/test/java"), sol.resolve("src/hidden/java")),
                sol.resolve("src/main/java"), timeoutSeconds, deadlineSeconds, heap);
    }

    /** A Grader for one submission's source root, configured with this setup. */
    public Grader grader(Path sources, String name) {
        return new Grader().sources(sources).tests(testDirs.toArray(new Path[0])).stubsFrom(stubsDir).name(name)
                .timeoutSeconds(timeoutSeconds).deadlineSeconds(deadlineSeconds).heap(heap);
    }

    /**
     * Hash of everything that decides a grade besides the submission: every file of the test and stub
     * folders, the grader's own code (its jar, or its class files) and the limits. A change in any of
     * them makes a re-run grade every submission again.
     */
    public String fingerprint() {
        MessageDigest md = Hashing.sha256();
        for (Path d : testDirs) Hashing.addTree(md, d, "tests:");
        Hashing.addTree(md, stubsDir, "stubs:");
        Hashing.addString(md, "limits:" + timeoutSeconds + "/" + deadlineSeconds + "/" + heap);
        Hashing.addString(md, "grader:" + graderCodeHash());
        return Hashing.hex(md);
    }

    private static String graderCodeHash() {
        try {
            Path loc = Path.of(Grader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            MessageDigest md = Hashing.sha256();
            if (Files.isRegularFile(loc)) {
                Hashing.addFile(md, loc);
            } else {
                Hashing.addTree(md, loc.resolve("convkit/grading"), "");
            }
            return Hashing.hex(md);
        } catch (URISyntaxException | RuntimeException e) {
            return "unknown";
        }
    }
}
