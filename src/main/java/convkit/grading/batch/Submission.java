package convkit.grading.batch;

import convkit.grading.SafeUnzip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One student's hand-in inside the class folder: a folder or a {@code .zip} of the student kit, or anything else
 * a student put there (a .java file, a .jar, a PDF, a link), which still gets its row in the gradebook, with a
 * note, and scores what its sources earn (none). The student id is the folder's name, the zip's name without
 * {@code .zip}, or the whole name of any other file.
 *
 * <p>A hand-in is data: links are never followed (a hand-in that is a link, or a folder of it that is one, is
 * refused), only regular files are read, and the kit is found at any depth inside extra folders.
 */
public record Submission(String id, Path path) {

    /** The package folder the graded sources live in. */
    static final String EXERCISE_DIR = "convkit/exercises";
    private static final LinkOption NO = LinkOption.NOFOLLOW_LINKS;

    public boolean isZip() {
        return Files.isRegularFile(path, NO) && path.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
    }

    /**
     * The submissions in {@code dir}, sorted by id: every entry except hidden ones and {@code exclude} (folders,
     * zips, and also other files and links, which are graded as hand-ins without sources, each with its note).
     */
    public static List<Submission> list(Path dir, Path exclude) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("submissions folder does not exist: " + dir);
        List<Submission> out = new ArrayList<>();
        Path ex = exclude == null ? null : exclude.toAbsolutePath().normalize();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) continue;
                if (ex != null && p.toAbsolutePath().normalize().equals(ex)) continue;
                // a folder or a zip is the student's id; any other file keeps its whole name (no two can clash)
                boolean zip = name.toLowerCase(java.util.Locale.ROOT).endsWith(".zip") && name.length() > 4 && !Files.isDirectory(p, NO);
                String id = zip ? name.substring(0, name.length() - 4) : name;
                out.add(new Submission(id, p));
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

    /** SHA-256 of the hand-in (the zip's bytes, or every file of the folder with its relative path; a link's text). */
    public String contentHash() {
        return Hashing.of(path);
    }

    /**
     * The source root to grade (the folder holding convkit/exercises/): for a zip, unpacked into {@code scratch};
     * null when the hand-in has none (then every test scores zero).
     *
     * @throws IOException with the reason, for a hand-in that is refused (a link, a device) or that is not a kit
     *                     (a .jar, a PDF): the grade is zero with that reason
     */
    public Path sourceRoot(Path scratch) throws IOException {
        String name = path.getFileName().toString();
        if (Files.isSymbolicLink(path)) throw new IOException(name + " is a symbolic link: hand in the folder or the zip itself");
        if (!Files.isDirectory(path, NO) && !Files.isRegularFile(path, NO)) throw new IOException(name + " is not a regular file or folder");
        Path base = path;
        if (isZip()) {
            SafeUnzip.unzip(path, scratch);
            base = scratch;
        } else if (Files.isRegularFile(path, NO)) {
            if (name.endsWith(".java")) {
                Path dir = scratch.resolve("file");
                Files.createDirectories(dir);
                Files.copy(path, dir.resolve(name));
                return looseSources(dir, scratch);
            }
            throw new IOException(name + " is not a folder or a .zip of the kit (only the .java sources in "
                    + EXERCISE_DIR + " are graded)");
        }
        Path found = locateSources(base);
        if (found == null) found = nestedZip(base, scratch);
        if (found == null && scratch != null) found = looseSources(base, scratch);
        if (found == null) {   // say what was there instead (class files, a jar, ...)
            List<String> other;
            try (Stream<Path> s = Files.walk(base)) {
                other = s.filter(p -> Files.isRegularFile(p, NO) && p.getParent() != null && p.getParent().endsWith(EXERCISE_DIR))
                        .map(p -> p.getFileName().toString()).sorted().limit(5).toList();
            }
            if (!other.isEmpty()) {
                throw new IOException("no .java sources; " + String.join(", ", other.stream().map(f -> f + ": not a Java source file").toList()));
            }
        }
        return found;
    }

    /** A hand-in whose only kit is a zip inside it (at any depth): that zip, unpacked into scratch/nested. */
    private static Path nestedZip(Path base, Path scratch) throws IOException {
        if (scratch == null) return null;
        List<Path> zips;
        try (Stream<Path> s = Files.walk(base)) {
            zips = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip") && Files.isRegularFile(p, NO)
                    && !p.startsWith(scratch.resolve("nested"))).sorted().toList();
        }
        if (zips.size() != 1) return null;
        Path into = scratch.resolve("nested");
        SafeUnzip.unzip(zips.get(0), into);
        return locateSources(into);
    }

    /**
     * The source root inside an upload folder (Gradescope's /autograder/submission): the uploaded files
     * themselves, or, when they hold no exercise sources, the single uploaded zip (at any depth) unpacked into
     * {@code scratch}; null when there is none.
     */
    public static Path locateIn(Path folder, Path scratch) throws IOException {
        if (!Files.isDirectory(folder, NO)) return null;
        Path found = locateSources(folder);
        if (found != null) return found;
        found = nestedZip(folder, scratch);
        if (found != null) return found;
        Path loose = looseSources(folder, scratch);
        if (loose != null) return loose;
        Path nested = scratch.resolve("nested");
        return Files.isDirectory(nested) ? looseSources(nested, scratch) : null;
    }

    /**
     * Loose source files, as when a student drags the .java files themselves into Gradescope's upload dialog or
     * hands in a folder of them: every {@code *.java} (at any depth, not through links) that declares
     * {@code package convkit.exercises;} is copied into {@code scratch/loose/convkit/exercises/} (the shallowest
     * file wins when two have the same name). Returns {@code scratch/loose}, or null when there is none.
     */
    public static Path looseSources(Path base, Path scratch) throws IOException {
        if (base == null || !Files.isDirectory(base, NO)) return null;
        Path root = scratch.resolve("loose");
        List<Path> files;
        try (Stream<Path> s = Files.walk(base)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p, NO) && !p.startsWith(root))
                    .sorted(Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder())).toList();
        }
        Path pkg = root.resolve(EXERCISE_DIR);
        int copied = 0;
        for (Path f : files) {
            byte[] b = Files.readAllBytes(f);
            String text = new String(b, StandardCharsets.ISO_8859_1);   // the package line is ASCII in every encoding we read
            if (!PACKAGE.matcher(text).find()) continue;
            Path target = pkg.resolve(f.getFileName().toString());
            if (Files.exists(target)) continue;
            Files.createDirectories(pkg);
            Files.copy(f, target);
            copied++;
        }
        return copied > 0 ? root : null;
    }

    private static final Pattern PACKAGE = Pattern.compile("(?m)^(\\xEF\\xBB\\xBF)?\\s*package\\s+convkit\\.exercises\\s*;");

    /**
     * Finds the source root: the folder whose {@code convkit/exercises/} holds .java files (src/main/java of the
     * kit's exercises/), at any depth, never through a link. The unpacked kit's own top folder
     * {@code convkit/exercises/} (README, manifest, src/) holds none, so it is not mistaken for the package folder.
     */
    static Path locateSources(Path base) throws IOException {
        for (String c : new String[] {"src/main/java", "exercises/src/main/java", "convkit/exercises/src/main/java", ""}) {
            Path p = c.isEmpty() ? base : base.resolve(c);
            if (noLinks(base, p.resolve(EXERCISE_DIR)) && hasJava(p.resolve(EXERCISE_DIR))) return p;
        }
        try (Stream<Path> s = Files.walk(base)) {
            return s.filter(p -> Files.isDirectory(p, NO))
                    .filter(p -> p.endsWith(EXERCISE_DIR))
                    .filter(p -> !p.toString().replace('\\', '/').contains("/src/test/"))
                    .filter(Submission::hasJava)
                    .map(p -> p.getParent().getParent())
                    .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Comparator.naturalOrder()))
                    .orElse(null);
        }
    }

    /** {@link #locateSources} for the grader's other entry points. */
    public static Path locate(Path base) throws IOException {
        return locateSources(base);
    }

    /** True if no folder from {@code base} down to {@code p} is a link. */
    private static boolean noLinks(Path base, Path p) {
        for (Path q = p; q != null && q.startsWith(base) && !q.equals(base); q = q.getParent()) {
            if (Files.isSymbolicLink(q)) return false;
        }
        return true;
    }

    private static boolean hasJava(Path dir) {
        if (!Files.isDirectory(dir, NO)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p, NO));
        } catch (IOException e) {
            return false;
        }
    }
}
