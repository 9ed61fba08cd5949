package convkit.grading.batch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One student's hand-in inside the class folder: a folder or a {@code .zip} of the student kit. The
 * student id is the folder's name, or the zip's name without {@code .zip}.
 */
public record Submission(String id, Path path) {

    /** Unpacked size above which a zip is refused (a zip bomb scores zero with a reason). */
    static final long MAX_UNZIPPED_BYTES = 200_000_000L;
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
            unzip(path, scratch);
            base = scratch;
        }
        return locateSources(base);
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
        if (zips.size() != 1) return null;
        unzip(zips.get(0), scratch);
        return locateSources(scratch);
    }

    /** Finds src/main/java (or a folder directly holding convkit/exercises) at most three levels down. */
    static Path locateSources(Path base) throws IOException {
        for (String c : new String[] {"src/main/java", "exercises/src/main/java", ""}) {
            Path p = c.isEmpty() ? base : base.resolve(c);
            if (Files.isDirectory(p.resolve(EXERCISE_DIR))) return p;
        }
        try (Stream<Path> s = Files.walk(base, 6)) {
            return s.filter(Files::isDirectory)
                    .filter(p -> p.endsWith(EXERCISE_DIR))
                    .filter(p -> !p.toString().replace('\\', '/').contains("/src/test/"))
                    .map(p -> p.getParent().getParent())
                    .min(Comparator.comparingInt(Path::getNameCount))
                    .orElse(null);
        }
    }

    static void unzip(Path zip, Path dest) throws IOException {
        Files.createDirectories(dest);
        long total = 0;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path p = dest.resolve(e.getName()).normalize();
                if (!p.startsWith(dest)) throw new IOException("zip entry outside the folder: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                    continue;
                }
                Files.createDirectories(p.getParent());
                byte[] buf = new byte[65536];
                try (var out = Files.newOutputStream(p)) {
                    for (int n; (n = z.read(buf)) > 0; ) {
                        total += n;
                        if (total > MAX_UNZIPPED_BYTES) throw new IOException("the zip unpacks to more than " + MAX_UNZIPPED_BYTES / 1_000_000 + " MB");
                        out.write(buf, 0, n);
                    }
                }
            }
        }
    }
}
