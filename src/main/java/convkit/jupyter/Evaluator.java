package convkit.jupyter;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

/**
 * The Java side of the kernel: cells evaluated by JShell in this JVM ({@link CellExecutionControl}), IJava's
 * {@code %jars}/{@code %classpath} line magics, and the answers to completion, inspection and is-complete requests.
 * Everything here runs on the kernel's shell thread (JShell is not thread-safe), except {@link #start}, which builds
 * JShell on a thread of its own while the kernel already answers Jupyter; every method waits for it.
 *
 * <ul>
 *   <li>the value of the cell's last expression is the result ({@link Value});</li>
 *   <li>javac errors become a {@code CompilationException} error with javac's message and the offending line,
 *       exceptions an error named after the real exception class with its message and stack;</li>
 *   <li>an interrupt, or {@code System.exit} in the cell, end it with an error; state survives errors.</li>
 * </ul>
 */
final class Evaluator {

    /** The imports JJava makes at start, plus the static {@code display} and {@code clearOutput}. */
    static final List<String> STARTUP_IMPORTS = List.of(
            "import java.util.*;",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.time.*;",
            "import java.util.concurrent.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import static convkit.jupyter.Display.display;",
            "import static convkit.jupyter.Display.clearOutput;");

    private static final Pattern MAGIC_PREFIX = Pattern.compile("^(\\s*)%([\\w-]*)$");
    private static final Pattern MAGIC_LINE = Pattern.compile("(?m)^\\s*%.*$");
    /** {@code Math.max?} or {@code ?Math.max}: show the documentation (IPython's pager syntax). */
    private static final Pattern PAGER = Pattern.compile("^\\s*(?:\\?\\s*([\\w.$]+)|([\\w.$]+)\\s*\\?)\\s*$");

    /** The outcome of evaluating code: whether it ended in an expression with a non-null value, and the value. */
    record Value(boolean present, Object value) {
        static final Value NONE = new Value(false, null);
    }

    /** Completions: replace {@code [start, end)} of the cell by one of {@code matches}. */
    record Completion(List<String> matches, int start, int end) {
    }

    private final CellExecutionControl control = new CellExecutionControl();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, Function<List<String>, String>> magics =
            Map.of("jars", this::addJars, "classpath", this::addClasspathEntries);
    private JShell shell;
    private SourceCodeAnalysis analysis;

    /**
     * Builds JShell compiling against {@code classpath}, runs the start-up imports and a first expression (javac's
     * first compile takes seconds); called once, on a thread of its own.
     */
    void start(String classpath, CellContext kernelCell) {
        try {
            JavadocText.addLibrarySources(JavadocText.librarySources());
            shell = JShell.builder()
                    .executionEngine(new CellExecutionControlProvider(control), Map.of())
                    .build();
            analysis = shell.sourceCodeAnalysis();
            addToClasspath(classpath);
            control.runningCell(kernelCell);
            for (String imp : STARTUP_IMPORTS) {
                evalJava(kernelCell, imp, null);
            }
            evalJava(kernelCell, "0", null);
            analysis.analyzeCompletion("int x = 1;");
            control.clearResults();
            ExitAgent.awaitPatched();
            ready.complete(null);
        } catch (RuntimeException | Error e) {
            ready.completeExceptionally(e);
        }
    }

    private void awaitStart() {
        try {
            ready.join();
        } catch (CompletionException e) {
            throw new CellError("KernelStartError", "the kernel's JShell failed to start: " + e.getCause(),
                    List.of(String.valueOf(e.getCause())));
        }
    }

    void close() {
        if (shell != null) {
            shell.close();
        }
    }

    // ------------------------------------------------------------------ classpath and magics

    /** Adds {@code classpath} (entries separated by the path separator, globs allowed) to the cells' classpath. */
    private void addToClasspath(String classpath) {
        if (classpath == null || classpath.isBlank()) {
            return;
        }
        String resolved = PathsHandler.joinPaths(PathsHandler.splitAndResolveGlobs(classpath));
        if (!resolved.isEmpty()) {
            shell.addToClasspath(resolved);
        }
    }

    /** IJava's {@code %jars a.jar lib/*.jar ...}: adds the jar files the arguments (globs allowed) name. */
    private String addJars(List<String> args) {
        return addPaths(args, "%jars: no file matches ",
                arg -> PathsHandler.resolveGlobs(arg).stream().filter(Files::isRegularFile));
    }

    /** IJava's {@code %classpath path[:path...] ...}: adds directories and jars (globs allowed). */
    private String addClasspathEntries(List<String> args) {
        return addPaths(args, "%classpath: nothing matches ",
                arg -> PathsHandler.splitAndResolveGlobs(arg).stream().filter(Files::exists));
    }

    /** Adds what each argument {@code finds} to the classpath; says so on stderr when an argument finds nothing. */
    private String addPaths(List<String> args, String nothingFound, Function<String, Stream<Path>> finds) {
        List<String> added = new ArrayList<>();
        for (String arg : args) {
            List<Path> found = finds.apply(arg).collect(Collectors.toList());
            if (found.isEmpty()) {
                System.err.println(nothingFound + arg);
            }
            found.forEach(p -> added.add(p.toAbsolutePath().toString()));
        }
        String cp = String.join(File.pathSeparator, added);
        addToClasspath(cp);
        return cp;
    }

    // ------------------------------------------------------------------ evaluation

    /** Evaluates a whole cell (Java code and line magics, in order) as {@code cell}. */
    Value evalCell(CellContext cell, String code) {
        awaitStart();
        control.runningCell(cell);
        Value last = Value.NONE;
        for (CellParts.Part part : CellParts.split(code)) {
            if (part.isMagic()) {
                runMagic(part);
                last = Value.NONE;
            } else {
                last = evalJava(cell, part.code(), null);
            }
        }
        return last;
    }

    /**
     * Evaluates one of an execute request's {@code user_expressions} without leaving a trace: the snippets it creates
     * are dropped afterwards (ipykernel's user expressions do not change the namespace either).
     */
    Value evalExpression(CellContext cell, String code) {
        awaitStart();
        control.runningCell(cell);
        List<Snippet> created = new ArrayList<>();
        try {
            return evalJava(cell, code, created);
        } finally {
            for (Snippet s : created) {
                shell.drop(s);
                if (s instanceof VarSnippet) {
                    control.dropped(((VarSnippet) s).name());
                }
            }
        }
    }

    /** The object a value key from JShell stands for, or the text itself. */
    private Object redeem(String raw) {
        return CellExecutionControl.isKey(raw) ? control.take(raw) : raw;
    }

    /** After each cell: forget values handed out, drop expression results beyond the last few ($N). */
    void afterCell() {
        control.clearResults();
        List<String> released = control.releaseOldResults();
        if (!released.isEmpty()) {
            List<VarSnippet> vars = shell.variables().collect(Collectors.toList());
            for (VarSnippet v : vars) {
                if (released.contains(v.name())) {
                    shell.drop(v);
                }
            }
        }
    }

    private void runMagic(CellParts.Part part) {
        Function<List<String>, String> magic = magics.get(part.magic());
        if (magic == null) {
            throw new CellError("UndefinedMagicException", "Undefined line magic '%" + part.magic()
                    + "' (this kernel knows %jars and %classpath)", List.of(part.code().trim()));
        }
        try {
            magic.apply(part.args());
        } catch (CellError e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CellError(e.getClass().getName(), String.valueOf(e.getMessage()),
                    List.of(part.code().trim(), e.toString()));
        }
    }

    /** Evaluates Java source holding any number of snippets; the value is the last snippet's. */
    private Value evalJava(CellContext cell, String code, List<Snippet> created) {
        Value last = Value.NONE;
        String remaining = code;
        while (true) {
            if (cell.stopRequested()) {
                throw stopped(cell);
            }
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            SourceCodeAnalysis.Completeness c = info.completeness();
            if (c == SourceCodeAnalysis.Completeness.EMPTY) {
                return last;
            }
            if (!c.isComplete()) {
                // incomplete or unparsable: let javac say what is wrong
                evalSnippet(cell, remaining.trim(), created);
                throw new CellError("CompilationException", "incomplete input",
                        List.of(remaining.trim(), "error: incomplete input (a missing ';', ')' or '}'?)"));
            }
            last = evalSnippet(cell, info.source(), created);
            remaining = info.remaining();
        }
    }

    /** The error of a cell that was stopped: System.exit's, or the interrupt's. */
    private static CellError stopped(CellContext cell) {
        return cell.stoppedError("");
    }

    private Value evalSnippet(CellContext cell, String source, List<Snippet> created) {
        List<SnippetEvent> events = shell.eval(source);
        if (created != null) {
            for (SnippetEvent ev : events) {
                if (ev.causeSnippet() == null && ev.previousStatus() == Snippet.Status.NONEXISTENT) {
                    created.add(ev.snippet());
                }
            }
        }
        for (SnippetEvent ev : events) {
            if (ev.exception() instanceof EvalException
                    && ExitBlocked.class.getName().equals(((EvalException) ev.exception()).getExceptionClassName())) {
                throw CellError.of(ev.exception());
            }
        }
        if (cell.stopRequested()) {
            throw stopped(cell);
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
            Object v = redeem(ev.value());
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
            return CellError.of(ex);
        }
        return new CellError(ex.getClass().getName(), ex.getMessage(), List.of(ex.toString()));
    }

    // ------------------------------------------------------------------ completion, inspection, is_complete

    /** {@code x?} / {@code ?x}: the name whose documentation the cell asks for, if it is such a cell. */
    static Optional<String> pagerTarget(String code) {
        Matcher m = PAGER.matcher(code);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }

    /** The documentation of {@code name} (a class, method or variable), as the pager shows it; null if none. */
    String documentation(String name) {
        return inspect(name, name.length(), true);
    }

    /** Signature and Javadoc of what is under the cursor ({@code at}), or null. */
    String inspect(String code, int at, boolean detail) {
        awaitStart();
        String cell = blankMagics(code);
        // JShell documents the call whose '(' is just before the cursor: move to the end of the identifier
        // under the cursor and past an opening parenthesis that follows it.
        int pos = Math.max(0, Math.min(at, cell.length()));
        while (pos < cell.length() && Character.isJavaIdentifierPart(cell.charAt(pos))) {
            pos++;
        }
        int paren = pos;
        while (paren < cell.length() && Character.isWhitespace(cell.charAt(paren))) {
            paren++;
        }
        List<SourceCodeAnalysis.Documentation> docs;
        if (paren < cell.length() && cell.charAt(paren) == '(') {
            docs = analysis.documentation(cell, paren + 1, true);
        } else {
            docs = analysis.documentation(cell, pos, true);
            if (docs.isEmpty()) {
                // a method name without its call: document it as if '(' followed (Math.max -> Math.max()
                docs = analysis.documentation(cell.substring(0, pos) + "(" + cell.substring(pos), pos + 1, true);
            }
        }
        if (docs.isEmpty()) {
            return variableDescription(cell, pos);
        }
        return docs.stream()
                .map(d -> d.signature() + (d.javadoc() == null ? "" : "\n\n" + JavadocText.format(d.javadoc())))
                .collect(Collectors.joining("\n\n"));
    }

    /** For a variable of the session under the cursor: its type and name. */
    private String variableDescription(String cell, int end) {
        int start = end;
        while (start > 0 && Character.isJavaIdentifierPart(cell.charAt(start - 1))) {
            start--;
        }
        String name = cell.substring(start, end);
        if (name.isEmpty()) {
            return null;
        }
        return shell.variables().filter(v -> v.name().equals(name)).reduce((a, b) -> b)
                .map(v -> v.typeName() + " " + v.name() + " (a variable of this session)").orElse(null);
    }

    /** JShell's completions at {@code at}; magic names after a {@code %} at the start of a line. */
    Completion complete(String code, int at) {
        awaitStart();
        int cursor = Math.max(0, Math.min(at, code.length()));
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        if (cursor == 0) {
            lineStart = 0;
        }
        Matcher m = MAGIC_PREFIX.matcher(code.substring(lineStart, cursor));
        if (m.matches()) {
            String prefix = m.group(2);
            List<String> names = magics.keySet().stream()
                    .filter(n -> n.startsWith(prefix)).sorted().map(n -> "%" + n).collect(Collectors.toList());
            return new Completion(names, lineStart + m.group(1).length(), cursor);
        }
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(blankMagics(code), cursor, anchor);
        if (suggestions == null || suggestions.isEmpty()) {
            return new Completion(List.of(), cursor, cursor);
        }
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new Completion(options, anchor[0], cursor);
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

    /**
     * is_complete: {@code complete}, {@code incomplete} (with the indent of the next line in {@code [1]}) or
     * {@code invalid} (a syntax error that more lines cannot fix, found by javac's parser: {@link Syntax}).
     */
    String[] isComplete(String code) {
        awaitStart();
        if (pagerTarget(code).isPresent()) {
            return new String[] {"complete", null};
        }
        String remaining = blankMagics(code);
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY:
                    return new String[] {"complete", null};
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                    if (!Syntax.parses(info.source())) {
                        return new String[] {"invalid", null};
                    }
                    remaining = info.remaining();
                    break;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return new String[] {"incomplete", indent(code)};
                case UNKNOWN:
                default:
                    return new String[] {"invalid", null};
            }
        }
    }

    /** The indent for the line after {@code code}: the last line's, one level deeper after an opening brace. */
    private static String indent(String code) {
        String lastLine = code.substring(code.lastIndexOf('\n') + 1);
        String lead = lastLine.substring(0, lastLine.length() - lastLine.stripLeading().length());
        String t = lastLine.strip();
        return t.endsWith("{") || t.endsWith("(") ? lead + "    " : lead;
    }
}
