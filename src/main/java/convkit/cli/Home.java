package convkit.cli;

import convkit.grading.KitPaths;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;

/** Where the convkit checkout (or unpacked student kit) is: its notebooks/, scripts/, target/. */
final class Home {
    private Home() {
    }

    /**
     * The checkout the running code was built in: {@code X} for {@code X/target/convkit.jar} or {@code X/target/classes}
     * when {@code X/pom.xml} exists; empty for a jar elsewhere (a copy of the library).
     */
    static Optional<Path> ofBuild() {
        try {
            CodeSource cs = Main.class.getProtectionDomain().getCodeSource();
            if (cs == null) return Optional.empty();
            Path at = Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize();
            Path target = at.getParent();
            if (target == null || !target.getFileName().toString().equals("target")) return Optional.empty();
            Path root = target.getParent();
            return root != null && Files.isRegularFile(root.resolve("pom.xml")) ? Optional.of(root) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The kit: the {@code convkit.home} property, else {@code CONVKIT_HOME}, else {@link #ofBuild()}, else the folder
     * the grader finds at or above the working folder ({@link KitPaths#root()}).
     */
    static Path root() {
        String p = System.getProperty("convkit.home", System.getenv("CONVKIT_HOME"));
        if (p == null || p.isBlank()) {
            Optional<Path> built = ofBuild();
            if (built.isPresent()) return built.get();
        }
        return KitPaths.root();
    }

    /** {@code target/convkit.jar} of the kit, which must be built (the kernelspec runs it). */
    static Path builtJar(Path root) {
        Path jar = root.resolve("target/convkit.jar");
        if (!Files.isRegularFile(jar) || !Files.isDirectory(root.resolve("target/lib"))) {
            throw new IllegalStateException(root.resolve("target") + " has no convkit.jar and lib/: build the library "
                    + "first (./convkit setup, or mvn -DskipTests package)");
        }
        return jar;
    }
}
