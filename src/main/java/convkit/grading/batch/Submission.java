package convkit.grading.batch;

import convkit.grading.SafeUnzip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One student's hand-in inside the class folder: a folder or a {@code .zip} of the student kit. The
 * student id is the folder's name, or the zip's name without {@code .zip}.
 */
public record Submission(String id, Path path) {

    /** The package folder the graded sources live in. */
    static final String EXERCISE_DIR = "convkit/exercises";

    public boolean isZip() {
        return Files.isRegularFile(path);
    }

    /** The submissions in {@code dir}, sorted by id: every folder and every *.zip, except hidden ones and {@code exclude}. */
    public static List<Submission> list(Path dir, Path exclude) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("submissions folder does not exist: " + dir);
        List<Submission> out = new ArrayList<>();
        Path ex = exclude == null ? null : exclude.toAbsolutePath().normalize();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) continue;
                if (ex != null && p.toAbsolutePath().normalize().equals(ex)) continue;
                if (Files.isDirectory(p)) out.add(new Submission(name, p));
                else if (name.endsWith(".zip") && name.length() > 4) out.add(new Submission(name.substring(0, name.length() - 4), p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing(Submission::id));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).id().equals(out.get(i - 1).id())) {
                throw new IllegalArgumentException("two submissions for student " + out.get(i).id() + ": "
                        + out.get(i - 1).path().getFileName() + " and " + out.get(i).path().getFileName());
            }
        }
        return out;
    }

    /** SHA-256 of the hand-in (the zip's bytes, or every file of the folder with its relative path). */
    public String contentHash() {
        return Hashing.of(path);
    }

    /**
     * The source root to grade (the folder holding convkit/exercises/): for a zip, unpacked into
     * {@code scratch}; null when the hand-in has none (then every test scores zero).
     */
    public Path sourceRoot(Path scratch) throws IOException {
        Path base = path;
        if (isZip()) {
            SafeUnzip.unzip(path, scratch);
            base = scratch;
        }
        Path found = locateSources(base);
        return found != null || scratch == null ? found : looseSources(base, scratch);
    }

    /**
     * The source root inside an upload folder (Gradescope's /autograder/submission): the uploaded files
     * themselves, or, when they hold no exercise sources, the single uploaded zip unpacked into {@code scratch};
     * null when there is none.
     */
    public static Path locateIn(Path folder, Path scratch) throws IOException {
        if (!Files.isDirectory(folder)) return null;
        Path found = locateSources(folder);
        if (found != null) return found;
        List<Path> zips;
        try (Stream<Path> s = Files.walk(folder, 2)) {
            zips = s.filter(p -> p.toString().endsWith(".zip") && Files.isRegularFile(p)).sorted().toList();
        }
        if (zips.size() != 1) return looseSources(folder, scratch);
        SafeUnzip.unzip(zips.get(0), scratch);
        found = locateSources(scratch);
        return found != null ? found : looseSources(scratch, scratch);
    }

    /**
     * Loose source files, as when a student drags the .java files themselves into Gradescope's upload dialog or
     * hands in a folder of them: every {@code *.java} at most two folders down that declares
     * {@code package convkit.exercises;} is copied into {@code scratch/loose/convkit/exercises/} (the shallowest
     * file wins when two have the same name). Returns {@code scratch/loose}, or null when there is none.
     */
    public static Path looseSources(Path base, Path scratch) throws IOException {
        if (base == null || !Files.isDirectory(base)) return null;
        Path root = scratch.resolve("loose");
        List<Path> files;
        try (Stream<Path> s = Files.walk(base, 3)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p) && !p.startsWith(root))
                    .sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder())).toList();
        }
        Path pkg = root.resolve(EXERCISE_DIR);
        int copied = 0;
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            if (!PACKAGE.matcher(text).find()) continue;
            Path target = pkg.resolve(f.getFileName().toString());
            if (Files.exists(target)) continue;
            Files.createDirectories(pkg);
            Files.copy(f, target);
            copied++;
        }
        return copied > 0 ? root : null;
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+convkit\\.exercises\\s*;");

    /**
     * Finds the source root: the folder whose {@code convkit/exercises/} holds .java files (src/main/java of the
     * kit's exercises/, at most six levels down). The unpacked kit's own top folder {@code convkit/exercises/}
     * (README, manifest, src/) holds none, so it is not mistaken for the package folder.
     */
    static Path locateSources(Path base) throws IOException {
        for (String c : new String[] {"src/main/java", "exercises/src/main/java", "convkit/exercises/src/main/java", ""}) {
            Path p = c.isEmpty() ? base : base.resolve(c);
            if (hasJava(p.resolve(EXERCISE_DIR))) return p;
        }
        try (Stream<Path> s = Files.walk(base, 6)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> p.endsWith(EXERCISE_DIR))
                    .filter(p -> !p.toString().replace('\\', '/').contains("/src/test/"))
                    .filter(Submission::hasJava)
                    .map(p -> p.getParent().getParent())
                    .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder()))
                    .orElse(null);
        }
    }

    private static boolean hasJava(Path dir) {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p));
        } catch (IOException e) {
            return false;
        }
    }

}
