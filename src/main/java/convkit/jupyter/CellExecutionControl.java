package convkit.jupyter;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell execution engine that runs snippets inside the kernel's own JVM (so cells see the kernel's classpath
 * and {@link Display#display(Object)} reaches the kernel directly) and keeps each snippet's value as an object.
 *
 * <p>JShell's stock engines turn every value into a String; the kernel needs the object itself (to render a
 * {@code RenderedImage} as PNG, or a convkit Tensor by its {@code toString()}). {@link #invoke(Method)} and
 * {@link #varValue(String, String)} therefore store the object under a fresh key and hand the key to JShell as
 * the "value string"; the kernel redeems it with {@link #take(String)} and calls {@link #clearResults()} after
 * every cell.
 *
 * <p>Every class JShell compiles is rewritten before it is loaded ({@link CellInstrumenter}: interrupt checks, exit
 * redirection). Each snippet runs on a thread of the running cell ({@link CellThreads}), so an interrupt can end it
 * while the kernel's shell thread keeps serving.
 *
 * <p>Memory: JShell keeps the value of every expression ({@code $1}, {@code $2}, ...) in a static field of the class it
 * compiled for it, and never unloads a class, so a cell ending in an expression, run again and again, used to keep
 * every result alive (a 2 MB array per run). This engine keeps the last {@value #RESULTS_KEPT} and clears the older
 * ones ({@link #releaseOldResults}); the kernel drops their snippets. A variable declared again with another type gets
 * a new class, and the old class's field still holds the old value (with JShell's own local engine, 20 such
 * re-declarations of an 8 MB array keep 150 MB, on Java 17 and 25): this engine clears it as soon as the new class is
 * loaded. (And {@link CellThreads} keeps no finished snippet thread holding a value.)
 */
final class CellExecutionControl extends DirectExecutionControl {

    static final int RESULTS_KEPT = 10;

    private static final String KEY_PREFIX = "\u0000convkit-value-";
    private static final Object NULL = new Object();

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    /** For each variable and expression result ($N): the loaded class whose static field holds its value. */
    private final Map<String, Class<?>> holders = new HashMap<>();
    /** Expression results ($1, $2...) in order of creation. */
    private final Deque<String> resultNames = new ArrayDeque<>();
    private volatile CellContext cell;

    /** The cell whose snippets are evaluated next (set by the kernel before it calls JShell). */
    void runningCell(CellContext c) {
        cell = c;
    }

    private String keep(Object value) {
        String key = KEY_PREFIX + counter.incrementAndGet();
        results.put(key, value == null ? NULL : value);
        return key;
    }

    /** True when {@code valueString} is a key made by this engine. */
    static boolean isKey(String valueString) {
        return valueString != null && valueString.startsWith(KEY_PREFIX);
    }

    /** The object stored under {@code key} (null for a null value or an unknown key). */
    Object take(String key) {
        Object v = results.remove(key);
        return v == NULL ? null : v;
    }

    /** Forgets all stored values (called after each cell so old values can be collected). */
    void clearResults() {
        results.clear();
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        ClassBytecodes[] rewritten = new ClassBytecodes[cbcs.length];
        Map<String, List<String>> fields = new HashMap<>();
        for (int i = 0; i < cbcs.length; i++) {
            byte[] bytes = cbcs[i].bytecodes();
            try {
                bytes = CellInstrumenter.instrument(bytes);
            } catch (RuntimeException e) {
                KernelLog.warn("could not instrument " + cbcs[i].name() + " (it runs unguarded): " + e);
            }
            rewritten[i] = new ClassBytecodes(cbcs[i].name(), bytes);
            if (isSnippetWrapper(cbcs[i].name())) {
                fields.put(cbcs[i].name(), CellInstrumenter.staticReferenceFields(bytes));
            }
        }
        super.load(rewritten);
        fields.forEach(this::holderLoaded);
    }

    /** JShell's top-level class of one snippet, e.g. {@code REPL.$JShell$12} or {@code $12B} (not a class declared in a cell). */
    private static boolean isSnippetWrapper(String name) {
        return name.matches("REPL\\.\\$JShell\\$\\d+[A-Z]*"); // a new version of a snippet: $12B, $12C...
    }

    private void holderLoaded(String className, List<String> fieldNames) {
        if (fieldNames.isEmpty()) {
            return;
        }
        Class<?> c;
        try {
            c = findClass(className);
        } catch (ClassNotFoundException e) {
            return;
        }
        synchronized (holders) {
            for (String f : fieldNames) {
                Class<?> previous = holders.put(f, c);
                if (previous != null && previous != c) {
                    clearField(previous, f); // declared again: the old value is unreachable for the cells
                }
                if (f.startsWith("$")) {
                    resultNames.addLast(f);
                }
            }
        }
    }

    private static void clearField(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                f.setAccessible(true);
                f.set(null, null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a final or inaccessible field: leave it
        }
    }

    /**
     * Clears all but the last {@value #RESULTS_KEPT} expression results and returns the names of those cleared
     * ({@code $N}), which the kernel then drops from JShell.
     */
    List<String> releaseOldResults() {
        List<String> released = new ArrayList<>();
        synchronized (holders) {
            while (resultNames.size() > RESULTS_KEPT) {
                String name = resultNames.removeFirst();
                Class<?> c = holders.remove(name);
                if (c != null) {
                    clearField(c, name);
                }
                released.add(name);
            }
        }
        return released;
    }

    /** Forgets the holder of a variable that JShell dropped (clearing its value). */
    void dropped(String name) {
        synchronized (holders) {
            Class<?> c = holders.remove(name);
            if (c != null) {
                clearField(c, name);
            }
            resultNames.remove(name);
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        CellContext c = cell;
        if (c == null) {
            throw new InternalException("no cell is running");
        }
        Object value = CellThreads.run(c, doitMethod.getDeclaringClass().getClassLoader(),
                "cell-" + c.count, () -> doitMethod.invoke(null));
        return keep(value);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        try {
            Field field = findClass(className).getDeclaredField(varName);
            field.setAccessible(true);
            return keep(field.get(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return super.varValue(className, varName);
        }
    }

    /** Interrupts go to the cell ({@link CellContext#interrupt()}), not through JShell. */
    @Override
    public void stop() {
        CellContext c = cell;
        if (c != null) {
            c.interrupt();
        }
    }

    /** The stock value text JShell would show (used for arrays, whose toString is an identity hash). */
    static String jshellText(Object value) {
        return valueString(value);
    }
}
