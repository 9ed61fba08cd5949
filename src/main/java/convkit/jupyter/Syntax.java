package convkit.jupyter;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import com.sun.source.util.JavacTask;

/**
 * Whether a JShell snippet is syntactically valid Java, for {@code is_complete} ({@code invalid} means "a syntax
 * error no further line can fix", as in ipykernel; type errors are complete code that fails when run). javac only
 * parses, trying the snippet as a class member, as statements, as an expression and as imports; no types are
 * resolved, so a call to a method declared earlier in the same cell is fine.
 */
final class Syntax {

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static final StandardJavaFileManager FILES =
            JAVAC == null ? null : JAVAC.getStandardFileManager(null, null, StandardCharsets.UTF_8);

    private Syntax() {
    }

    /** True if {@code snippet} (one JShell snippet, as {@code analyzeCompletion} cuts a cell) parses. */
    static synchronized boolean parses(String snippet) {
        if (JAVAC == null) {
            return true; // no compiler to ask (a JRE): do not call code invalid
        }
        String s = snippet.strip();
        String expression = s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
        return parsesAs("class $Cell {\n" + s + "\n}")
                || parsesAs("class $Cell { void $run() throws Throwable {\n" + s + "\n;} }")
                || parsesAs("class $Cell { Object $value = (\n" + expression + "\n); }")
                || parsesAs(s + "\nclass $Cell { }");
    }

    private static boolean parsesAs(String source) {
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Cell.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavacTask task = (JavacTask) JAVAC.getTask(null, FILES, diagnostics, List.of("-proc:none"), null, List.of(file));
        try {
            task.parse();
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
        return diagnostics.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }
}
