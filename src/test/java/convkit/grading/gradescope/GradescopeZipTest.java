package convkit.grading.gradescope;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import convkit.grading.KitPaths;
import convkit.grading.UnixZipTest;
import convkit.grading.batch.BatchGradeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autograder zip, tried the way Gradescope uses it: unpacked into source/ of a folder laid out like
 * /autograder, run_autograder copied next to it and run (AUTOGRADER_ROOT points at the folder), and
 * results/results.json checked against Gradescope's schema
 * (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
 */
class GradescopeZipTest {
    static final Path ROOT = KitPaths.root();

    @TempDir
    Path tmp;

    @Test
    void runAutograderGradesASubmissionIntoResultsJson() throws Exception {
        Path zip = tmp.resolve("autograder.zip");
        List<String> entries = GradescopeZip.build(ROOT, zip, GradescopeZip.runtimeClassPath());
        assertThat(entries).contains("setup.sh", "run_autograder");
        assertThat(entries).anyMatch(e -> e.startsWith("lib/") && e.endsWith(".jar"));
        // slim: the grader's jars only (no Tablesaw, fastutil, icu4j, guava, the kernel's jars)
        assertThat(entries.stream().filter(e -> e.startsWith("lib/")).toList()).noneMatch(e -> e.matches("lib/(tablesaw|fastutil|icu4j|guava|jjava|jeromq|picocli|commons-math).*"));
        assertThat(Files.size(zip)).as("the autograder zip's size").isLessThan(8_000_000L);
        assertThat(entries).anyMatch(e -> e.startsWith("tests/src/hidden/java/") && e.endsWith("HiddenTest.java"));
        assertThat(entries).anyMatch(e -> e.startsWith("tests/src/test/java/") && e.endsWith("Test.java"));

        // Gradescope: the zip's content in /autograder/source, run_autograder copied to /autograder/run_autograder
        Path ag = tmp.resolve("autograder");
        Path source = ag.resolve("source");
        UnixZipTest.unzip(zip, source);   // Info-ZIP's unzip, as Gradescope unpacks it: the scripts must stay executable
        assertThat(Files.getPosixFilePermissions(source.resolve("run_autograder"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(source.resolve("setup.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.readString(source.resolve("setup.sh"))).contains("apt-get install").contains("openjdk-17-jdk-headless").contains("maven");
        try (var s = Files.walk(source.resolve("stubs"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p)).as("no solution code in %s", p).doesNotContain("BEGIN SOLUTION");
            }
        }
        Files.copy(source.resolve("run_autograder"), ag.resolve("run_autograder"), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        // the submission: everything right except the 7.3 file (left as the stub)
        BatchGradeTest.kit(ag.resolve("submission"), Map.of("Sec73PaddingStride", BatchGradeTest::stub));

        ProcessBuilder pb = new ProcessBuilder(ag.resolve("run_autograder").toString()).directory(ag.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("stdout").toFile());
        pb.environment().put("AUTOGRADER_ROOT", ag.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("run_autograder finished").isTrue();
        assertThat(p.exitValue()).isZero();

        Path results = ag.resolve("results/results.json");
        assertThat(results).as("results.json (stdout: %s)", Files.readString(tmp.resolve("stdout"))).exists();
        JsonObject r = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
        assertThat(r.keySet()).contains("score", "execution_time", "output", "visibility", "stdout_visibility", "tests");
        assertThat(r.get("execution_time").getAsJsonPrimitive().isNumber()).isTrue();
        double sum = 0, max = 0;
        Set<String> visibilities = new HashSet<>();
        for (JsonElement e : r.getAsJsonArray("tests")) {
            JsonObject t = e.getAsJsonObject();
            assertThat(t.keySet()).contains("name", "number", "score", "max_score", "status", "output", "tags", "visibility");
            assertThat(t.get("status").getAsString()).isIn("passed", "failed");
            assertThat(t.get("visibility").getAsString()).isIn("visible", "hidden", "after_due_date", "after_published");
            visibilities.add(t.get("visibility").getAsString());
            double score = t.get("score").getAsDouble(), mx = t.get("max_score").getAsDouble();
            String number = t.get("number").getAsString();
            if (number.startsWith("7.3.")) assertThat(score).as("7.3 test %s", number).isZero();
            else assertThat(score).as("test %s", number).isEqualTo(mx);
            sum += score;
            max += mx;
        }
        assertThat(visibilities).contains("visible", "hidden");
        assertThat(r.get("score").getAsDouble()).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(sum).isGreaterThan(0).isLessThan(max);
    }
}
