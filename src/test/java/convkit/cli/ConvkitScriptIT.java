package convkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./convkit and java -jar target/convkit.jar for real, after {@code mvn package} (Failsafe runs *IT classes then):
 * the script forwards every argument to the jar and passes its status and output through; the jar runs from any
 * folder; a missing jar is built by the script with Maven.
 */
class ConvkitScriptIT {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path JAR = ROOT.resolve("target/convkit.jar");

    record Result(int status, String out, String err) {
    }

    @BeforeAll
    static void theJarIsBuilt() {
        assertThat(JAR).as("mvn package made it").isRegularFile();
        assertThat(ROOT.resolve("target/lib")).isDirectory();
    }

    static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("CONVKIT_NO_BUILD");
        pb.environment().remove("CONVKIT_LAUNCHER");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).as("%s ended", List.of(command)).isTrue();
        return new Result(p.exitValue(), out, err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code ./convkit ARGS} in the checkout, never building (the jar was just packaged). */
    static Result script(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", ROOT.resolve("convkit").toString()));
        cmd.addAll(List.of(args));
        return run(ROOT, Map.of("CONVKIT_NO_BUILD", "1"), cmd.toArray(new String[0]));
    }

    @Test
    void helpIsTheJarsHelpUnderTheScriptsName() throws Exception {
        Result r = script("help");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(CommandsDocTest.help("help"));
        assertThat(r.out()).startsWith("Usage: ./convkit [-hV] COMMAND").contains("  grade-class ").contains("  train ");
        assertThat(script().out()).as("no command: the list").isEqualTo(r.out());
    }

    @Test
    void aBadOptionOrAMissingValueExitsWith2AndSaysWhy() throws Exception {
        Result bogus = script("--bogus");
        assertThat(bogus.status()).isEqualTo(2);
        assertThat(bogus.err()).contains("./convkit: Unknown option: '--bogus'");
        assertThat(bogus.out()).isEmpty();

        Result missing = script("bench", "lenet", "--model");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("./convkit bench lenet: Missing required parameter for option '--model'")
                .doesNotContain("Exception");

        Result unknown = script("trian");
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown command 'trian'").contains("train");
    }

    @Test
    void statusAndOutputOfACommandPassThrough() throws Exception {
        Result ok = script("verify-kit");
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("exercises/ matches solutions/");
        Result failed = script("train", "--data-dir", "/nowhere/fashion-mnist", "--epochs", "1");
        assertThat(failed.status()).isEqualTo(1);
        assertThat(failed.err()).contains("./convkit train: Fashion-MNIST not found: /nowhere/fashion-mnist does not exist");
    }

    @Test
    void checkPrintsTheScoreTableOfTheStudentsExercises() throws Exception {
        Result r = script("check", "7.3.1");   // exercises/ holds the untouched stubs: every test fails
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("Score of your exercises 7.3.1").contains("7.3.1.1").contains("outputSize")
                .contains("total");
    }

    @Test
    void theJarRunsFromAnyFolderAndFindsItsKit(@TempDir Path elsewhere) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result help = run(elsewhere, Map.of(), java, "-jar", JAR.toString(), "help");
        assertThat(help.status()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: java -jar target/convkit.jar [-hV] COMMAND");
        Result verify = run(elsewhere, Map.of(), java, "-jar", JAR.toString(), "verify-kit");
        assertThat(verify.status()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("exercises/ matches solutions/");
        Result version = run(elsewhere, Map.of(), java, "-jar", JAR.toString(), "--version");
        assertThat(version.out()).startsWith("convkit 0.");
    }

    @Test
    void theScriptBuildsAMissingJarAndNoticesAStaleOne(@TempDir Path tmp) throws Exception {
        Path kit = tmp.resolve("convkit");
        copy(ROOT.resolve("pom.xml"), kit.resolve("pom.xml"));
        copy(ROOT.resolve("convkit"), kit.resolve("convkit"));
        copy(ROOT.resolve("src/main"), kit.resolve("src/main"));
        Result first = run(kit, Map.of(), "bash", "convkit", "help");
        assertThat(first.status()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("== Building the library").contains("built target/convkit.jar")
                .contains("Usage: ./convkit [-hV] COMMAND");
        assertThat(kit.resolve("target/convkit.jar")).isRegularFile();

        Result again = run(kit, Map.of(), "bash", "convkit", "help");
        assertThat(again.out()).as("a fresh jar is not rebuilt").doesNotContain("Building").startsWith("Usage: ./convkit");

        Path source = kit.resolve("src/main/java/convkit/Tensor.java");
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(60)));
        Result noBuild = run(kit, Map.of("CONVKIT_NO_BUILD", "1"), "bash", "convkit", "--version");
        assertThat(noBuild.out()).as("CONVKIT_NO_BUILD: the jar as it is").doesNotContain("Building").startsWith("convkit 0.");
        Result stale = run(kit, Map.of(), "bash", "convkit", "--version");
        assertThat(stale.out()).contains("target/convkit.jar is older than the sources in src/main: rebuilding it")
                .contains("convkit 0.");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(q);
                else {
                    Files.createDirectories(q.getParent());
                    Files.copy(p, q, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
