package convkit.grading;

import java.io.File;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The instructor's tests, compiled once (against the stubs) per grader JVM and set of test folders, and what
 * grading takes from them: the {@link TestPlan} (read with reflection from the compiled classes, before any
 * student code exists), the class files of the visible and of the hidden tests (as bytes, sent to the test JVM
 * over its stdin), the names that no submission may use, and the stubs' API.
 *
 * <p>The compiled tests fit a submission when it has exactly the stubs' API: test bytecode depends on the
 * exercise classes only through their signatures (and compile-time constants, which javac copies into the tests:
 * a stub with a static final primitive or String field turns the shortcut off). A submission with another API
 * gets the tests compiled against its own classes, which is what decides "does not fit the exercise's API".
 */
final class InstructorTests {
    private static final Map<String, InstructorTests> CACHE = new ConcurrentHashMap<>();

    final List<Path> roots;
    final Path stubs;
    /** null when the tests cannot be compiled against the stubs (then {@link #problem} says why). */
    final TestPlan plan;
    final String problem;
    /** Why {@link LeanRunner} cannot run these tests (the first reason), or null when it can run them all. */
    String leanProblem;
    /** binary name -> class file, of the visible tests' and of the hidden tests' classes. */
    final Map<String, byte[]> visible = new HashMap<>(), hidden = new HashMap<>();
    /** The stubs' classes (what the class-data archive's trusted warm-up run grades). */
    final Map<String, byte[]> stubClasses = new HashMap<>();
    /** Which roots hold hidden tests (any graded method that is not VISIBLE). */
    final Set<Path> hiddenRoots = new java.util.HashSet<>();
    private Map<String, String> stubApi;
    private boolean apiUsable;

    private InstructorTests(List<Path> roots, Path stubs) {
        this.roots = List.copyOf(roots);
        this.stubs = stubs;
        String why;
        TestPlan p = null;
        Path work = null;
        try {
            work = Files.createTempDirectory("convkit-tests-once-");
            Path stubSrc = work.resolve("stub-src"), stubClasses = work.resolve("stub-classes"), testClasses = work.resolve("test-classes");
            List<Path> stubFiles = new ArrayList<>();
            for (Map.Entry<String, Path> f : Grader.javaFiles(stubs).entrySet()) {
                Path copy = stubSrc.resolve(f.getKey());
                Files.createDirectories(copy.getParent());
                Files.writeString(copy, Markers.stub(Files.readString(f.getValue()), f.getKey()));
                stubFiles.add(copy);
            }
            String cp = ClassPaths.compile();
            SubmissionCompiler.Result rs = SubmissionCompiler.compile(stubFiles, stubClasses, cp);
            List<Path> testFiles = new ArrayList<>();
            for (Path r : roots) testFiles.addAll(Grader.javaFiles(r).values());
            SubmissionCompiler.Result rt = rs.ok() ? SubmissionCompiler.compile(testFiles, testClasses, cp + File.pathSeparator + stubClasses) : null;
            if (!rs.ok()) {
                why = "the stubs do not compile: " + rs.errors();
            } else if (!rt.ok()) {
                why = "the tests do not compile against the stubs: " + rt.errors();
            } else {
                p = planFrom(testClasses, stubClasses, rt.classSources());
                for (Map.Entry<String, Path> e : rt.classSources().entrySet()) {
                    byte[] b = Files.readAllBytes(testClasses.resolve(e.getKey().replace('.', '/') + ".class"));
                    (hiddenRoots.contains(rootOf(e.getValue())) ? hidden : visible).put(e.getKey(), b);
                }
                for (String n : rs.classSources().keySet()) {
                    this.stubClasses.put(n, Files.readAllBytes(stubClasses.resolve(n.replace('.', '/') + ".class")));
                }
                stubApi = api(stubClasses);
                apiUsable = stubApi != null && stubApi.values().stream().noneMatch(s -> s.contains("CONSTANT?"));
                why = null;
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            why = String.valueOf(e);
        } finally {
            Grader.deleteTree(work);
        }
        this.plan = p;
        this.problem = why;
    }

    /** The compiled tests of these roots and stubs (made once per grader JVM while the files are unchanged). */
    static InstructorTests of(List<Path> roots, Path stubs) {
        StringBuilder key = new StringBuilder(String.valueOf(stubs));
        for (Path r : roots) key.append('|').append(r);
        for (Path r : roots) stamp(key, r);
        stamp(key, stubs);
        return CACHE.computeIfAbsent(key.toString(), k -> new InstructorTests(roots, stubs));
    }

    private static void stamp(StringBuilder key, Path root) {
        for (Map.Entry<String, Path> f : Grader.javaFiles(root).entrySet()) {
            try {
                key.append('|').append(f.getKey()).append(Files.size(f.getValue())).append('@').append(Files.getLastModifiedTime(f.getValue()).toMillis());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private Path rootOf(Path source) {
        for (Path r : roots) if (source.startsWith(r.toAbsolutePath().normalize())) return r;
        return null;
    }

    /** The plan from the compiled classes: every method with @Graded, its class in a loader that runs nothing. */
    private TestPlan planFrom(Path testClasses, Path stubClasses, Map<String, Path> classSources) throws IOException {
        List<TestPlan.Test> tests = new ArrayList<>();
        Map<String, Path> rootOfClass = new LinkedHashMap<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {testClasses.toUri().toURL(), stubClasses.toUri().toURL()},
                InstructorTests.class.getClassLoader())) {
            List<Object[]> found = new ArrayList<>();
            for (String name : new TreeSet<>(classSources.keySet())) {
                Class<?> c = Class.forName(name, false, loader);
                Path root = rootOf(classSources.get(name));
                rootOfClass.put(name, root);
                for (Method m : c.getDeclaredMethods()) {
                    Graded g = m.getAnnotation(Graded.class);
                    if (g == null) continue;
                    found.add(new Object[] {c.getName() + "#" + m.getName(), g, m, root});
                    if (g.visibility() != Visibility.VISIBLE) hiddenRoots.add(root);
                }
            }
            Set<String> wantedKeys = new java.util.HashSet<>();
            for (Object[] f : found) wantedKeys.add((String) f[0]);
            for (String name : classSources.keySet()) {
                if (name.contains("$") || leanProblem != null || wantedKeys.stream().noneMatch(k -> k.startsWith(name + "#"))) continue;
                leanProblem = LeanRunner.problem(Class.forName(name, false, loader), wantedKeys);
            }
            Set<String> keys = new java.util.HashSet<>();
            for (Object[] f : found) {
                Graded g = (Graded) f[1];
                Method m = (Method) f[2];
                String key = (String) f[0];
                if (!keys.add(key)) throw new IllegalArgumentException("graded method " + key + " is overloaded: give it another name");
                tests.add(new TestPlan.Test(key, g.number(), g.points(), g.visibility(), g.hint(),
                        g.name().isEmpty() ? m.getName() : g.name(), List.of(g.tags()), hiddenRoots.contains(f[3]), cases(m)));
            }
        } catch (ClassNotFoundException e) {
            throw new IOException(e);
        }
        tests.sort(java.util.Comparator.comparing(TestPlan.Test::number, Numbers.ORDER));
        return new TestPlan(List.copyOf(tests), "the instructor's compiled tests");
    }

    /**
     * How many invocations JUnit Jupiter makes of the instructor's method {@code m}: 1 for a {@code @Test}; for a
     * {@code @ParameterizedTest} the rows of its {@code @CsvSource}s and the values of its {@code @ValueSource}s;
     * -1 when another argument source (a method, a file, an enum...) or a {@code @RepeatedTest} makes it known only
     * when it runs.
     */
    static int cases(Method m) {
        if (!m.isAnnotationPresent(org.junit.jupiter.params.ParameterizedTest.class)) {
            return m.isAnnotationPresent(org.junit.jupiter.api.Test.class) ? 1 : -1;
        }
        int n = 0;
        for (java.lang.annotation.Annotation a : m.getAnnotations()) {
            if (a instanceof org.junit.jupiter.params.provider.CsvSource c) {
                if (!c.textBlock().isEmpty()) {
                    for (String line : c.textBlock().split("\\R")) {
                        String t = line.strip();
                        if (!t.isEmpty() && !t.startsWith("#")) n++;
                    }
                    n -= c.useHeadersInDisplayName() ? 1 : 0;
                } else {
                    n += c.value().length - (c.useHeadersInDisplayName() ? 1 : 0);
                }
            } else if (a instanceof org.junit.jupiter.params.provider.ValueSource v) {
                n += v.shorts().length + v.bytes().length + v.ints().length + v.longs().length + v.floats().length
                        + v.doubles().length + v.chars().length + v.booleans().length + v.strings().length + v.classes().length;
            } else if (a.annotationType().isAnnotationPresent(org.junit.jupiter.params.provider.ArgumentsSource.class)
                    || a instanceof org.junit.jupiter.params.provider.ArgumentsSource
                    || a instanceof org.junit.jupiter.params.provider.ArgumentsSources) {
                return -1;
            }
        }
        return n;
    }

    /** True if the submission's compiled classes have exactly the stubs' API (then the compiled tests fit them). */
    boolean fits(Path studentClasses) {
        if (!apiUsable) return false;
        Map<String, String> student = api(studentClasses);
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

    /**
     * Binary class name -> its visible API (one line per member), or null if a class cannot be loaded. The classes
     * are loaded without initialisation (no student code runs in the grader's JVM).
     */
    static Map<String, String> api(Path classes) {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(classes)) {
            s.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                String rel = classes.relativize(p).toString().replace(File.separatorChar, '.');
                names.add(rel.substring(0, rel.length() - ".class".length()));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new TreeMap<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, InstructorTests.class.getClassLoader())) {
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
}
