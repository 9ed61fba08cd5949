package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every request of Jupyter's messaging protocol, and the execute options, against the real kernel through
 * jupyter_client ({@link Steps}): each reply has a {@code status}; history, is_complete, inspect, the pager,
 * comm_info, connect, unknown requests; silent, store_history, user_expressions, stop_on_error, allow_stdin as
 * ipykernel treats them; busy first and idle last. Skipped without Jupyter, except on CI.
 */
class KernelProtocolTest {

    @TempDir
    static Path tmp;

    static final Steps S = new Steps();

    static int forged;
    static int kernelInfo;
    static int kernelInfoOnControl;
    static int commInfo;
    static int connect;
    static int unknown;
    static int interrupt;
    static int first;
    static int silent;
    static int afterSilent;
    static int notStored;
    static int afterNotStored;
    static int printing;
    static int userExpressions;
    static int userExpressionsAfterError;
    static int leakGone;
    static int historyTail;
    static int historyRange;
    static int historySearch;
    static int historySearchUnique;
    static int completeCode;
    static int incompleteCode;
    static int invalidCode;
    static int typeErrorIsComplete;
    static int inspectJdk;
    static int inspectLibrary;
    static int inspectNothing;
    static int pager;
    static int stopOnError;
    static int noStopOnError;
    static int stdin;
    static int clear;
    static int commOpen;
    static int shutdown;

    @BeforeAll
    static void runKernel() throws Exception {
        forged = S.add(Map.of("forged", "execute_request", "content", Map.of("code", "System.out.println(\"forged\");",
                "silent", false)));
        kernelInfo = S.request("kernel_info_request", Map.of());
        kernelInfoOnControl = S.control("kernel_info_request", Map.of());
        commInfo = S.request("comm_info_request", Map.of());
        connect = S.request("connect_request", Map.of());
        unknown = S.request("no_such_request", Map.of());
        interrupt = S.control("interrupt_request", Map.of());
        first = S.code("int n = 6;\nn * 7");
        silent = S.code("System.out.println(\"silently\");\nn + 1", "silent", true);
        afterSilent = S.code("n + 2");
        notStored = S.code("n + 3", "store_history", false);
        afterNotStored = S.code("n + 4");
        printing = S.code("System.out.println(\"out\");\nSystem.err.println(\"err\");\ndisplay(\"shown\");\nn");
        userExpressions = S.code("n = 10;", "user_expressions",
                Map.of("double", "n * 2", "fails", "n / 0", "declares", "int leak = 1"));
        userExpressionsAfterError = S.code("throw new IllegalStateException(\"no\");", "user_expressions",
                Map.of("double", "n * 2"), "stop_on_error", false);
        historyTail = S.request("history_request",
                Map.of("hist_access_type", "tail", "n", 3, "output", true, "raw", true));
        historyRange = S.request("history_request",
                Map.of("hist_access_type", "range", "session", 0, "start", 1, "stop", 3, "output", false, "raw", true));
        historySearch = S.request("history_request",
                Map.of("hist_access_type", "search", "pattern", "n + ?", "output", false, "raw", true));
        historySearchUnique = S.request("history_request",
                Map.of("hist_access_type", "search", "pattern", "n*", "n", 2, "unique", true, "output", false, "raw", true));
        completeCode = S.request("is_complete_request", Map.of("code", "int f(int x) {\n  return x * 2;\n}\nf(2)"));
        incompleteCode = S.request("is_complete_request", Map.of("code", "for (int i = 0; i < 3; i++) {"));
        invalidCode = S.request("is_complete_request", Map.of("code", "int = 7q;"));
        typeErrorIsComplete = S.request("is_complete_request", Map.of("code", "int x = \"text\";"));
        inspectJdk = S.request("inspect_request", Map.of("code", "Math.max", "cursor_pos", 8, "detail_level", 0));
        inspectLibrary = S.request("inspect_request",
                Map.of("code", "convkit.Tensor.wrap(", "cursor_pos", 17, "detail_level", 0));
        inspectNothing = S.request("inspect_request", Map.of("code", "   ", "cursor_pos", 1, "detail_level", 0));
        pager = S.code("Math.max?");
        // the failing cell sleeps first, so that the two requests sent right after it are surely queued in the kernel
        // when its error reply goes out (what "queued" means, on a loaded machine too)
        stopOnError = S.queue(Map.of(), "Thread.sleep(500); throw new RuntimeException(\"first\");", "System.out.println(\"never\");", "n");
        noStopOnError = S.queue(Map.of("stop_on_error", false), "throw new RuntimeException(\"second\");",
                "System.out.println(\"runs\");");
        leakGone = S.code("leak");
        stdin = S.code("String typed = new Scanner(System.in).nextLine();\ntyped.toUpperCase()", "stdin", List.of("hello"));
        clear = S.code("System.out.println(\"gone\");\nclearOutput();\nSystem.out.println(\"kept\");");
        commOpen = S.send("comm_open", Map.of("comm_id", "c1", "target_name", "nobody", "data", Map.of()));
        shutdown = S.control("shutdown_request", Map.of("restart", false));
        S.run(tmp);
    }

    /** Every reply to a request carries a status. */
    @Test
    void everyReplyHasAStatus() {
        for (int i : new int[] {kernelInfo, kernelInfoOnControl, commInfo, connect, unknown, interrupt, historyTail,
                inspectJdk, shutdown}) {
            assertThat(S.reply(i).has("status")).as("reply of step %d: %s", i, S.answer(i)).isTrue();
        }
        assertThat(S.reply(interrupt).get("status").getAsString()).isEqualTo("ok");
        assertThat(S.answer(interrupt).get("msg_type").getAsString()).isEqualTo("interrupt_reply");
        assertThat(S.reply(shutdown).get("status").getAsString()).isEqualTo("ok");
        assertThat(S.reply(shutdown).get("restart").getAsBoolean()).isFalse();
    }

    /** A message signed with the wrong key is dropped (nothing runs, nothing answers); the kernel keeps serving. */
    @Test
    void aForgedRequestIsDropped() {
        assertThat(S.answer(forged).get("replies").getAsInt()).isZero();
        assertThat(S.late(kernelInfo)).isEmpty();
        assertThat(S.reply(kernelInfo).get("status").getAsString()).isEqualTo("ok");
    }

    @Test
    void kernelInfoOnShellAndControl() {
        for (int i : new int[] {kernelInfo, kernelInfoOnControl}) {
            JsonObject r = S.reply(i);
            assertThat(r.get("status").getAsString()).isEqualTo("ok");
            assertThat(r.get("protocol_version").getAsString()).startsWith("5.");
            assertThat(r.getAsJsonObject("language_info").get("name").getAsString()).isEqualTo("Java");
            assertThat(r.getAsJsonObject("language_info").get("file_extension").getAsString()).isEqualTo(".jshell");
            assertThat(r.get("banner").getAsString()).contains("convkit");
        }
    }

    @Test
    void commInfoConnectAndUnknownRequests() {
        assertThat(S.reply(commInfo).get("status").getAsString()).isEqualTo("ok");
        assertThat(S.reply(commInfo).getAsJsonObject("comms").size()).isZero();
        assertThat(S.reply(connect).get("shell_port").getAsInt()).isPositive();
        assertThat(S.reply(connect).get("status").getAsString()).isEqualTo("ok");
        assertThat(S.answer(unknown).get("msg_type").getAsString()).isEqualTo("no_such_reply");
        assertThat(S.reply(unknown).get("status").getAsString()).isEqualTo("error");
        assertThat(S.reply(unknown).get("evalue").getAsString()).contains("no_such_request");
        // a comm for a target nobody registered is closed again, as ipykernel does
        JsonArray iopub = S.answer(commOpen).getAsJsonArray("iopub");
        assertThat(iopub.toString()).contains("\"type\":\"comm_close\"").contains("\"comm_id\":\"c1\"");
    }

    @Test
    void busyFirstIdleLastAndExecuteInputWithTheCount() {
        List<String> order = S.order(printing);
        assertThat(order.get(0)).isEqualTo("status:busy");
        assertThat(order.get(1)).isEqualTo("execute_input");
        assertThat(order.get(order.size() - 1)).isEqualTo("status:idle");
        assertThat(order).containsSubsequence("stream", "display_data", "execute_result");
        assertThat(S.answer(printing).has("after_idle")).isFalse();
        assertThat(S.stream(printing, "stdout")).isEqualTo("out\n");
        assertThat(S.stream(printing, "stderr")).isEqualTo("err\n");
        assertThat(S.result(first)).isEqualTo("42");
        assertThat(S.reply(first).get("execution_count").getAsInt()).isEqualTo(1);
        assertThat(S.outputs(first, "execute_result").get(0).get("execution_count").getAsInt()).isEqualTo(1);
    }

    /** ipykernel: silent prints and raises as usual but publishes no input and no result, and does not count. */
    @Test
    void silentPublishesNoInputNoResultAndDoesNotCount() {
        assertThat(S.order(silent)).doesNotContain("execute_input", "execute_result");
        assertThat(S.stream(silent, "stdout")).isEqualTo("silently\n");
        assertThat(S.reply(silent).get("execution_count").getAsInt()).isEqualTo(1);
        assertThat(S.reply(afterSilent).get("execution_count").getAsInt()).isEqualTo(2);
        assertThat(S.result(afterSilent)).isEqualTo("8");
    }

    /** ipykernel: store_history=false shows the cell under the next number but does not take it. */
    @Test
    void storeHistoryFalseDoesNotCountNorStore() {
        assertThat(S.reply(notStored).get("execution_count").getAsInt()).isEqualTo(2);
        assertThat(S.result(notStored)).isEqualTo("9");
        assertThat(S.reply(afterNotStored).get("execution_count").getAsInt()).isEqualTo(3);
        assertThat(historyInputs(historySearch)).contains("n + 2", "n + 4").doesNotContain("n + 1", "n + 3");
    }

    @Test
    void userExpressionsAreEvaluatedAfterASuccessfulCellAndLeaveNoTrace() {
        JsonObject ue = S.reply(userExpressions).getAsJsonObject("user_expressions");
        assertThat(ue.getAsJsonObject("double").get("status").getAsString()).isEqualTo("ok");
        assertThat(ue.getAsJsonObject("double").getAsJsonObject("data").get("text/plain").getAsString()).isEqualTo("20");
        assertThat(ue.getAsJsonObject("fails").get("status").getAsString()).isEqualTo("error");
        assertThat(ue.getAsJsonObject("fails").get("ename").getAsString()).isEqualTo("java.lang.ArithmeticException");
        assertThat(ue.getAsJsonObject("declares").get("status").getAsString()).isEqualTo("ok");
        assertThat(S.error(leakGone).get("ename").getAsString()).isEqualTo("CompilationException");
        // after an error they are not evaluated
        assertThat(S.reply(userExpressionsAfterError).getAsJsonObject("user_expressions").size()).isZero();
    }

    @Test
    void historyTailRangeSearch() {
        JsonArray tail = S.reply(historyTail).getAsJsonArray("history");
        assertThat(tail).hasSize(3);
        JsonArray last = tail.get(2).getAsJsonArray();
        assertThat(last.get(0).getAsInt()).isEqualTo(History.SESSION);
        assertThat(last.get(2).getAsJsonArray().get(0).getAsString()).startsWith("throw new IllegalStateException");
        JsonArray printed = tail.get(0).getAsJsonArray();
        assertThat(printed.get(2).getAsJsonArray().get(1).getAsString()).isEqualTo("6"); // the cell's result text

        JsonArray range = S.reply(historyRange).getAsJsonArray("history");
        assertThat(range).hasSize(2);
        assertThat(range.get(0).getAsJsonArray().get(1).getAsInt()).isEqualTo(1);
        assertThat(range.get(0).getAsJsonArray().get(2).getAsString()).isEqualTo("int n = 6;\nn * 7");

        assertThat(historyInputs(historySearchUnique)).hasSize(2);
    }

    private static List<String> historyInputs(int step) {
        List<String> inputs = new ArrayList<>();
        for (JsonElement e : S.reply(step).getAsJsonArray("history")) {
            inputs.add(e.getAsJsonArray().get(2).getAsString());
        }
        return inputs;
    }

    @Test
    void isCompleteTellsCompleteIncompleteAndInvalid() {
        assertThat(S.reply(completeCode).get("status").getAsString()).isEqualTo("complete");
        assertThat(S.reply(incompleteCode).get("status").getAsString()).isEqualTo("incomplete");
        assertThat(S.reply(incompleteCode).get("indent").getAsString()).isEqualTo("    ");
        assertThat(S.reply(invalidCode).get("status").getAsString()).isEqualTo("invalid");
        // a type error is complete code (it runs, and fails): only syntax makes code invalid, as in ipykernel
        assertThat(S.reply(typeErrorIsComplete).get("status").getAsString()).isEqualTo("complete");
    }

    @Test
    void inspectShowsSignatureAndJavadoc() {
        JsonObject jdk = S.reply(inspectJdk);
        assertThat(jdk.get("status").getAsString()).isEqualTo("ok");
        assertThat(jdk.get("found").getAsBoolean()).isTrue();
        String max = jdk.getAsJsonObject("data").get("text/plain").getAsString();
        assertThat(max).contains("int Math.max(int", "double Math.max(double");
        if (jdkHasSources()) {
            assertThat(max).contains("Returns the greater of two");
        }
        String wrap = S.reply(inspectLibrary).getAsJsonObject("data").get("text/plain").getAsString();
        assertThat(wrap).contains("convkit.Tensor convkit.Tensor.wrap(double[] data, int... shape)")
                .contains("Wraps data without copying");
        assertThat(S.reply(inspectNothing).get("found").getAsBoolean()).isFalse();
        assertThat(S.reply(inspectNothing).get("status").getAsString()).isEqualTo("ok");
    }

    /** Javadoc of the JDK is only there when the JDK has its sources (Debian: package openjdk-17-source). */
    static boolean jdkHasSources() {
        Path home = Path.of(JupyterSupport.kernelJava()).getParent().getParent();
        return java.nio.file.Files.isReadable(home.resolve("lib/src.zip"))
                || java.nio.file.Files.isReadable(home.getParent().resolve("src.zip"));
    }

    @Test
    void questionMarkShowsTheDocumentationInThePager() {
        JsonArray payload = S.reply(pager).getAsJsonArray("payload");
        assertThat(payload).hasSize(1);
        JsonObject page = payload.get(0).getAsJsonObject();
        assertThat(page.get("source").getAsString()).isEqualTo("page");
        assertThat(page.getAsJsonObject("data").get("text/plain").getAsString()).contains("int Math.max(int");
        assertThat(S.outputs(pager, "execute_result")).isEmpty();
    }

    /** ipykernel: after an error, the execute requests already queued are aborted. */
    @Test
    void queuedCellsAfterAnErrorAreAborted() {
        assertThat(S.queued(stopOnError, 0).get("status").getAsString()).isEqualTo("error");
        for (int k = 1; k <= 2; k++) {
            JsonObject a = S.queued(stopOnError, k);
            assertThat(a.get("status").getAsString()).isEqualTo("aborted");
            assertThat(Steps.outputs(a, "stream")).isEmpty();
            assertThat(a.getAsJsonArray("order").toString()).isEqualTo("[\"status:busy\",\"status:idle\"]");
        }
        JsonArray second = S.answer(noStopOnError).getAsJsonArray("answers");
        assertThat(second.get(0).getAsJsonObject().get("status").getAsString()).isEqualTo("error");
        assertThat(second.get(1).getAsJsonObject().get("status").getAsString()).isEqualTo("ok");
        assertThat(Steps.stream(second.get(1).getAsJsonObject(), "stdout")).isEqualTo("runs\n");
    }

    @Test
    void systemInReadsWhatTheUserTypes() {
        assertThat(S.result(stdin)).isEqualTo("HELLO");
    }

    @Test
    void clearOutputIsPublishedInOrder() {
        List<String> order = S.order(clear);
        assertThat(order).containsSubsequence("stream", "clear_output", "stream");
        assertThat(S.stream(clear, "stdout")).isEqualTo("gone\nkept\n");
    }
}
