package convkit.grading;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import convkit.i18n.Catalog;
import convkit.i18n.Lang;

/**
 * Generates the student side from the single source {@code solutions/}:
 * <ul>
 *   <li>{@code solutions/src/main/java/**} -> {@code exercises/src/main/java/**} with every
 *       {@code // BEGIN SOLUTION ... // END SOLUTION} block replaced by its stub ({@link Markers});</li>
 *   <li>{@code solutions/src/test/java/**} (the VISIBLE tests) -> {@code exercises/src/test/java/**} unchanged;</li>
 *   <li>{@code solutions/src/hidden/java/**} (hidden / after-due-date tests) -> nowhere; only their count and
 *       points per exercise go to {@code exercises/grading-manifest.json};</li>
 *   <li>{@code solutions/student/**} (README, pom for IDEs) -> {@code exercises/**} unchanged.</li>
 * </ul>
 * {@link #check} reports drift (what {@code generate} would change), unbalanced markers and tests whose
 * visibility does not match their folder; the build runs it (KitBuilderTest), so {@code mvn verify}
 * fails on any of them.
 */
public final class KitBuilder {
    private KitBuilder() {
    }

    public static final String MANIFEST = "grading-manifest.json";

    /** exercises/-relative path -> content, as the generator would write it. Throws MarkerException for bad markers. */
    public static Map<String, String> expected(Path root) {
        Path sol = KitPaths.solutions(root);
        Map<String, String> out = new TreeMap<>();
        try {
            for (Map.Entry<String, Path> e : Grader.javaFiles(sol.resolve("src/main/java")).entrySet()) {
                out.put("src/main/java/" + e.getKey(), Markers.stub(Files.readString(e.getValue()), "solutions/src/main/java/" + e.getKey()));
            }
            for (Map.Entry<String, Path> e : Grader.javaFiles(sol.resolve("src/test/java")).entrySet()) {
                String text = Files.readString(e.getValue());
                if (Markers.hasMarkers(text)) {
                    throw new Markers.MarkerException("solutions/src/test/java/" + e.getKey(), 1, "test files must not contain solution markers");
                }
                out.put("src/test/java/" + e.getKey(), text);
            }
            Path student = sol.resolve("student");
            if (Files.isDirectory(student)) {
                try (Stream<Path> s = Files.walk(student)) {
                    for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                        out.put(student.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                    }
                }
            }
            out.put(MANIFEST, manifest(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The manifest: visible and hidden tests (count, points) per exercise, without any test content. */
    static String manifest(Path root) {
        Path sol = KitPaths.solutions(root);
        JsonObject m = new JsonObject();
        m.addProperty("generated_by", "convkit.grading.KitBuilder from solutions/ (do not edit; run ./convkit generate)");
        m.add("visible", counts(GradedScan.scan(sol.resolve("src/test/java"))));
        m.add("hidden", counts(GradedScan.scan(sol.resolve("src/hidden/java"))));
        return new GsonBuilder().setPrettyPrinting().create().toJson(m) + "\n";
    }

    private static JsonArray counts(List<GradedScan.Entry> entries) {
        Map<String, double[]> by = new TreeMap<>(Numbers.ORDER);
        for (GradedScan.Entry e : entries) {
            double[] c = by.computeIfAbsent(Numbers.exercise(e.number()), k -> new double[2]);
            c[0]++;
            c[1] += e.points();
        }
        JsonArray a = new JsonArray();
        by.forEach((k, c) -> {
            JsonObject o = new JsonObject();
            o.addProperty("exercise", k);
            o.addProperty("tests", (int) c[0]);
            o.addProperty("points", c[1]);
            a.add(o);
        });
        return a;
    }

    /** Everything wrong with the kit: drift, bad markers, misplaced visibilities, duplicate numbers. Empty means OK. */
    public static List<String> check(Path root) {
        List<String> problems = new ArrayList<>();
        Map<String, String> want;
        try {
            want = expected(root);
        } catch (Markers.MarkerException e) {
            return List.of("unbalanced or invalid solution markers: " + e.getMessage());
        }
        Path ex = KitPaths.exercises(root);
        Map<String, String> have = existing(ex);
        for (Map.Entry<String, String> e : want.entrySet()) {
            String h = have.get(e.getKey());
            if (h == null) problems.add("exercises/" + e.getKey() + " is missing");
            else if (!h.equals(e.getValue())) problems.add("exercises/" + e.getKey() + " differs from what solutions/ generates");
        }
        for (String k : have.keySet()) {
            if (!want.containsKey(k)) problems.add("exercises/" + k + " is not generated from solutions/ (remove it or add it to solutions/)");
        }
        Path sol = KitPaths.solutions(root);
        for (GradedScan.Entry e : GradedScan.scan(sol.resolve("src/test/java"))) {
            if (e.visibility() != Visibility.VISIBLE) {
                problems.add(e.key() + " is " + e.visibility() + " but lives in solutions/src/test/java, which students get; move it to solutions/src/hidden/java");
            }
        }
        for (GradedScan.Entry e : GradedScan.scan(sol.resolve("src/hidden/java"))) {
            if (e.visibility() == Visibility.VISIBLE) {
                problems.add(e.key() + " is VISIBLE but lives in solutions/src/hidden/java; mark it hidden (or after_due_date) or move it");
            }
        }
        Set<String> numbers = new java.util.HashSet<>();
        List<GradedScan.Entry> all = new ArrayList<>(GradedScan.scan(sol.resolve("src/test/java")));
        all.addAll(GradedScan.scan(sol.resolve("src/hidden/java")));
        for (GradedScan.Entry e : all) {
            if (!numbers.add(e.number())) problems.add("test number " + e.number() + " is used twice (" + e.key() + ")");
        }
        if (problems.size() > 0) problems.add("fix: edit solutions/ only, then run ./convkit generate (or java -jar target/convkit.jar generate)");
        return problems;
    }

    /** Writes exercises/ from solutions/ (removing files that are no longer generated); returns the paths written. */
    public static List<String> generate(Path root) {
        Map<String, String> want = expected(root);
        Path ex = KitPaths.exercises(root);
        List<String> changed = new ArrayList<>();
        try {
            for (String k : existing(ex).keySet()) {
                if (!want.containsKey(k)) {
                    Files.delete(ex.resolve(k));
                    changed.add("removed exercises/" + k);
                }
            }
            for (Map.Entry<String, String> e : want.entrySet()) {
                Path p = ex.resolve(e.getKey());
                if (Files.exists(p) && Files.readString(p).equals(e.getValue())) continue;
                Files.createDirectories(p.getParent());
                Files.writeString(p, e.getValue());
                changed.add("wrote exercises/" + e.getKey());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return changed;
    }

    private static Map<String, String> existing(Path ex) {
        Map<String, String> have = new TreeMap<>();
        if (!Files.isDirectory(ex)) return have;
        try (Stream<Path> s = Files.walk(ex)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String rel = ex.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("target/") || rel.contains("/.") || rel.startsWith(".")) continue;
                have.put(rel, Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return have;
    }

    private static final java.util.regex.Pattern STUB_THROW =
            java.util.regex.Pattern.compile("^(\\s*)throw new UnsupportedOperationException\\(\"(.*)\"\\);\\s*$");

    /**
     * {@code source} with a comment in {@code lang} above each stub's {@code throw new UnsupportedOperationException("...")}
     * whose message {@link Catalog#EXERCISES} translates (same indentation); every other line unchanged.
     */
    static String commented(String source, Lang lang) {
        StringBuilder out = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            java.util.regex.Matcher m = STUB_THROW.matcher(line);
            if (m.matches()) {
                String english = m.group(2).replace("\\\"", "\"");
                if (Catalog.EXERCISES.has(lang, english)) out.append(m.group(1)).append("// ").append(Catalog.EXERCISES.in(lang, english)).append('\n');
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Top-level paths of the checkout that go into the student kit (solutions/, src/test/ and build output never do). */
    static final List<String> KIT_PATHS = List.of("pom.xml", "convkit", "convkit.cmd", "README.md", "LICENSE", "src/main", "scripts", "notebooks", "exercises", "docs");

    /**
     * Builds the student kit zip: the library sources and pom (to build it), the CLI script, notebooks,
     * and the generated exercises/ (stubs + visible tests + manifest). Refuses to build it if the kit
     * has drifted. Files keep their executable bit ({@link UnixZip}). Returns the zip entries.
     */
    public static List<String> zip(Path root, Path zipFile) {
        return zip(root, zipFile, Lang.EN);
    }

    /**
     * {@link #zip(Path, Path)} for students who read {@code lang}: each exercise stub of {@code exercises/src/main/java}
     * gets, above its {@code throw new UnsupportedOperationException("Exercise ...")}, a comment saying the same in
     * {@code lang} ({@link Catalog#EXERCISES}); the code stays English. English adds nothing.
     */
    public static List<String> zip(Path root, Path zipFile, Lang lang) {
        List<String> problems = check(root);
        if (!problems.isEmpty()) throw new IllegalStateException("the kit is out of date:\n  " + String.join("\n  ", problems));
        List<String> entries = new ArrayList<>();
        try {
            Files.createDirectories(zipFile.toAbsolutePath().getParent());
            // UnixZip, not ZipOutputStream: the zip must keep the executable bit of ./convkit and scripts/*
            try (UnixZip zip = new UnixZip(Files.newOutputStream(zipFile))) {
                for (String top : KIT_PATHS) {
                    Path p = root.resolve(top);
                    if (!Files.exists(p)) continue;
                    List<Path> files;
                    try (Stream<Path> s = Files.walk(p)) {
                        files = s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
                    }
                    for (Path f : files) {
                        String rel = root.relativize(f).toString().replace('\\', '/');
                        if (rel.contains("/target/") || rel.contains("/.ipynb_checkpoints/") || rel.contains("/.")) continue;
                        byte[] bytes = Files.readAllBytes(f);
                        if (lang != Lang.EN && rel.startsWith("exercises/src/main/java/") && rel.endsWith(".java")) {
                            bytes = commented(new String(bytes, StandardCharsets.UTF_8), lang).getBytes(StandardCharsets.UTF_8);
                        }
                        zip.add("convkit/" + rel, bytes, UnixZip.modeOf(f));
                        entries.add("convkit/" + rel);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }
}
