package convkit.grading;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the convkit checkout (or unpacked student kit) that holds exercises/ and, for instructors, solutions/. */
public final class KitPaths {
    private KitPaths() {
    }

    /**
     * The kit root: system property {@code convkit.home}, else environment variable {@code CONVKIT_HOME},
     * else the nearest folder at or above the working directory that contains {@code exercises/} or
     * {@code solutions/} next to a {@code pom.xml}.
     */
    public static Path root() {
        String p = System.getProperty("convkit.home", System.getenv("CONVKIT_HOME"));
        if (p != null && !p.isBlank()) return Path.of(p).toAbsolutePath().normalize();
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("pom.xml"))
                    && (Files.isDirectory(d.resolve("exercises")) || Files.isDirectory(d.resolve("solutions")))) {
                return d;
            }
        }
        throw new IllegalStateException("cannot find the convkit folder (with exercises/ and pom.xml) at or above "
                + Path.of("").toAbsolutePath() + "; set -Dconvkit.home=/path/to/convkit");
    }

    public static Path exercises(Path root) {
        return root.resolve("exercises");
    }

    public static Path solutions(Path root) {
        return root.resolve("solutions");
    }
}
