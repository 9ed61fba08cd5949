package convkit.grading.batch;

import convkit.grading.Grader;
import convkit.grading.Markers;
import convkit.grading.SubmissionCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Compiles the instructor's tests once for the whole class instead of once per submission: a
 * {@link Grader.Compiler} that compiles only the student's sources and adds test classes compiled
 * against the stubs, when that gives the same classes javac would give.
 *
 * <p>Test bytecode depends on the exercise classes only through their API (the signatures of the
 * members the tests can see, and compile-time constants, which javac copies into the tests). So the
 * shortcut is taken only when (1) the stubs declare no visible compile-time-constant-like field
 * (static final primitive or String) and (2) every stub class exists in the submission with exactly the
 * same overloads for every method name the stub declares, the same constructors, fields, supertypes and
 * kind. Anything else (a changed signature, a missing class, an overload added with a name the tests
 * use) falls back to javac of everything, which is what decides "does not fit the exercise's API".
 */
final class PrecompiledTests implements Grader.Compiler {
    private final GradingSetup setup;
    private Path work;
    private Path testClasses;
    private Set<Path> testFiles;
    private Map<String, String> stubApi;
    private String unusable;
    private String preparedFor;

    PrecompiledTests(GradingSetup setup) {
        this.setup = setup;
    }

    /** Why the shortcut is off (null when it is on); known after the first compile. */
    synchronized String unusableBecause() {
        return unusable;
    }

    @Override
    public SubmissionCompiler.Result compile(List<Path> sources, Path outDir, String classpath) {
        if (!prepare(classpath)) return SubmissionCompiler.compile(sources, outDir, classpath);
        List<Path> student = new ArrayList<>();
        Set<Path> tests = new HashSet<>();
        for (Path p : sources) {
            Path n = p.toAbsolutePath().normalize();
            if (testFiles.contains(n)) tests.add(n);
            else student.add(p);
        }
        if (!tests.equals(testFiles)) return SubmissionCompiler.compile(sources, outDir, classpath);
        SubmissionCompiler.Result r = SubmissionCompiler.compile(student, outDir, classpath);
        if (!r.ok()) return r;
        if (!sameApi(outDir)) return SubmissionCompiler.compile(sources, outDir, classpath);
        copyTree(testClasses, outDir);
        return r;
    }

    private synchronized boolean prepare(String classpath) {
        if (preparedFor != null) {
            return unusable == null && preparedFor.equals(classpath);
        }
        preparedFor = classpath;
        try {
            work = Files.createTempDirectory("convkit-tests-once-");
            Path stubSrc = work.resolve("stub-src"), stubClasses = work.resolve("stub-classes");
            testClasses = work.resolve("test-classes");
            List<Path> stubs = new ArrayList<>();
            for (Path f : javaFiles(setup.stubsDir())) {
                Path rel = setup.stubsDir().relativize(f);
                Path copy = stubSrc.resolve(rel.toString());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, Markers.stub(Files.readString(f), rel.toString()));
                stubs.add(copy);
            }
            SubmissionCompiler.Result rs = SubmissionCompiler.compile(stubs, stubClasses, classpath);
            if (!rs.ok()) return off("the stubs do not compile: " + rs.errors());
            testFiles = new HashSet<>();
            List<Path> tests = new ArrayList<>();
            for (Path d : setup.testDirs()) {
                for (Path f : javaFiles(d)) {
                    tests.add(f);
                    testFiles.add(f.toAbsolutePath().normalize());
                }
            }
            SubmissionCompiler.Result rt = SubmissionCompiler.compile(tests, testClasses, classpath + java.io.File.pathSeparator + stubClasses);
            if (!rt.ok()) return off("the tests do not compile against the stubs: " + rt.errors());
            stubApi = api(stubClasses);
            if (stubApi == null) return off("the stub classes cannot be inspected");
            for (String sig : stubApi.values()) {
                if (sig.contains("CONSTANT?")) return off("a stub declares a static final primitive or String field (javac would inline it into the tests)");
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return off(String.valueOf(e));
        }
    }

    private boolean off(String why) {
        unusable = why;
        return false;
    }

    /** True if every stub class is in {@code classes} with the same API. */
    private boolean sameApi(Path classes) {
        Map<String, String> student = api(classes);
        if (student == null) return false;
        for (Map.Entry<String, String> e : stubApi.entrySet()) {
            String s = student.get(e.getKey());
            if (s == null || !covers(s, e.getValue())) return false;
        }
        return true;
    }

    /**
     * True if the student's class API {@code s} has the stub's {@code stub} lines for every member name the
     * stub declares (and nothing more under those names).
     */
    static boolean covers(String s, String stub) {
        Map<String, Set<String>> a = byName(s), b = byName(stub);
        for (Map.Entry<String, Set<String>> e : b.entrySet()) {
            if (!e.getValue().equals(a.get(e.getKey()))) return false;
        }
        return true;
    }

    private static Map<String, Set<String>> byName(String api) {
        Map<String, Set<String>> m = new TreeMap<>();
        for (String line : api.split("\n")) {
            if (line.isEmpty()) continue;
            String name = line.substring(0, line.indexOf(' '));
            m.computeIfAbsent(name, k -> new TreeSet<>()).add(line);
        }
        return m;
    }

    /** Binary class name -> its visible API (one line per member, "name descriptor"), or null if a class cannot be loaded. */
    static Map<String, String> api(Path classes) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(classes)) {
            s.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                String rel = classes.relativize(p).toString().replace(java.io.File.separatorChar, '.');
                names.add(rel.substring(0, rel.length() - ".class".length()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, PrecompiledTests.class.getClassLoader())) {
            for (String n : names) {
                Class<?> c = Class.forName(n, false, loader);
                if (c.isSynthetic() || c.isAnonymousClass() || c.isLocalClass()) continue;
                out.put(n, describe(c));
            }
        } catch (IOException | ClassNotFoundException | LinkageError | SecurityException e) {
            return null;
        }
        return out;
    }

    private static String describe(Class<?> c) {
        List<String> lines = new ArrayList<>();
        int cm = c.getModifiers();
        lines.add("class " + (c.isInterface() ? "interface " : "") + (c.isEnum() ? "enum " : "") + (c.isRecord() ? "record " : "")
                + (Modifier.isStatic(cm) ? "static " : "") + (Modifier.isAbstract(cm) ? "abstract " : "") + Modifier.isPublic(cm)
                + " extends " + (c.getSuperclass() == null ? "-" : c.getSuperclass().getName())
                + " implements " + Arrays.stream(c.getInterfaces()).map(Class::getName).sorted().toList());
        for (Method m : c.getDeclaredMethods()) {
            if (Modifier.isPrivate(m.getModifiers()) || m.isSynthetic() || m.isBridge()) continue;
            lines.add(m.getName() + " " + (Modifier.isStatic(m.getModifiers()) ? "static " : "") + Modifier.isPublic(m.getModifiers())
                    + " (" + Arrays.stream(m.getParameterTypes()).map(Class::getName).toList() + ")" + m.getReturnType().getName()
                    + (m.isVarArgs() ? " varargs" : ""));
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (Modifier.isPrivate(k.getModifiers()) || k.isSynthetic()) continue;
            lines.add("<init> " + Modifier.isPublic(k.getModifiers()) + " (" + Arrays.stream(k.getParameterTypes()).map(Class::getName).toList() + ")");
        }
        for (Field f : c.getDeclaredFields()) {
            int fm = f.getModifiers();
            if (Modifier.isPrivate(fm) || f.isSynthetic()) continue;
            boolean constant = Modifier.isStatic(fm) && Modifier.isFinal(fm) && (f.getType().isPrimitive() || f.getType() == String.class);
            lines.add(f.getName() + " field " + (Modifier.isStatic(fm) ? "static " : "") + (Modifier.isFinal(fm) ? "final " : "")
                    + f.getType().getName() + (constant ? " CONSTANT?" : ""));
        }
        lines.sort(null);
        return String.join("\n", lines);
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        if (root == null || !Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the folder of the classes compiled once. */
    synchronized void close() {
        BatchGrade.deleteTree(work);
    }
}
