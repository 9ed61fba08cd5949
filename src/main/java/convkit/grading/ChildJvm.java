package convkit.grading;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * What a test JVM is made of: the java binary of this JDK, a runtime folder with the few jars a test run needs
 * (the library and grader, JUnit, opentest4j, apiguardian, Gson; class folders packed into a jar) and a class-data
 * sharing archive of the classes every run loads (JDK, JUnit, grader), so a fresh JVM per submission starts in a
 * fraction of the time. The folder is {@code java.io.tmpdir/convkit-runtime-HASH}, readable by everyone and
 * writable by this user only, keyed by the jars' contents and the JDK; it is made once and reused by later
 * graders (a folder that is not ours, or not safe, is never used).
 */
final class ChildJvm {
    /** Anchor classes whose jars (or class folders) a test run needs. */
    private static final String[] ANCHORS = {
        "convkit.Tensor", "convkit.grading.ChildRunner",
        "org.junit.jupiter.api.Test", "org.junit.jupiter.params.ParameterizedTest",
        "org.junit.jupiter.engine.JupiterTestEngine", "org.junit.platform.engine.TestEngine",
        "org.junit.platform.commons.util.ReflectionUtils", "org.junit.platform.launcher.Launcher",
        "org.opentest4j.AssertionFailedError", "org.apiguardian.api.API", "com.google.gson.Gson",
    };
    static final List<String> FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-XX:ActiveProcessorCount=1", "-XX:+DisableAttachMechanism", "-Xss4m", "-Djava.security.manager=allow",
            "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8");

    private static volatile ChildJvm instance;

    final Path dir;
    final List<Path> jars;
    /** The class-data archive, or null when it could not be made (runs then start without it). */
    volatile Path archive;
    /** Where run folders go: {@code dir/../convkit-runs-UID} (0711: a run's uid can enter only its own folder). */
    final Path runs;

    private ChildJvm(Path dir, List<Path> jars, Path runs) {
        this.dir = dir;
        this.jars = jars;
        this.runs = runs;
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static ChildJvm get() {
        ChildJvm c = instance;
        if (c == null) {
            synchronized (ChildJvm.class) {
                if (instance == null) instance = make();
                c = instance;
            }
        }
        return c;
    }

    private static ChildJvm make() {
        try {
            Set<Path> sources = new LinkedHashSet<>();
            for (String a : ANCHORS) {
                try {
                    var cs = Class.forName(a).getProtectionDomain().getCodeSource();
                    if (cs != null) sources.add(Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize());
                } catch (ClassNotFoundException | URISyntaxException e) {
                    throw new IllegalStateException("the grader's class path lacks " + a, e);
                }
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version") + "|" + FLAGS).getBytes());
            for (Path s : sources) {
                try (Stream<Path> w = Files.walk(s)) {
                    for (Path f : w.filter(Files::isRegularFile).sorted().toList()) {
                        md.update((f + "|" + Files.size(f) + "|" + Files.getLastModifiedTime(f).toMillis() + "\n").getBytes());
                    }
                }
            }
            String hash = HexFormat.of().formatHex(md.digest()).substring(0, 16);
            Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
            String user = String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
            Path runs = tmp.resolve("convkit-runs-" + user);
            ownFolder(runs, "rwx--x--x");
            Path dir = tmp.resolve("convkit-runtime-" + user + "-" + hash);
            List<String> names = new ArrayList<>();
            for (Path s : sources) {
                names.add(Files.isDirectory(s) ? "classes-" + Integer.toHexString(s.toString().hashCode()) + ".jar" : s.getFileName().toString());
            }
            if (!isSafe(dir) || !Files.exists(dir.resolve("ready"))) {
                Path work = Files.createTempDirectory(tmp, "convkit-runtime-new-");
                int i = 0;
                for (Path s : sources) {
                    Path to = work.resolve(names.get(i++));
                    if (Files.isDirectory(s)) jar(s, to);
                    else Files.copy(s, to, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.writeString(work.resolve("ready"), hash + "\n");
                if (Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    if (isSafe(dir)) Grader.deleteTree(dir);   // ours, but unfinished
                    else dir = work;                           // not ours: never used; this run keeps its own folder
                }
                if (!dir.equals(work)) {
                    try {
                        Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        Grader.deleteTree(work);   // another grader made it meanwhile
                    }
                }
            }
            List<Path> jars = new ArrayList<>();
            for (String n : names) jars.add(dir.resolve(n));
            ChildJvm c = new ChildJvm(dir, List.copyOf(jars), runs);
            Path jsa = dir.resolve("child.jsa");
            if (Files.exists(jsa)) c.archive = jsa;
            return c;
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot prepare the test JVMs' runtime folder: " + e, e);
        }
    }

    /** True if {@code dir} is a folder of this user that nobody else may write. */
    private static boolean isSafe(Path dir) throws IOException {
        if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return false;
        Object me = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Object owner = Files.getAttribute(dir, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        return me.equals(owner) && perms.charAt(4) != 'w' && perms.charAt(7) != 'w';
    }

    private static void ownFolder(Path d, String perms) throws IOException {
        if (Files.exists(d, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !isSafe(d)) {
            throw new IOException(d + " exists but is not a safe folder of this user: remove it");
        }
        Files.createDirectories(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString(perms));
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream z = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> s = Files.walk(classes)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                z.putNextEntry(new JarEntry(classes.relativize(p).toString().replace(File.separatorChar, '/')));
                Files.copy(p, z);
                z.closeEntry();
            }
        }
    }

    String classPath() {
        return String.join(File.pathSeparator, jars.stream().map(Path::toString).toList());
    }

    /** A new run folder (in {@link #runs}), empty. */
    Path newRunDir() {
        try {
            Path d = Files.createTempDirectory(runs, "run-");
            return d;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The java command of a test JVM (before the sandbox's wrapping). */
    List<String> command(String heap, Path runDir) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx" + heap));
        cmd.addAll(FLAGS);
        String extra = System.getProperty("convkit.grading.childFlags", "").trim();   // experiments: -Dconvkit.grading.childFlags="-Xint"
        if (!extra.isEmpty()) cmd.addAll(List.of(extra.split("\\s+")));
        Path a = archive;
        if (a != null) cmd.addAll(List.of("-XX:SharedArchiveFile=" + a, "-Xshare:auto"));
        cmd.addAll(List.of("-Djava.io.tmpdir=" + runDir, "-Duser.home=" + runDir, "-cp", classPath(), ChildRunner.class.getName()));
        return cmd;
    }

    /**
     * Makes the class-data archive from a class list that a trusted run wrote ({@code -XX:DumpLoadedClassList});
     * a failure only means runs start without it.
     */
    synchronized void dumpArchive(Path classList) {
        if (archive != null) return;
        try {
            List<String> keep = new ArrayList<>();
            for (String l : Files.readAllLines(classList)) {
                if (l.startsWith("convkit/exercises/") || l.contains(" source: ")) continue;
                keep.add(l);
            }
            Path list = dir.resolve("child.classlist.tmp");
            Path jsa = dir.resolve("child.jsa.tmp");
            Files.write(list, keep);
            List<String> cmd = new ArrayList<>(List.of(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + list,
                    "-XX:SharedArchiveFile=" + jsa, "-XX:+UseSerialGC", "-cp", classPath()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.jsa.log").toFile()).start();
            if (p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(jsa)) {
                Files.move(jsa, dir.resolve("child.jsa"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                archive = dir.resolve("child.jsa");
            } else {
                p.destroyForcibly();
            }
            Files.deleteIfExists(list);
        } catch (IOException e) {
            // no archive: slower starts, same grades
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
