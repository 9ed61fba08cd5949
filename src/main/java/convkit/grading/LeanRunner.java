package convkit.grading;

import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

/**
 * Runs the instructor's tests in the test JVM the way JUnit Jupiter would, without JUnit's engine, when the tests
 * use only the small part of Jupiter that the kit's tests use: {@code @Test}, {@code @ParameterizedTest} with
 * {@code @ValueSource} or a plain {@code @CsvSource}, {@code @Graded}. A fresh JVM spends most of its time in the
 * engine (discovery, extension registries, descriptors: about 1 CPU-second per submission, three quarters of the
 * test JVM), so this is what keeps a fresh, sandboxed JVM per submission fast.
 *
 * <p>What it does is what Jupiter 5.10 does for that subset, and {@code LeanRunnerParityTest} grades the same
 * hand-ins with both and compares every result: a new instance of the test class per test and per invocation
 * (the single no-argument constructor, in the calling thread), methods in Jupiter's default order (hash of the
 * name, then the name), each invocation in a new daemon thread with the configured timeout ({@code SEPARATE_THREAD}:
 * a test that does not end fails with Jupiter's {@code TimeoutException} message, its thread is interrupted and
 * left), Jupiter's unique ids and display names ({@code [1] 1, x} or the {@code name} pattern with {@code {0}},
 * {@code {index}}, {@code {arguments}}, {@code {displayName}}), CSV values trimmed and converted like Jupiter's
 * implicit conversion ({@code Integer.decode} and friends), {@link TestAbortedException} ABORTED, an
 * {@link OutOfMemoryError} rethrown (it ends the run, as in Jupiter). Anything else in a test class (another JUnit
 * annotation, a superclass, lifecycle methods, nested test classes, a CSV with quotes or comments, a parameter type
 * it does not convert) makes {@link #problem} say so, and the whole run goes to JUnit's engine instead.
 */
final class LeanRunner {
    private static final Set<Class<? extends Annotation>> JUPITER = Set.of(Test.class, ParameterizedTest.class, CsvSource.class,
            ValueSource.class);
    /** The annotation's default name, which Jupiter reads as {@link ParameterizedTest#DEFAULT_DISPLAY_NAME} (no configuration changes it here). */
    private static final String DEFAULT_NAME = "{default_display_name}";
    private static final Pattern PLACEHOLDERS = Pattern.compile("\\{(\\d+|index|arguments|argumentsWithNames|displayName)}");

    private LeanRunner() {
    }

    /** One test method of a class: how it is called and with what. */
    private record Planned(Method method, List<Object[]> args, List<String[]> shown) {
    }

    /**
     * Why this class cannot run here (null if it can): only its wanted methods, its annotations, its constructor
     * and its parameters count. The class is loaded but not initialised; reading it runs no code.
     */
    static String problem(Class<?> c, Set<String> wanted) {
        try {
            if (c.getSuperclass() != Object.class) return c.getName() + " extends " + c.getSuperclass().getName();
            if (c.getInterfaces().length > 0) return c.getName() + " implements interfaces";
            if (Modifier.isAbstract(c.getModifiers()) || c.isInterface() || c.isEnum() || c.isRecord()) return c.getName() + " is not a plain class";
            if (junitAnnotation(c.getAnnotations()) != null) return c.getName() + " has " + junitAnnotation(c.getAnnotations());
            for (Class<?> inner : c.getDeclaredClasses()) {
                if (junitAnnotation(inner.getAnnotations()) != null) return inner.getName() + " has " + junitAnnotation(inner.getAnnotations());
                for (Method m : inner.getDeclaredMethods()) if (junitAnnotation(m.getAnnotations()) != null) return inner.getName() + " has test methods";
            }
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (junitAnnotation(f.getAnnotations()) != null) return "field " + f.getName() + " has " + junitAnnotation(f.getAnnotations());
            }
            Constructor<?>[] ks = c.getDeclaredConstructors();
            if (ks.length != 1 || ks[0].getParameterCount() != 0) return c.getName() + " has no single no-argument constructor";
            for (Method m : c.getDeclaredMethods()) {
                String other = otherJunit(m);
                if (other != null && !other.isEmpty()) return c.getName() + "#" + m.getName() + " has " + other;
                if (!wanted.contains(c.getName() + "#" + m.getName()) || other == null) continue;
                if (plan(m) instanceof String why) return c.getName() + "#" + m.getName() + ": " + why;
            }
            return null;
        } catch (LinkageError | RuntimeException e) {
            return c.getName() + " cannot be read: " + e;
        }
    }

    /** The first annotation from org.junit on this element that this runner does not handle ("" if only handled ones). */
    private static String otherJunit(Method m) {
        String bad = null;
        boolean any = false;
        for (Annotation a : m.getAnnotations()) {
            String n = a.annotationType().getName();
            if (!n.startsWith("org.junit.")) {
                String meta = junitAnnotation(a.annotationType().getAnnotations());
                if (meta != null) bad = "@" + a.annotationType().getSimpleName() + " (meta-annotated with " + meta + ")";
                continue;
            }
            any = true;
            if (!JUPITER.contains(a.annotationType())) bad = "@" + a.annotationType().getSimpleName();
        }
        for (java.lang.reflect.Parameter p : m.getParameters()) {
            String j = junitAnnotation(p.getAnnotations());
            if (j != null) bad = j + " on a parameter";
        }
        return bad != null ? bad : any ? "" : null;
    }

    private static String junitAnnotation(Annotation[] as) {
        for (Annotation a : as) if (a.annotationType().getName().startsWith("org.junit.")) return "@" + a.annotationType().getSimpleName();
        return null;
    }

    /** The invocations of a wanted method, or a String saying why it cannot run here. */
    private static Object plan(Method m) {
        int mod = m.getModifiers();
        boolean test = m.isAnnotationPresent(Test.class), param = m.isAnnotationPresent(ParameterizedTest.class);
        if (test == param) return "not exactly one of @Test and @ParameterizedTest";
        if (Modifier.isStatic(mod) || Modifier.isPrivate(mod) || Modifier.isAbstract(mod) || m.getReturnType() != void.class) {
            return "not a test method Jupiter runs (static, private, abstract or not void)";
        }
        if (test) {
            if (m.getParameterCount() != 0) return "a @Test with parameters";
            List<Object[]> a = new ArrayList<>();
            a.add(new Object[0]);
            List<String[]> none = new ArrayList<>();
            none.add(new String[0]);
            return new Planned(m, a, none);
        }
        ParameterizedTest pt = m.getAnnotation(ParameterizedTest.class);
        if (!pt.name().equals(DEFAULT_NAME)) {
            String rest = PLACEHOLDERS.matcher(pt.name()).replaceAll("");
            if (rest.contains("{") || rest.contains("}") || rest.contains("'")) return "a display name pattern it does not format";
        }
        CsvSource csv = m.getAnnotation(CsvSource.class);
        ValueSource vs = m.getAnnotation(ValueSource.class);
        if ((csv == null) == (vs == null)) return "not exactly one of @CsvSource and @ValueSource";
        Class<?>[] types = m.getParameterTypes();
        List<Object[]> args = new ArrayList<>();
        List<String[]> shown = new ArrayList<>();
        if (csv != null) {
            if (!csv.textBlock().isEmpty() || csv.useHeadersInDisplayName() || csv.quoteCharacter() != '\'' || csv.delimiter() != '\0'
                    || !csv.delimiterString().isEmpty() || !csv.emptyValue().isEmpty() || csv.nullValues().length > 0
                    || !csv.ignoreLeadingAndTrailingWhitespace()) {
                return "a @CsvSource with settings";
            }
            for (String row : csv.value()) {
                if (row.indexOf('\'') >= 0 || row.indexOf('"') >= 0 || row.trim().startsWith("#") || row.isBlank()) return "a CSV row with quotes or comments";
                String[] cols = row.split(",", -1);
                if (cols.length != types.length) return "a CSV row with " + cols.length + " values for " + types.length + " parameters";
                Object[] a = new Object[types.length];
                for (int i = 0; i < cols.length; i++) {
                    cols[i] = cols[i].strip();
                    if (cols[i].isEmpty()) return "an empty CSV value";
                    try {
                        a[i] = convert(cols[i], types[i]);
                    } catch (RuntimeException e) {
                        return "a CSV value it does not convert (" + cols[i] + " to " + types[i].getName() + ")";
                    }
                }
                args.add(a);
                shown.add(cols);
            }
        } else {
            if (types.length != 1) return "a @ValueSource method without exactly one parameter";
            Object values = vs.ints().length > 0 ? vs.ints() : vs.longs().length > 0 ? vs.longs() : vs.doubles().length > 0 ? vs.doubles()
                    : vs.strings().length > 0 ? vs.strings() : null;
            int kinds = (vs.ints().length > 0 ? 1 : 0) + (vs.longs().length > 0 ? 1 : 0) + (vs.doubles().length > 0 ? 1 : 0)
                    + (vs.strings().length > 0 ? 1 : 0) + vs.shorts().length + vs.bytes().length + vs.floats().length + vs.chars().length
                    + vs.booleans().length + vs.classes().length;
            if (values == null || kinds != 1) return "a @ValueSource of another type";
            Class<?> want = values.getClass().getComponentType();
            if (types[0] != want) return "a @ValueSource of " + want + " for a " + types[0].getName() + " parameter";
            for (int i = 0; i < java.lang.reflect.Array.getLength(values); i++) {
                Object v = java.lang.reflect.Array.get(values, i);
                args.add(new Object[] {v});
                shown.add(new String[] {String.valueOf(v)});
            }
        }
        if (args.isEmpty()) return "no arguments";
        return new Planned(m, args, shown);
    }

    /** Jupiter's implicit conversion of a CSV value, for the types it is used with here. */
    private static Object convert(String s, Class<?> t) {
        if (t == String.class) return s;
        if (t == int.class || t == Integer.class) return Integer.decode(s);
        if (t == long.class || t == Long.class) return Long.decode(s);
        if (t == short.class || t == Short.class) return Short.decode(s);
        if (t == byte.class || t == Byte.class) return Byte.decode(s);
        if (t == double.class || t == Double.class) return Double.valueOf(s);
        if (t == float.class || t == Float.class) return Float.valueOf(s);
        if (t == boolean.class || t == Boolean.class) {
            if (s.equalsIgnoreCase("true")) return true;
            if (s.equalsIgnoreCase("false")) return false;
            throw new IllegalArgumentException(s);
        }
        if (t == BigInteger.class) return new BigInteger(s);
        if (t == BigDecimal.class) return new BigDecimal(s);
        throw new IllegalArgumentException("type " + t.getName());
    }

    /** Jupiter's display name of a method: {@code name(int, String)}. */
    static String methodName(Method m) {
        return signature(m, false);
    }

    private static String methodId(Method m) {
        return signature(m, true);
    }

    /** {@code name(int, String)}, or with the types' full names (no streams or lambdas here: each costs a cold JVM). */
    private static String signature(Method m, boolean fullNames) {
        StringBuilder b = new StringBuilder(m.getName()).append('(');
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) b.append(i == 0 ? "" : ", ").append(fullNames ? types[i].getTypeName() : types[i].getSimpleName());
        return b.append(')').toString();
    }

    private static String invocationName(ParameterizedTest pt, Method m, int index, String[] shown) {
        String[] readable = new String[shown.length];
        for (int i = 0; i < shown.length; i++) readable[i] = shown[i].length() > 512 ? shown[i].substring(0, 511) + "\u2026" : shown[i];
        String args = String.join(", ", readable);
        String pattern = (pt.name().equals(DEFAULT_NAME) ? ParameterizedTest.DEFAULT_DISPLAY_NAME : pt.name()).replace("{displayName}", "\u0000DN\u0000").replace("{index}", String.valueOf(index))
                .replace("{argumentsWithNames}", "{arguments}");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < readable.length; i++) all.append(i == 0 ? "" : ", ").append('{').append(i).append('}');
        pattern = pattern.replace("{arguments}", all.toString());
        String out = pattern.contains("'") ? pattern : MessageFormat.format(pattern, (Object[]) readable);
        return out.replace("\u0000DN\u0000", methodName(m));
    }

    /**
     * Runs the wanted methods of these test classes, reporting to {@code recorder} as the JUnit listener would.
     * Returns false, having run nothing, if a class is not for this runner (then JUnit's engine runs them all).
     */
    static boolean run(List<Class<?>> classes, Set<String> wanted, int timeoutSeconds, RecordingListener recorder) {
        List<List<Planned>> plans = new ArrayList<>();
        for (Class<?> c : classes) {
            if (problem(c, wanted) != null) return false;
            List<Planned> ps = new ArrayList<>();
            Method[] ms = c.getDeclaredMethods();
            Arrays.sort(ms, ORDER);
            for (Method m : ms) {
                if (!wanted.contains(c.getName() + "#" + m.getName()) || m.getAnnotation(Graded.class) == null) continue;
                if (!m.isAnnotationPresent(Test.class) && !m.isAnnotationPresent(ParameterizedTest.class)) continue;
                ps.add((Planned) plan(m));
            }
            plans.add(ps);
        }
        for (int ci = 0; ci < classes.size(); ci++) {
            String classId = "[engine:junit-jupiter]/[class:" + classes.get(ci).getName() + "]";
            for (Planned p : plans.get(ci)) {
                boolean template = p.method.isAnnotationPresent(ParameterizedTest.class);
                recorder.planned(p.method, p.method.getAnnotation(Graded.class),
                        classId + "/[" + (template ? "test-template" : "method") + ":" + methodId(p.method) + "]", methodName(p.method));
            }
        }
        for (int ci = 0; ci < classes.size(); ci++) {
            Class<?> c = classes.get(ci);
            String classId = "[engine:junit-jupiter]/[class:" + c.getName() + "]";
            for (Planned p : plans.get(ci)) {
                ParameterizedTest pt = p.method.getAnnotation(ParameterizedTest.class);
                String key = RecordingListener.key(p.method);
                String id = classId + "/[" + (pt != null ? "test-template" : "method") + ":" + methodId(p.method) + "]";
                for (int i = 0; i < p.args.size(); i++) {
                    String uid = pt != null ? id + "/[test-template-invocation:#" + (i + 1) + "]" : id;
                    String name = pt != null ? invocationName(pt, p.method, i + 1, p.shown.get(i)) : methodName(p.method);
                    recorder.started(key, uid, name);
                    Throwable t = invoke(c, p.method, p.args.get(i), timeoutSeconds);
                    if (t instanceof OutOfMemoryError oom) throw oom;
                    recorder.finished(true, key, uid, name, t == null ? "SUCCESSFUL" : t instanceof TestAbortedException ? "ABORTED" : "FAILED", t);
                }
            }
        }
        return true;
    }

    /**
     * Runs, before the guard is installed, the JDK paths this runner takes (so that none of them initialises for the
     * first time with a student's frame on the stack): formatting, a thread per call, reflection, exceptions.
     */
    static void warmUp() {
        MessageFormat.format("{0} {1}", "a", "b");
        String.format(java.util.Locale.ROOT, "%.3f %d %s", 1.5, 2, "c");
        Throwable t = invoke(Warm.class, warmMethod(), new Object[0], 10);
        if (t != null) throw new IllegalStateException("the lean runner's warm-up failed", t);
        new TimeoutException("warm-up").getMessage();
    }

    private static Method warmMethod() {
        try {
            return Warm.class.getDeclaredMethod("run");
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Warm {
        @SuppressWarnings("unused")
        void run() {
            java.util.stream.IntStream.range(0, 3).mapToObj(Integer::toString).toList();
        }
    }

    /** Jupiter's default method order (ReflectionUtils' sorter): hash code of the name, then the name, then the signature. */
    private static final java.util.Comparator<Method> ORDER = new java.util.Comparator<>() {
        @Override
        public int compare(Method a, Method b) {
            int c = Integer.compare(a.getName().hashCode(), b.getName().hashCode());
            if (c == 0) c = a.getName().compareTo(b.getName());
            if (c == 0) c = a.toString().compareTo(b.toString());
            return c;
        }
    };

    /** A new instance (in this thread), then the method in a new daemon thread; what it threw, or null. */
    private static Throwable invoke(Class<?> c, Method m, Object[] args, int timeoutSeconds) {
        Object instance;
        try {
            Constructor<?> k = c.getDeclaredConstructors()[0];
            k.setAccessible(true);
            instance = k.newInstance();
            m.setAccessible(true);
        } catch (InvocationTargetException e) {
            return e.getCause();
        } catch (Throwable e) {
            return e;
        }
        Call call = new Call(m, instance, args);
        Thread t = new Thread(call, "junit-timeout-thread-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        t.start();
        // waits out the timeout even if the runner's thread is interrupted (a hand-in can reach it through its
        // thread group): otherwise every later test would "time out" at once while still running
        long end = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        for (long left; t.isAlive() && (left = end - System.nanoTime()) > 0; ) {
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                // ignored: only the grader ends this JVM
            }
        }
        if (t.isAlive()) {
            t.interrupt();
            return new TimeoutException(methodName(m) + " timed out after " + timeoutSeconds + (timeoutSeconds == 1 ? " second" : " seconds"));
        }
        return call.thrown;
    }

    /** One call of a test method, in its own thread; what it threw (read after the thread ended). */
    private static final class Call implements Runnable {
        private final Method m;
        private final Object instance;
        private final Object[] args;
        Throwable thrown;

        Call(Method m, Object instance, Object[] args) {
            this.m = m;
            this.instance = instance;
            this.args = args;
        }

        @Override
        public void run() {
            try {
                m.invoke(instance, args);
            } catch (InvocationTargetException e) {
                thrown = e.getCause();
            } catch (Throwable e) {
                thrown = e;
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();
}
