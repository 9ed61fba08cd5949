package convkit.grading;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles a submission's sources together with the instructor's tests (javax.tools, in process; no annotation processing). */
public final class SubmissionCompiler {
    private SubmissionCompiler() {
    }

    /** Errors per source file (first few per file, "line N: message"); empty when compilation succeeded. */
    public record Result(boolean ok, Map<Path, List<String>> errors, Map<String, Path> classSources) {
        public Result(boolean ok, Map<Path, List<String>> errors) {
            this(ok, errors, Map.of());
        }

        String firstError(Path file) {
            List<String> e = errors.get(file);
            return e == null || e.isEmpty() ? "" : e.get(0);
        }
    }

    public static Result compile(List<Path> sources, Path outDir, String classpath) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("no Java compiler in this runtime: run the grader on a JDK, not a JRE");
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        Map<String, Path> classSources = new java.util.concurrent.ConcurrentHashMap<>();
        try (StandardJavaFileManager std = javac.getStandardFileManager(diags, Locale.ROOT, java.nio.charset.StandardCharsets.UTF_8);
             javax.tools.JavaFileManager fm = new javax.tools.ForwardingJavaFileManager<>(std) {
                 @Override
                 public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                            javax.tools.FileObject sibling) throws IOException {
                     if (sibling != null && kind == JavaFileObject.Kind.CLASS) {
                         classSources.put(className, Path.of(sibling.toUri()).toAbsolutePath().normalize());
                     }
                     return super.getJavaFileForOutput(location, className, kind, sibling);
                 }
             }) {
            Iterable<? extends JavaFileObject> units = std.getJavaFileObjectsFromPaths(sources);
            List<String> options = List.of("-d", outDir.toString(), "-cp", classpath, "-proc:none", "-nowarn",
                    "-Xlint:none", "-g", "-encoding", "UTF-8", "-Xmaxerrs", "200",
                    // string concatenation as StringBuilder calls, not invokedynamic: each concatenation's first run in a
                    // fresh test JVM would otherwise spin method handles (a quarter of the test JVM's JIT work)
                    "-XDstringConcat=inline");
            StringWriter log = new StringWriter();
            com.sun.source.util.JavacTask task = (com.sun.source.util.JavacTask) javac.getTask(log, fm, diags, options, null, units);
            Path[] inProgress = new Path[1];   // the file javac is parsing, analysing or generating (null between files)
            task.addTaskListener(new com.sun.source.util.TaskListener() {
                @Override
                public void started(com.sun.source.util.TaskEvent e) {
                    if (e.getSourceFile() != null) inProgress[0] = Path.of(e.getSourceFile().toUri()).toAbsolutePath().normalize();
                }

                @Override
                public void finished(com.sun.source.util.TaskEvent e) {
                    if (e.getSourceFile() != null) inProgress[0] = null;
                }
            });
            boolean ok = task.call();
            Map<Path, List<String>> errors = new LinkedHashMap<>();
            for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) continue;
                Path p = d.getSource() == null ? Path.of("<unknown>") : Path.of(d.getSource().toUri()).toAbsolutePath().normalize();
                List<String> list = errors.computeIfAbsent(p, k -> new ArrayList<>());
                if (list.size() < 3) list.add("line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT).replace("\n", " "));
            }
            if (!ok && errors.isEmpty() && inProgress[0] != null) {
                // javac itself failed on this file (a StackOverflowError on an expression nested thousands deep, an
                // internal error) and said so only on its log: the file does not compile, the others still may
                String why = log.toString().lines().filter(l -> l.contains("Error") || l.contains("Exception")).findFirst()
                        .orElse("the compiler failed").strip();
                errors.put(inProgress[0], List.of("the compiler gave up on this file (" + why + ")"));
            }
            return new Result(ok && errors.isEmpty(), errors, Map.copyOf(classSources));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
