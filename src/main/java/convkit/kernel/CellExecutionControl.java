package convkit.kernel;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
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
 * <p>Each snippet runs on its own daemon thread so that {@link #stop()} (the Jupyter interrupt) can end it
 * while the kernel's shell thread keeps serving.
 */
final class CellExecutionControl extends DirectExecutionControl {

    private static final String KEY_PREFIX = "\u0000convkit-value-";

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final Object lock = new Object();
    private Thread running;
    private boolean stopRequested;
    private volatile boolean wasStopped;

    /** True once after a snippet was ended by {@link #stop()} (JShell itself reports such a snippet as fine). */
    boolean takeStopped() {
        boolean s = wasStopped;
        wasStopped = false;
        return s;
    }

    /** Sentinel stored for a {@code null} value (ConcurrentHashMap refuses nulls). */
    private static final Object NULL = new Object();

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
    protected String invoke(Method doitMethod) throws Exception {
        Object[] value = new Object[1];
        Throwable[] failure = new Throwable[1];
        boolean[] stopped = new boolean[1];
        Thread t = new Thread(() -> {
            try {
                value[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof ThreadDeath) {
                    stopped[0] = true;
                } else {
                    failure[0] = e;
                }
            } catch (ThreadDeath e) {
                stopped[0] = true;
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "convkit-cell");
        t.setDaemon(true);
        t.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        synchronized (lock) {
            stopRequested = false;
            running = t;
        }
        t.start();
        try {
            t.join();
        } finally {
            synchronized (lock) {
                running = null;
                if (stopRequested) {
                    stopped[0] = true;
                }
            }
        }
        if (stopped[0]) {
            wasStopped = true;
            throw new StoppedException();
        }
        if (failure[0] instanceof Exception) {
            throw (Exception) failure[0];
        }
        if (failure[0] != null) {
            throw new InvocationTargetException(failure[0]);
        }
        return keep(value[0]);
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

    /**
     * Ends the running snippet: {@code Thread.stop} where the JDK still supports it (JDK 17), otherwise an
     * interrupt (which ends code that waits, sleeps or checks its interrupt flag).
     */
    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        Thread t;
        synchronized (lock) {
            t = running;
            if (t == null) {
                return;
            }
            stopRequested = true;
        }
        try {
            t.stop();
        } catch (UnsupportedOperationException e) {
            t.interrupt();
        }
    }

    /** The stock value text JShell would show (used for arrays, whose toString is an identity hash). */
    static String jshellText(Object value) {
        return valueString(value);
    }
}
