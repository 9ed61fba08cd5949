package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student's work is never lost, in ONE real kernel driven through jupyter_client ({@link Steps}): System.exit,
 * Runtime.exit and Runtime.halt (in the cell, in library code, by reflection, through a method reference, in a
 * thread the cell started, after the cell ended) end the cell, not the kernel; an interrupt ends cells that catch
 * Throwable, sleep in a loop, never return from toString() or run JDK code that never checks for interrupts; 50,000
 * printed lines all arrive, in order, in few messages, idle last; output of a cell's threads reaches that cell; running
 * the same cell again and again does not accumulate values in the heap. After each, the variables and the classpath
 * are still there. Skipped without Jupyter, except on CI.
 */
class KernelSafetyTest {

    @TempDir
    static Path tmp;

    static final Steps S = new Steps();
    static final int LINES = 50_000;

    static int classpath;
    static final List<Integer> exits = new ArrayList<>();
    static int threadExit;
    static int lateExitCell;
    static int lateExitSeen;
    static int afterExits;
    static final List<Integer> interrupted = new ArrayList<>();
    static int escalated;
    static int afterInterrupts;
    static int sigint;
    static int flood;
    static int mixedStreams;
    static int bigUtf8;
    static int backgroundCell;
    static int backgroundWhileOtherRuns;
    static int backgroundAfter;
    static int backgroundReleased;
    static int pool;
    static int poolAgain;
    static int heapBefore;
    static int redeclared;
    static int heapAfterRedeclared;
    static int results;
    static int heapAfterResults;

    static final String HEAP = "System.gc(); System.gc(); Thread.sleep(200); System.gc();\n"
            + "(Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024)";

    @BeforeAll
    static void runKernel() throws Exception {
        Path classes = tmp.resolve("classes");
        JupyterSupport.compile(tmp, classes, "kitsafety.Quitter", "package kitsafety; public class Quitter {"
                + " public static void quit(int status) { System.exit(status); } }");
        classpath = S.code("%classpath " + classes + "\nint kept = 41;");

        exits.add(S.code("System.exit(3);"));
        exits.add(S.code("Runtime.getRuntime().halt(4);"));
        exits.add(S.code("Runtime.getRuntime().exit(5);"));
        exits.add(S.code("java.util.function.IntConsumer quit = System::exit;\nquit.accept(6);"));
        exits.add(S.code("try { System.exit(7); } catch (Throwable t) { System.out.println(\"swallowed\"); }\n"
                + "System.out.println(\"went on\");"));
        exits.add(S.code("kitsafety.Quitter.quit(8);"));                                       // library code
        exits.add(S.code("System.class.getMethod(\"exit\", int.class).invoke(null, 9);"));      // reflection
        threadExit = S.code("Thread t = new Thread(() -> System.exit(10), \"quitter\");\nt.start();\nt.join();\n"
                + "Thread.sleep(5_000);\nSystem.out.println(\"not reached\");");
        lateExitCell = S.code("new Thread(() -> {\n"
                + "  try { Thread.sleep(1_000); } catch (InterruptedException e) { }\n"
                + "  Runtime.getRuntime().halt(11);\n"
                + "}, \"late-quitter\").start();");
        lateExitSeen = S.waitSeconds(2.5);
        afterExits = S.code("kept + kitsafety.Quitter.class.getSimpleName().length()");

        for (String hostile : List.of(
                "long spins = 0;\nwhile (true) { spins++; }",
                "while (true) { try { spins++; } catch (Throwable t) { } }",
                "while (true) { try { while (true) { spins++; } } catch (Throwable t) { } }",
                "while (true) { try { Thread.sleep(10_000); } catch (InterruptedException e) { } }",
                "class Forever { public String toString() { while (true) { } } }\nnew Forever()")) {
            interrupted.add(S.code(hostile, "interrupts", List.of(1.0)));
        }
        // JDK code that never checks interrupts: Thread.stop (Java 17) or leaving the thread behind (Java 20+);
        // a second interrupt escalates at once
        escalated = S.code("java.util.stream.LongStream.iterate(0, Math::incrementExact).max()",
                "interrupts", List.of(1.0, 1.3));
        sigint = S.code("while (true) { spins++; }", "interrupts", List.of(1.0), "sigint", true);
        afterInterrupts = S.code("spins > 0 && kept == 41");

        flood = S.code("for (int i = 0; i < " + LINES + "; i++) System.out.println(\"line \" + i);");
        bigUtf8 = S.code("System.out.println(\"\\u00e9\\u4e2d\".repeat(50_000));"); // 250 KB: cut into chunks
        mixedStreams = S.code("for (int i = 0; i < 300; i++) { System.out.println(\"o\" + i); System.err.println(\"e\" + i);"
                + " System.out.print(\"\\u00e9\\u4e2d\"); System.out.println(); }");

        backgroundCell = S.code("var gate = new java.util.concurrent.SynchronousQueue<String>();\n"
                + "new Thread(() -> {\n"
                + "  try {\n"
                + "    System.out.println(gate.take());\n"
                + "    String last = gate.take();\n"
                + "    Thread.sleep(1_000);\n"
                + "    System.out.println(last);\n"
                + "  } catch (InterruptedException e) { }\n"
                + "  display(\"done\");\n"
                + "}, \"ticker\").start();\n"
                + "System.out.println(\"started\");");
        backgroundWhileOtherRuns = S.code("gate.put(\"while another cell runs\");\nThread.sleep(1_000);\n1");
        backgroundReleased = S.code("gate.put(\"after every cell ended\");");
        backgroundAfter = S.waitSeconds(2.5);
        // the common pool's threads are created by the first cell that uses it, then serve every later cell
        pool = S.code("ForkJoinPool.commonPool().submit(() -> System.out.println(\"from the pool\")).get();");
        poolAgain = S.code("ForkJoinPool.commonPool().submit(() -> System.out.println(\"the pool again\")).get();");

        heapBefore = S.code(HEAP);
        for (int i = 0; i < 40; i++) { // 8 MB each time, the type changing (a new JShell class each time)
            redeclared = S.code(i % 2 == 0 ? "double[] big = new double[1_000_000];" : "Object big = new double[1_000_000];");
        }
        heapAfterRedeclared = S.code(HEAP);
        S.code("class Big { final double[] d = new double[1_000_000]; public String toString() { return \"big\"; } }");
        for (int i = 0; i < 40; i++) {
            results = S.code("new Big()");
        }
        heapAfterResults = S.code(HEAP);
        S.run(tmp);
    }

    @Test
    void exitInACellIsAnErrorAndTheKernelKeepsItsState() {
        String[] how = {"System.exit(3)", "Runtime.halt(4)", "Runtime.exit(5)", "System.exit(6)", "System.exit(7)",
                "System.exit(8)", "System.exit(9)"};
        for (int k = 0; k < exits.size(); k++) {
            JsonObject e = S.error(exits.get(k));
            assertThat(e.get("ename").getAsString()).isEqualTo("convkit.jupyter.ExitBlocked");
            assertThat(e.get("evalue").getAsString()).startsWith(how[k] + " was called")
                    .contains("cannot end the kernel");
        }
        // catch (Throwable t) in the cell does not swallow it
        assertThat(S.stream(exits.get(4), "stdout")).isEmpty();
        // library code is named
        assertThat(S.error(exits.get(5)).get("evalue").getAsString()).contains("by kitsafety.Quitter.quit(");
        // the traceback points into the cell, not into the kernel's plumbing
        assertThat(S.error(exits.get(0)).getAsJsonArray("traceback").get(1).getAsString()).startsWith("\tat <cell>(#");
        assertThat(S.result(afterExits)).isEqualTo("48"); // kept + "Quitter".length(): variables and classpath kept
    }

    @Test
    void exitInAThreadOfTheCellEndsTheCell() {
        JsonObject e = S.error(threadExit);
        assertThat(e.get("evalue").getAsString()).startsWith("System.exit(10) was called in thread \"quitter\"");
        assertThat(S.stream(threadExit, "stdout")).isEmpty();
        assertThat(S.answer(threadExit).get("seconds").getAsDouble()).isLessThan(5.0); // did not sleep to the end
    }

    @Test
    void exitInAThreadAfterItsCellEndedIsShownInThatCell() {
        assertThat(S.answer(lateExitCell).get("status").getAsString()).isEqualTo("ok");
        List<JsonObject> late = S.late(lateExitSeen);
        assertThat(late).hasSize(1);
        assertThat(late.get(0).get("step").getAsInt()).isEqualTo(lateExitCell);
        assertThat(late.get(0).get("type").getAsString()).isEqualTo("error");
        assertThat(late.get(0).get("evalue").getAsString()).startsWith("Runtime.halt(11) was called in thread \"late-quitter\"");
    }

    @Test
    void interruptEndsEveryKindOfRunawayCellAndKeepsTheVariables() {
        for (int i : interrupted) {
            JsonObject e = S.error(i);
            assertThat(e.get("ename").getAsString()).as("step %d", i).isEqualTo("InterruptedException");
            // cell code is stopped by the checks in its bytecode: its thread ended, it was not left behind
            assertThat(e.getAsJsonArray("traceback")).as("step %d: %s", i, e).hasSize(1);
        }
        assertThat(S.error(interrupted.get(4)).get("evalue").getAsString()).contains("while its result was rendered");
        assertThat(S.error(escalated).get("ename").getAsString()).isEqualTo("InterruptedException");
        // Ctrl-C in the terminal that runs Jupyter (SIGINT to the kernel) interrupts too, instead of ending the JVM
        assertThat(S.error(sigint).get("ename").getAsString()).isEqualTo("InterruptedException");
        assertThat(S.result(afterInterrupts)).isEqualTo("true");
    }

    @Test
    void fiftyThousandLinesArriveCompleteInOrderInFewMessagesWithIdleLast() {
        String text = S.stream(flood, "stdout");
        String[] lines = text.split("\n", -1);
        assertThat(lines).hasSize(LINES + 1);
        for (int i = 0; i < LINES; i++) {
            if (!lines[i].equals("line " + i)) {
                throw new AssertionError("line " + i + " is '" + lines[i] + "'");
            }
        }
        assertThat(S.outputs(flood, "stream").size()).as("stream messages").isLessThan(LINES / 100);
        List<String> order = S.order(flood);
        assertThat(order.get(order.size() - 1)).isEqualTo("status:idle");
        assertThat(S.answer(flood).has("after_idle")).isFalse();
    }

    @Test
    void stdoutAndStderrKeepTheirOrderAndUtf8SurvivesChunking() {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            out.append("o").append(i).append('\n').append("\u00e9\u4e2d\n");
            err.append("e").append(i).append('\n');
        }
        assertThat(S.stream(mixedStreams, "stdout")).isEqualTo(out.toString());
        assertThat(S.stream(mixedStreams, "stderr")).isEqualTo(err.toString());
        assertThat(S.stream(bigUtf8, "stdout")).isEqualTo("\u00e9\u4e2d".repeat(50_000) + "\n");
        assertThat(S.outputs(bigUtf8, "stream").size()).isGreaterThan(1);
        // interleaved as written: "o0", then "e0", then "o1"...
        List<JsonObject> streams = S.outputs(mixedStreams, "stream");
        assertThat(streams.get(0).get("name").getAsString()).isEqualTo("stdout");
        assertThat(streams.get(0).get("text").getAsString()).startsWith("o0\n");
        assertThat(streams.get(1).get("name").getAsString()).isEqualTo("stderr");
        assertThat(streams.get(1).get("text").getAsString()).startsWith("e0\n");
    }

    /**
     * A thread a cell started prints into the running cell while one runs, and into its own cell once none runs (the
     * Notebook and JupyterLab still show it there); threads of a pool that an earlier cell created print into the
     * running cell.
     */
    @Test
    void outputOfACellsThreadsReachesTheNotebook() {
        assertThat(S.stream(backgroundCell, "stdout")).isEqualTo("started\n");
        assertThat(S.stream(backgroundWhileOtherRuns, "stdout")).isEqualTo("while another cell runs\n");
        assertThat(S.result(backgroundWhileOtherRuns)).isEqualTo("1");
        List<JsonObject> late = new ArrayList<>(S.late(backgroundReleased));
        late.addAll(S.late(backgroundAfter));
        assertThat(late).isNotEmpty();
        StringBuilder text = new StringBuilder();
        boolean displayed = false;
        for (JsonObject m : late) {
            assertThat(m.get("step").getAsInt()).as("%s", m).isEqualTo(backgroundCell);
            if (m.get("type").getAsString().equals("stream")) {
                text.append(m.get("text").getAsString());
            }
            displayed |= m.get("type").getAsString().equals("display_data");
        }
        assertThat(text.toString()).isEqualTo("after every cell ended\n");
        assertThat(displayed).isTrue();
        assertThat(S.stream(pool, "stdout")).isEqualTo("from the pool\n");
        assertThat(S.stream(poolAgain, "stdout")).isEqualTo("the pool again\n");
    }

    /**
     * 40 results of an 8 MB object kept 320 MB alive before (JShell keeps every {@code $N} result in a static field of
     * a class that is never unloaded); now only the last {@value CellExecutionControl#RESULTS_KEPT} are kept. A
     * variable declared again 40 times (with changing types) keeps only its last value: JShell's own engine keeps the
     * old ones in the old classes, and on Java 25 the finished snippet threads the kernel kept held them too (297 MB).
     */
    @Test
    void runningTheSameCellAgainDoesNotAccumulateValues() {
        long before = Long.parseLong(S.result(heapBefore));
        long afterRedeclared = Long.parseLong(S.result(heapAfterRedeclared));
        long afterResults = Long.parseLong(S.result(heapAfterResults));
        assertThat(S.answer(redeclared).get("status").getAsString()).isEqualTo("ok");
        assertThat(S.result(results)).isEqualTo("big");
        assertThat(afterRedeclared - before).as("MB grown by 40 x 8 MB re-declared").isLessThan(40);
        assertThat(afterResults - afterRedeclared).as("MB grown by 40 x 8 MB results")
                .isLessThan(8L * CellExecutionControl.RESULTS_KEPT + 40);
    }
}
