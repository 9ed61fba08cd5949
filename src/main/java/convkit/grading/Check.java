package convkit.grading;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The student's self-check: runs the visible tests of {@code exercises/} against your code with the
 * same engine as the final grade, shows the score table with hints, and says how many hidden tests
 * remain. From a notebook cell:
 * <pre>{@code
 * convkit.grading.Check.run("7.2");   // one section or exercise ("7.2", "7.2.3", "7.9.1")
 * convkit.grading.Check.all();        // everything
 * }</pre>
 * From a shell: {@code ./convkit check 7.2}.
 *
 * <p>Where your {@code exercises/} folder is: a notebook's kernel runs in the notebook's folder, and the check
 * looks there and in every folder above it for an {@code exercises/} folder (one with {@code src/main/java} and
 * {@code src/test/java}), also one level down (a kit unpacked next to the notebooks: {@code ../convkit/exercises}).
 * When it is somewhere else, name it once in a cell, and every later check of that kernel uses it:
 * <pre>{@code
 * convkit.grading.Check.exercises("/home/me/convkit/exercises");
 * }</pre>
 */
public final class Check {
    /** The exercises folder named in a cell with {@link #exercises}, for the rest of the kernel's life. */
    private static volatile Path named;

    private Check() {
    }

    /**
     * Tells the self-check where the exercises are: the {@code exercises/} folder itself or the folder that holds
     * it (absolute, or relative to the notebook's folder). Returns the exercises folder it will use.
     *
     * @throws IllegalArgumentException if neither {@code path} nor {@code path/exercises} is an exercises folder
     */
    public static Path exercises(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("name the folder, e.g. convkit.grading.Check.exercises(\"/home/me/convkit/exercises\");");
        }
        Path p = Path.of(path).toAbsolutePath().normalize();
        boolean calledExercises = p.getFileName() != null && p.getFileName().toString().equals("exercises");
        Path root;
        if (isExercises(p) && calledExercises) {
            root = p.getParent();
        } else if (isExercises(p.resolve("exercises"))) {
            root = p;
        } else if (isExercises(p)) {
            throw new IllegalArgumentException(p + " holds exercises, but grading looks for a folder called exercises/:"
                    + " rename it to exercises and name that, e.g. convkit.grading.Check.exercises(\""
                    + p.resolveSibling("exercises") + "\");");
        } else {
            throw new IllegalArgumentException(p + (Files.isDirectory(p) ? " is not" : " does not exist, so it is not")
                    + " an exercises/ folder (one with src/main/java and src/test/java) and holds none. Name the"
                    + " exercises/ folder of your unpacked kit, e.g. convkit.grading.Check.exercises(\"/home/me/convkit/exercises\");");
        }
        named = root;
        return root.resolve("exercises");
    }

    /** Checks every exercise. */
    public static Feedback all() {
        return run("");
    }

    /**
     * Checks the exercises whose number is or starts with {@code prefix} and returns the feedback, which a cell
     * ending with this call shows: the score table (an HTML table in convkit's kernel) and each failed test's
     * message and hint. {@link Feedback#report()} has the graded tests.
     */
    public static Feedback run(String prefix) {
        Path root = root();
        GradeReport r = grade(root, prefix);
        return Feedback.of(r, feedback(root, r, prefix));
    }

    /**
     * The kit folder whose {@code exercises/} the check grades: the one named with {@link #exercises}, else
     * {@code -Dconvkit.home} or {@code CONVKIT_HOME} (how {@code ./convkit check} says it), else the one found
     * from the working directory ({@link #find}).
     */
    static Path root() {
        if (named != null) return named;
        String home = System.getProperty("convkit.home", System.getenv("CONVKIT_HOME"));
        if (home != null && !home.isBlank()) return Path.of(home).toAbsolutePath().normalize();
        return find(Path.of("").toAbsolutePath());
    }

    /**
     * The folder holding {@code exercises/}, looked for from {@code start} upwards: at each level
     * {@code level/exercises}, and at the first two levels also {@code level/&lowast;/exercises} (a kit unpacked
     * next to the notebooks). A folder called {@code exercises} that is one counts too.
     *
     * @throws IllegalStateException naming the folders it looked in and the call that names the folder, when none
     *                               is found, or when two kits are found next to each other
     */
    static Path find(Path start) {
        List<Path> looked = new ArrayList<>();
        int level = 0;
        for (Path d = start.normalize(); d != null; d = d.getParent(), level++) {
            if (isExercises(d) && d.getFileName() != null && d.getFileName().toString().equals("exercises")) {
                return d.getParent();
            }
            looked.add(d.resolve("exercises"));
            if (isExercises(d.resolve("exercises"))) return d;
            if (level < 2) {
                List<Path> beside = new ArrayList<>();
                try (DirectoryStream<Path> kids = Files.newDirectoryStream(d, Files::isDirectory)) {
                    for (Path k : kids) {
                        if (!k.getFileName().toString().startsWith(".") && isExercises(k.resolve("exercises"))) beside.add(k);
                    }
                } catch (IOException | SecurityException e) {
                    // an unreadable folder holds no kit we could grade
                }
                looked.add(d.resolve("*").resolve("exercises"));
                Collections.sort(beside);
                if (beside.size() == 1) return beside.get(0);
                if (beside.size() > 1) {
                    throw new IllegalStateException("Found more than one exercises/ folder:\n    "
                            + beside.stream().map(b -> b.resolve("exercises").toString()).collect(Collectors.joining("\n    "))
                            + "\nSay which one is yours, in a cell:\n    convkit.grading.Check.exercises(\""
                            + beside.get(0).resolve("exercises") + "\");\nthen run the check again.");
                }
            }
        }
        throw new IllegalStateException("Cannot find your exercises/ folder (with src/main/java and src/test/java)."
                + "\nLooked in:\n    "
                + looked.stream().map(Path::toString).collect(Collectors.joining("\n    "))
                + "\nSay where it is, in a cell (with the path of your kit's exercises/ folder):\n"
                + "    convkit.grading.Check.exercises(\"/home/me/convkit/exercises\");\n"
                + "then run the check again; the kernel remembers the folder until it restarts.");
    }

    /** Whether {@code d} looks like an exercises folder: it has src/main/java and src/test/java. */
    static boolean isExercises(Path d) {
        return Files.isDirectory(d.resolve("src/main/java")) && Files.isDirectory(d.resolve("src/test/java"));
    }

    /** Forgets the folder named with {@link #exercises} (tests). */
    static void forget() {
        named = null;
    }

    static GradeReport grade(Path root, String prefix) {
        Path ex = KitPaths.exercises(root);
        return new Grader()
                .sources(ex.resolve("src/main/java"))
                .tests(ex.resolve("src/test/java"))
                .only(prefix)
                .name(prefix == null || prefix.isEmpty() ? "your exercises" : "your exercises " + prefix)
                .timeoutSeconds(Integer.getInteger("convkit.grading.timeout", 10))
                .grade();
    }

    /** The student feedback text, with the hidden tests of the manifest counted in. */
    static String feedback(Path root, GradeReport r, String prefix) {
        int[] count = {0};
        double[] points = {0};
        Path manifest = KitPaths.exercises(root).resolve(KitBuilder.MANIFEST);
        if (Files.exists(manifest)) {
            try {
                JsonObject m = JsonParser.parseString(Files.readString(manifest)).getAsJsonObject();
                for (JsonElement e : m.getAsJsonArray("hidden")) {
                    JsonObject o = e.getAsJsonObject();
                    String ex = o.get("exercise").getAsString();
                    if (Numbers.matches(ex, prefix) || Numbers.matches(prefix == null ? "" : prefix, ex)) {
                        count[0] += o.get("tests").getAsInt();
                        points[0] += o.get("points").getAsDouble();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (r.tests().isEmpty()) {
            return String.format(java.util.Locale.ROOT, GradeReport.t("No visible graded tests match \"%s\" (numbers look like 7.2, 7.3.1, 7.9.4)."),
                    prefix) + "\n";
        }
        return r.studentFeedback(count[0], points[0]);
    }
}
