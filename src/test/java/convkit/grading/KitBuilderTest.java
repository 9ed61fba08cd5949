package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build fails here when exercises/ drifts from solutions/ (run ./convkit generate after editing solutions/). */
class KitBuilderTest {
    static final Path ROOT = Path.of("").toAbsolutePath();

    @Test
    void exercisesAreExactlyWhatSolutionsGenerate() {
        assertThat(KitBuilder.check(ROOT)).as("exercises/ must be generated from solutions/ (./convkit generate)").isEmpty();
    }

    @Test
    void manifestCountsHiddenTestsWithoutTheirContent() throws IOException {
        String text = Files.readString(ROOT.resolve("exercises").resolve(KitBuilder.MANIFEST));
        JsonObject m = JsonParser.parseString(text).getAsJsonObject();
        int hidden = 0;
        for (var e : m.getAsJsonArray("hidden")) hidden += e.getAsJsonObject().get("tests").getAsInt();
        assertThat(hidden).isEqualTo(GradedScan.scan(ROOT.resolve("solutions/src/hidden/java")).size()).isPositive();
        for (GradedScan.Entry e : GradedScan.scan(ROOT.resolve("solutions/src/hidden/java"))) {
            assertThat(text).doesNotContain(e.key().substring(e.key().indexOf('#') + 1));
        }
    }

    @Test
    void driftUnbalancedMarkersAndMisplacedHiddenTestsAreReported(@TempDir Path tmp) throws IOException {
        copy(ROOT.resolve("solutions"), tmp.resolve("solutions"));
        copy(ROOT.resolve("exercises"), tmp.resolve("exercises"));
        assertThat(KitBuilder.check(tmp)).isEmpty();

        Path stub = tmp.resolve("exercises/src/main/java/convkit/exercises/Sec72Kernels.java");
        Files.writeString(stub, Files.readString(stub).replace("UnsupportedOperationException", "IllegalStateException"));
        Files.writeString(tmp.resolve("exercises/src/main/java/convkit/exercises/Extra.java"), "class Extra {}");
        assertThat(KitBuilder.check(tmp)).anyMatch(p -> p.contains("Sec72Kernels.java differs"))
                .anyMatch(p -> p.contains("Extra.java is not generated"));
        KitBuilder.generate(tmp);
        assertThat(KitBuilder.check(tmp)).isEmpty();

        Path sol = tmp.resolve("solutions/src/main/java/convkit/exercises/Sec72Kernels.java");
        Files.writeString(sol, Files.readString(sol).replaceFirst("        // END SOLUTION\n", ""));
        assertThat(KitBuilder.check(tmp)).singleElement().asString().contains("unbalanced", "Sec72Kernels.java:");

        copy(ROOT.resolve("solutions"), tmp.resolve("solutions"));
        Path hidden = tmp.resolve("solutions/src/hidden/java/convkit/exercises/Sec72KernelsHiddenTest.java");
        Files.move(hidden, tmp.resolve("solutions/src/test/java/convkit/exercises/Sec72KernelsHiddenTest.java"));
        assertThat(KitBuilder.check(tmp)).anyMatch(p -> p.contains("HIDDEN but lives in solutions/src/test/java"));
    }

    @Test
    void studentKitHasNoSolutionsAndNoHiddenTests(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("kit.zip");
        List<String> entries = KitBuilder.zip(ROOT, zip);
        assertThat(entries).contains("convkit/pom.xml", "convkit/exercises/grading-manifest.json",
                "convkit/exercises/src/main/java/convkit/exercises/ScratchConvolution.java",
                "convkit/exercises/src/test/java/convkit/exercises/ScratchConvolutionTest.java",
                "convkit/src/main/java/convkit/grading/Grader.java");
        assertThat(entries).noneMatch(e -> e.startsWith("convkit/solutions/") || e.contains("HiddenTest")
                || e.startsWith("convkit/src/test/") || e.contains("/target/"));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (var e : java.util.Collections.list(z.entries())) {
                if (!e.getName().startsWith("convkit/exercises/")) continue;
                String text = new String(z.getInputStream(e).readAllBytes());
                assertThat(text).as(e.getName()).doesNotContain("BEGIN SOLUTION").doesNotContain("Visibility.HIDDEN");
            }
        }
    }

    @Test
    void unzippedKitKeepsItsScriptsExecutable(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("kit.zip");
        KitBuilder.zip(ROOT, zip);
        Path out = tmp.resolve("unpacked");
        UnixZipTest.unzip(zip, out);
        Path kit = out.resolve("convkit");
        assertThat(kit.resolve("convkit")).as("./convkit in the unpacked kit").isExecutable();
        try (var s = Files.list(ROOT.resolve("scripts"))) {
            for (Path script : s.filter(Files::isExecutable).toList()) {
                assertThat(kit.resolve("scripts").resolve(script.getFileName().toString())).isExecutable();
            }
        }
        assertThat(Files.isExecutable(kit.resolve("pom.xml"))).isFalse();
        assertThat(Files.isExecutable(kit.resolve("exercises/src/main/java/convkit/exercises/Sec72Kernels.java"))).isFalse();
        // the student runs it as documented: ./convkit help
        Process p = new ProcessBuilder(kit.resolve("convkit").toString(), "help").directory(kit.toFile()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("usage: ./convkit");
    }

    static void copy(Path from, Path to) throws IOException {
        Grader.deleteTree(to);
        try (var s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else Files.copy(p, q);
            }
        }
    }
}
