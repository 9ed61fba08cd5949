package convkit.kernel;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;

/**
 * convkit's Jupyter kernel for Java: cells are evaluated by JShell inside this JVM (see
 * {@link CellExecutionControl}); everything else (ZeroMQ channels, message types, display data) comes from
 * jjava-jupyter.
 *
 * <ul>
 *   <li>the value of the cell's last expression is the execute_result ({@link Rendering});</li>
 *   <li>System.out / System.err are streamed; {@code display(x)} publishes display_data;</li>
 *   <li>javac errors become a {@code CompilationException} error with javac's message and the offending line,
 *       exceptions an error named after the real exception class with its message and stack;</li>
 *   <li>state survives errors; interrupt stops the running cell;</li>
 *   <li>IJava's {@code %jars} and {@code %classpath} line magics.</li>
 * </ul>
 */
public final class ConvkitKernel extends BaseKernel {

    /** The imports JJava makes at start, plus the static {@code display}; kept equal so notebooks stay portable. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "import java.util.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.time.*;",
            "import java.util.concurrent.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import static convkit.kernel.Display.display;");

    private static final Pattern MAGIC_PREFIX = Pattern.compile("^(\\s*)%([\\w-]*)$");
    private static final Pattern MAGIC_LINE = Pattern.compile("(?m)^\\s*%.*$");

    private static volatile ConvkitKernel current;

    private final JShell shell;
    private final CellExecutionControl control;
    private final SourceCodeAnalysis analysis;
    private final KernelIO kernelIO;
    private final CompletableFuture<Void> warmedUp = new CompletableFuture<>();

    private ConvkitKernel(KernelIO io, CellExecutionControl control, JShell shell) {
        super("convkit", version(),
                new LanguageInfo.Builder("Java")
                        .version(Runtime.version().toString())
                        .mimetype("text/x-java-source")
                        .fileExtension(".jshell")
                        .pygments("java")
                        .codemirror("java")
                        .build(),
                List.of(new HelpLink("Java tutorials", "https://docs.oracle.com/javase/tutorial/")),
                null, io, new CommManager(), new Renderer(), null, new MagicsRegistry(), false,
                new StringStyler.Builder().build());
        this.kernelIO = io;
        this.control = control;
        this.shell = shell;
        this.analysis = shell.sourceCodeAnalysis();
        magicsRegistry.registerLineMagic("jars", (LineMagic<String, ConvkitKernel>) (k, args) -> k.addJars(args));
        magicsRegistry.registerLineMagic("classpath",
                (LineMagic<String, ConvkitKernel>) (k, args) -> k.addClasspathEntries(args));
    }

    /**
     * A kernel whose JShell compiles against {@code classpath} (the kernel's own classpath: convkit and its
     * dependencies) and has run the start-up imports.
     */
    public static ConvkitKernel create(String classpath) {
        CellExecutionControl control = new CellExecutionControl();
        JShell shell = JShell.builder()
                .executionEngine(new CellExecutionControlProvider(control), Map.of())
                .build();
        ConvkitKernel kernel = new ConvkitKernel(new KernelIO(), control, shell);
        kernel.addToClasspath(classpath);
        Thread t = new Thread(kernel::warmUp, "convkit-warm-up");
        t.setDaemon(true);
        t.start();
        return kernel;
    }

    /**
     * Runs the start-up imports and a first expression (javac's first compile takes seconds) while Jupyter is
     * already being answered; every request that needs JShell waits for it in {@link #awaitWarmUp()}.
     */
    private void warmUp() {
        try {
            for (String imp : STARTUP_IMPORTS) {
                evalJava(imp);
            }
            evalJava("0");
            control.clearResults();
            warmedUp.complete(null);
        } catch (RuntimeException | Error e) {
            warmedUp.completeExceptionally(e);
        }
    }

    private void awaitWarmUp() {
        try {
            warmedUp.join();
        } catch (CompletionException e) {
            throw new CellError("KernelStartError", "the kernel's JShell failed to start: " + e.getCause(),
                    List.of(String.valueOf(e.getCause())));
        }
    }

    static ConvkitKernel current() {
        return current;
    }

    private static String version() {
        String v = ConvkitKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void onStartup() {
        super.onStartup();
        current = this;
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        if (!isRestarting) Main.closing = true;
        super.onShutdown(isRestarting);
        current = null;
        shell.close();
    }

    // ------------------------------------------------------------------ classpath and magics

    /** Adds {@code classpath} (entries separated by the path separator, globs allowed) to the cells' classpath. */
    public synchronized void addToClasspath(String classpath) {
        if (classpath == null || classpath.isBlank()) {
            return;
        }
        String resolved = PathsHandler.joinPaths(PathsHandler.splitAndResolveGlobs(classpath));
        if (!resolved.isEmpty()) {
            shell.addToClasspath(resolved);
        }
    }

    /** IJava's {@code %jars a.jar lib/*.jar ...}: adds the jar files the arguments (globs allowed) name. */
    String addJars(List<String> args) {
        List<String> added = new ArrayList<>();
        for (String arg : args) {
            List<Path> found = PathsHandler.resolveGlobs(arg).stream()
                    .filter(Files::isRegularFile).collect(Collectors.toList());
            if (found.isEmpty()) {
                System.err.println("%jars: no file matches " + arg);
            }
            found.forEach(p -> added.add(p.toAbsolutePath().toString()));
        }
        String cp = String.join(File.pathSeparator, added);
        addToClasspath(cp);
        return cp;
    }

    /** IJava's {@code %classpath path[:path...] ...}: adds directories and jars (globs allowed). */
    String addClasspathEntries(List<String> args) {
        List<String> added = new ArrayList<>();
        for (String arg : args) {
            List<Path> found = PathsHandler.splitAndResolveGlobs(arg).stream()
                    .filter(Files::exists).collect(Collectors.toList());
            if (found.isEmpty()) {
                System.err.println("%classpath: nothing matches " + arg);
            }
            found.forEach(p -> added.add(p.toAbsolutePath().toString()));
        }
        String cp = String.join(File.pathSeparator, added);
        addToClasspath(cp);
        return cp;
    }

    // ------------------------------------------------------------------ evaluation

    /** The outcome of evaluating code: whether it ended in an expression with a non-null value, and the value. */
    record Value(boolean present, Object value) {
        static final Value NONE = new Value(false, null);
    }

    @Override
    public Object evalRaw(String source) {
        try {
            Value v = evalCell(source);
            return v.present() ? v.value() : null;
        } finally {
            control.clearResults();
        }
    }

    @Override
    public DisplayData eval(String source) {
        Object v = evalRaw(source);
        return v == null ? null : Rendering.render(v);
    }

    /** Evaluates a whole cell (Java code and line magics, in order). */
    Value evalCell(String cell) {
        awaitWarmUp();
        Value last = Value.NONE;
        for (CellParts.Part part : CellParts.split(cell)) {
            if (part.isMagic()) {
                runMagic(part);
                last = Value.NONE;
            } else {
                last = evalJava(part.code());
            }
        }
        return last;
    }

    private void runMagic(CellParts.Part part) {
        if (!magicsRegistry.getLineMagicNames().contains(part.magic())) {
            throw new CellError("UndefinedMagicException", "Undefined line magic '%" + part.magic()
                    + "' (this kernel knows %jars and %classpath)", List.of(part.code().trim()));
        }
        try {
            magicsRegistry.evalLineMagic(this, part.magic(), part.args());
        } catch (CellError e) {
            throw e;
        } catch (Exception e) {
            throw new CellError(e.getClass().getName(), String.valueOf(e.getMessage()),
                    List.of(part.code().trim(), e.toString()));
        }
    }

    /** Evaluates Java source holding any number of snippets; the value is the last snippet's. */
    Value evalJava(String code) {
        Value last = Value.NONE;
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            SourceCodeAnalysis.Completeness c = info.completeness();
            if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                return last;
            }
            if (!c.isComplete()) {
                // incomplete or unparsable: let javac say what is wrong
                evalSnippet(remaining.trim());
                throw new CellError("CompilationException", "incomplete input",
                        List.of(remaining.trim(), "error: incomplete input (a missing ';', ')' or '}'?)"));
            }
            last = evalSnippet(info.source());
            remaining = info.remaining();
        }
    }

    private Value evalSnippet(String source) {
        control.takeStopped();
        List<SnippetEvent> events = shell.eval(source);
        if (control.takeStopped()) {
            throw new CellError("InterruptedException", "the cell was interrupted",
                    List.of("java.lang.InterruptedException: the cell was interrupted"));
        }
        Value value = Value.NONE;
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) {
                continue; // a dependent snippet updated by this one
            }
            Snippet s = ev.snippet();
            if (ev.status() == Snippet.Status.REJECTED) {
                throw compileError(s);
            }
            JShellException ex = ev.exception();
            if (ex != null) {
                throw runtimeError(ex);
            }
            if (ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED && s instanceof DeclarationSnippet) {
                throw unresolvedError((DeclarationSnippet) s);
            }
            if (ev.status() == Snippet.Status.RECOVERABLE_DEFINED && s instanceof DeclarationSnippet) {
                List<String> deps = shell.unresolvedDependencies((DeclarationSnippet) s).collect(Collectors.toList());
                if (!deps.isEmpty()) {
                    System.err.println("warning: " + ((DeclarationSnippet) s).name()
                            + " cannot be used until these are declared: " + String.join(", ", deps));
                }
            }
            String raw = ev.value();
            Object v = CellExecutionControl.isKey(raw) ? control.take(raw) : raw;
            switch (s.subKind()) {
                case VAR_VALUE_SUBKIND:
                case TEMP_VAR_EXPRESSION_SUBKIND:
                case OTHER_EXPRESSION_SUBKIND:
                    // null (also a void call) shows nothing, nor does the PrintStream that printf returns
                    value = v == null || v instanceof PrintStream ? Value.NONE : new Value(true, v);
                    break;
                default:
                    value = Value.NONE;
            }
        }
        return value;
    }

    private CellError compileError(Snippet s) {
        List<String> lines = new ArrayList<>();
        String first = null;
        String src = s.source();
        for (Diag d : shell.diagnostics(s).collect(Collectors.toList())) {
            if (!d.isError()) {
                continue;
            }
            String msg = d.getMessage(null).lines()
                    .filter(l -> !l.trim().startsWith("location:"))
                    .collect(Collectors.joining("\n"));
            if (first == null) {
                first = msg.lines().findFirst().orElse(msg);
            }
            lines.addAll(sourceWithCaret(src, (int) d.getStartPosition(), (int) d.getEndPosition()));
            msg.lines().forEach(l -> lines.add("error: " + l.trim()));
            lines.add("");
        }
        if (first == null) {
            first = "the snippet does not compile";
            lines.addAll(src.lines().collect(Collectors.toList()));
        }
        return new CellError("CompilationException", first, lines);
    }

    private static List<String> sourceWithCaret(String src, int start, int end) {
        if (start < 0 || start > src.length()) {
            return src.lines().collect(Collectors.toList());
        }
        int lineStart = src.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            lineStart = 0;
        }
        int lineEnd = src.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = src.length();
        }
        String line = src.substring(lineStart, lineEnd);
        int from = start - lineStart;
        int to = Math.max(from + 1, Math.min(end, lineEnd) - lineStart);
        return List.of(line, " ".repeat(from) + "^".repeat(to - from));
    }

    private CellError unresolvedError(DeclarationSnippet s) {
        List<String> deps = shell.unresolvedDependencies(s).collect(Collectors.toList());
        String msg = s.name() + " cannot be used until these are declared: " + String.join(", ", deps);
        List<String> lines = new ArrayList<>(s.source().lines().collect(Collectors.toList()));
        lines.add("error: " + msg);
        return new CellError("UnresolvedReferenceException", msg, lines);
    }

    private CellError runtimeError(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException) {
            return unresolvedError(((UnresolvedReferenceException) ex).getSnippet());
        }
        if (ex instanceof EvalException) {
            EvalException ee = (EvalException) ex;
            List<String> lines = new ArrayList<>();
            appendTrace(lines, ee, "");
            return new CellError(ee.getExceptionClassName(), ee.getMessage(), lines);
        }
        return new CellError(ex.getClass().getName(), ex.getMessage(), List.of(ex.toString()));
    }

    /** Java's printStackTrace layout with the real class names, cut below the cell's own frames. */
    private static void appendTrace(List<String> lines, Throwable t, String prefix) {
        String name = t instanceof EvalException ? ((EvalException) t).getExceptionClassName() : t.getClass().getName();
        lines.add(prefix + name + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        StackTraceElement[] st = t.getStackTrace();
        int lastCellFrame = -1;
        for (int i = 0; i < st.length; i++) {
            if (st[i].getClassName().isEmpty() || st[i].getClassName().startsWith("REPL.")) {
                lastCellFrame = i;
            }
        }
        int end = lastCellFrame >= 0 ? lastCellFrame + 1 : st.length;
        for (int i = 0; i < end; i++) {
            StackTraceElement e = st[i];
            boolean cellFrame = e.getClassName().isEmpty() || e.getClassName().startsWith("REPL.");
            lines.add("\tat " + (cellFrame ? "<cell>(" + e.getFileName() + ":" + e.getLineNumber() + ")" : e.toString()));
        }
        if (t.getCause() != null && t.getCause() != t) {
            appendTrace(lines, t.getCause(), "Caused by: ");
        }
    }

    // ------------------------------------------------------------------ Jupyter requests

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        int count = executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        env.publish(new PublishExecuteInput(request.getCode(), count));
        kernelIO.attach(env, request.isStdinEnabled());
        env.defer(() -> kernelIO.detach(env));
        try {
            Value v = evalCell(request.getCode());
            kernelIO.flush();
            if (v.present()) {
                env.publish(new PublishExecuteResult(count, Rendering.render(v.value())));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (CellError e) {
            kernelIO.flush();
            publishError(env, count, e.ename(), e.evalue(), e.traceback());
        } catch (RuntimeException | Error e) {
            kernelIO.flush();
            publishError(env, count, e.getClass().getName(), String.valueOf(e.getMessage()), List.of(e.toString()));
        } finally {
            control.clearResults();
        }
    }

    private void publishError(ShellReplyEnvironment env, int count, String ename, String evalue, List<String> tb) {
        ErrorReply reply = new ErrorReply(ename, evalue, tb);
        reply.setExecutionCount(count);
        env.publish(new PublishError(ename, evalue, tb));
        env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
    }

    /** Publishes {@code value} as display_data in the running cell (what {@link Display#display} calls). */
    void displayObject(Object value) {
        DisplayData data = Rendering.render(value);
        kernelIO.flush();
        display(data);
    }

    @Override
    public void interrupt() {
        shell.stop();
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        awaitWarmUp();
        // JShell documents the call whose '(' is just before the cursor: move to the end of the identifier
        // under the cursor and past an opening parenthesis that follows it.
        int pos = Math.max(0, Math.min(at, code.length()));
        while (pos < code.length() && Character.isJavaIdentifierPart(code.charAt(pos))) {
            pos++;
        }
        int paren = pos;
        while (paren < code.length() && Character.isWhitespace(code.charAt(paren))) {
            paren++;
        }
        if (paren < code.length() && code.charAt(paren) == '(') {
            pos = paren + 1;
        }
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(blankMagics(code), pos, true);
        if (docs == null || docs.isEmpty()) {
            return null;
        }
        return new DisplayData(docs.stream()
                .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n" + d.javadoc()))
                .collect(Collectors.joining("\n\n")));
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        awaitWarmUp();
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        if (at == 0) {
            lineStart = 0;
        }
        Matcher m = MAGIC_PREFIX.matcher(code.substring(lineStart, at));
        if (m.matches()) {
            String prefix = m.group(2);
            List<String> names = magicsRegistry.getLineMagicNames().stream()
                    .filter(n -> n.startsWith(prefix)).sorted().map(n -> "%" + n).collect(Collectors.toList());
            return new ReplacementOptions(names, lineStart + m.group(1).length(), at);
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(blankMagics(code), at, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new ReplacementOptions(options, anchor[0], at);
    }

    /** The cell with each magic line replaced by blanks (same length, so cursor offsets stay valid). */
    private static String blankMagics(String code) {
        Matcher m = MAGIC_LINE.matcher(code);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, " ".repeat(m.group().length()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Override
    public String isComplete(String code) {
        awaitWarmUp();
        SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(blankMagics(code));
        while (info.completeness().isComplete()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        switch (info.completeness()) {
            case EMPTY:
            case COMPLETE:
            case COMPLETE_WITH_SEMI:
                return IS_COMPLETE_YES;
            case UNKNOWN:
                return IS_COMPLETE_BAD;
            case DEFINITELY_INCOMPLETE:
            case CONSIDERED_INCOMPLETE:
                return "    ";
            default:
                return IS_COMPLETE_MAYBE;
        }
    }
}
