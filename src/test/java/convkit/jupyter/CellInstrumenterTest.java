package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bytecode rewriting of cell classes, on a class compiled here and loaded the way JShell's classes are: a loop that
 * catches Throwable ends once its thread is marked; System.exit, Runtime.halt and a method reference to System.exit
 * throw {@link ExitBlocked} (were they not redirected, this test's JVM would end and the build fail).
 */
class CellInstrumenterTest {

    @TempDir
    static Path tmp;

    static Class<?> cells;

    static final String SOURCE = "public class Cells {\n"
            + "  public static volatile long n;\n"
            + "  public static void swallow() { while (true) { try { n++; } catch (Throwable t) { } } }\n"
            + "  public static void nested() { while (true) { try { while (true) { n++; } } catch (Throwable t) { } } }\n"
            + "  public static void swallowSleep() { while (true) { try { Thread.sleep(10_000); } catch (Throwable t) { } } }\n"
            + "  public static String exit() { try { System.exit(3); } catch (Throwable t) { return \"swallowed\"; }"
            + " return \"went on\"; }\n"
            + "  public static void halt() { Runtime.getRuntime().halt(4); }\n"
            + "  public static void reference() { java.util.function.IntConsumer q = System::exit; q.accept(5); }\n"
            + "  public static int plain(int k) { int s = 0; for (int i = 0; i < k; i++) { try { s += i; }"
            + " catch (RuntimeException e) { s = -1; } } return s; }\n"
            + "}\n";

    @BeforeAll
    static void compileAndInstrument() throws IOException, ClassNotFoundException {
        Path src = tmp.resolve("Cells.java");
        Files.writeString(src, SOURCE);
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", tmp.toString(), src.toString()))
                .isZero();
        byte[] original = Files.readAllBytes(tmp.resolve("Cells.class"));
        byte[] rewritten = CellInstrumenter.instrument(original);
        assertThat(rewritten).isNotEqualTo(original);
        cells = new ClassLoader(CellInstrumenterTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (!name.equals("Cells")) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, rewritten, 0, rewritten.length);
            }
        }.loadClass("Cells");
    }

    private static Throwable stopWhileRunning(String method) throws Exception {
        Method m = cells.getMethod(method);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                m.invoke(null);
            } catch (InvocationTargetException e) {
                ended.set(e.getCause());
            } catch (ReflectiveOperationException e) {
                ended.set(e);
            }
        });
        t.setDaemon(true);
        t.start();
        Thread.sleep(200);
        assertThat(t.isAlive()).as("%s runs until stopped", method).isTrue();
        CellGuard.stop(t, new CellStop());
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).as("%s still runs after its thread was marked", method).isFalse();
        CellGuard.prune();
        return ended.get();
    }

    @Test
    void loopsThatCatchThrowableEndWhenTheirThreadIsMarked() throws Exception {
        assertThat(stopWhileRunning("swallow")).isInstanceOf(CellStop.class);
        assertThat(stopWhileRunning("nested")).isInstanceOf(CellStop.class);
        assertThat(stopWhileRunning("swallowSleep")).isInstanceOf(CellStop.class);
    }

    @Test
    void exitAndHaltThrowInsteadOfEndingTheJvm() throws Exception {
        for (String method : new String[] {"exit", "halt", "reference"}) {
            Method m = cells.getMethod(method);
            assertThatThrownBy(() -> m.invoke(null)).as(method).isInstanceOf(InvocationTargetException.class)
                    .cause().isInstanceOf(ExitBlocked.class).hasMessageContaining("cannot end the kernel");
        }
        assertThatThrownBy(() -> cells.getMethod("exit").invoke(null)).cause().hasMessageStartingWith("System.exit(3)");
        assertThatThrownBy(() -> cells.getMethod("halt").invoke(null)).cause().hasMessageStartingWith("Runtime.halt(4)");
    }

    @Test
    void unmarkedCodeRunsAsBefore() throws Exception {
        assertThat(cells.getMethod("plain", int.class).invoke(null, 5)).isEqualTo(10);
    }
}
