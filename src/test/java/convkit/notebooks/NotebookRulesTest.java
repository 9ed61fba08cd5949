package convkit.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The rules that make a notebook read the same on convkit's kernel, JJava and rapaio (both cannot be installed
 * here, so their behaviour is pinned as rules; docs/kernels.md lists what was compared on them):
 * <ol>
 *   <li>no cell's value is what {@code display(...)} returns: JJava and rapaio return a display id, and show it
 *       as the cell's {@code Out[]} when the cell ends with {@code display(x);} (convkit's display returns nothing);
 *       nor is it assigned;</li>
 *   <li>no cell ends with {@code System.out.printf/format/append(...)}: JJava and rapaio show the returned
 *       PrintStream as the cell's value;</li>
 *   <li>no magics ({@code %jars}, {@code %classpath}, ...): each kernel of the family has other ones, or other
 *       arguments (JJava deprecates {@code %jars}, rapaio's is {@code %jar}), and none is needed: the class path is
 *       the kernel's set-up;</li>
 *   <li>no cell's result is a Java array: convkit's kernel prints it like JShell ({@code int[2] { 1, 2 }}), JJava
 *       and rapaio as {@code [I@1b6d3586}.</li>
 * </ol>
 * A cell's last snippet is found as JShell splits it (JShell's own source analysis), comments aside.
 */
class NotebookRulesTest {

    private static JShell shell;

    @BeforeAll
    static void analysis() {
        shell = JShell.builder().executionEngine("local").build();   // source analysis only: nothing is run
    }

    @AfterAll
    static void close() {
        shell.close();
    }

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(Processes.ROOT.resolve("notebooks"))) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookReadsTheSameOnEveryKernelOfTheFamily() throws IOException {
        return notebooks().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> {
            assertThat(violations(nb)).as("cells that would read differently on JJava or rapaio (see %s)",
                    NotebookRulesTest.class.getSimpleName()).isEmpty();
        }));
    }

    @org.junit.jupiter.api.Test
    void theRulesCatchWhatJJavaAndRapaioShowDifferentlyAndNothingElse(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        String[][] cells = {
            // {source, committed execute_result text or null, expected violation or "" when fine}
            {"display(img);", null, "ends with display(...)"},
            {"Tensor t = Tensor.ones(2);\n// the picture\ndisplay(Images.heatmap(t)) ;  // a comment", null, "ends with display(...)"},
            {"display(a);\ndisplay(b);\nint n = 3;", null, ""},
            {"for (int i = 0; i < 3; i++) {\n    display(img);\n}", null, ""},
            {"Images.heatmap(t)", null, ""},
            {"String id = display(img);", null, "uses the value of display"},
            {"System.out.printf(\"%d%n\", 3);", null, "System.out.printf/format/append"},
            {"System.out.printf(\"%d%n\", 3);\nSystem.out.println();", null, ""},
            {"%jars /tmp/convkit.jar", null, "magic %jars"},
            {"  %classpath a.jar", null, "magic %classpath"},
            {"new int[] {1, 2}", "int[2] { 1, 2 }", "its result is an array"},
            {"Arrays.toString(new int[] {1, 2})", "[1, 2]", ""},
            {"t", "[[1., 1.]]", ""},
        };
        StringBuilder nb = new StringBuilder("{\"cells\": [");
        for (int i = 0; i < cells.length; i++) {
            String outputs = cells[i][1] == null ? "[]" : "[{\"output_type\": \"execute_result\", \"data\": {\"text/plain\": "
                    + com.google.gson.JsonParser.parseString("\"" + cells[i][1].replace("\"", "\\\"") + "\"") + "}}]";
            nb.append(i == 0 ? "" : ",").append("{\"cell_type\": \"code\", \"source\": ")
                    .append(new com.google.gson.Gson().toJson(cells[i][0])).append(", \"outputs\": ").append(outputs).append("}");
        }
        Path file = tmp.resolve("rules.ipynb");
        Files.writeString(file, nb.append("]}").toString());
        List<String> v = violations(file);
        for (int i = 0; i < cells.length; i++) {
            String prefix = "rules.ipynb cell " + i + " (";
            List<String> mine = v.stream().filter(x -> x.startsWith(prefix)).collect(Collectors.toList());
            if (cells[i][2].isEmpty()) {
                assertThat(mine).as("cell %d: %s", i, cells[i][0]).isEmpty();
            } else {
                assertThat(mine).as("cell %d: %s", i, cells[i][0]).singleElement().asString().contains(cells[i][2]);
            }
        }
    }

    private static final Pattern DISPLAY_CALL = Pattern.compile("^display\\s*\\(");
    private static final Pattern DISPLAY_VALUE_USED = Pattern.compile("(=|return|\\()\\s*display\\s*\\(");
    private static final Pattern PRINTSTREAM_VALUE = Pattern.compile("^System\\s*\\.\\s*(out|err)\\s*\\.\\s*(printf|format|append)\\s*\\(");
    private static final Pattern JSHELL_ARRAY = Pattern.compile("^[A-Za-z_$][\\w.$]*(\\[\\d+\\])+ \\{");

    static List<String> violations(Path notebook) throws IOException {
        JsonObject nb = JsonParser.parseString(Files.readString(notebook)).getAsJsonObject();
        JsonArray cells = nb.getAsJsonArray("cells");
        List<String> found = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            JsonObject cell = cells.get(i).getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) continue;
            String source = text(cell.get("source"));
            String where = notebook.getFileName() + " cell " + i + " (" + firstLine(source) + ")";
            for (String line : source.split("\n")) {
                if (line.strip().startsWith("%")) found.add(where + ": magic " + line.strip() + " (kernels of the family differ in magics; set the class path up with the kernel)");
            }
            String code = withoutMagics(source);
            List<String> snippets = snippets(code);
            String last = snippets.isEmpty() ? "" : withoutLeadingComments(snippets.get(snippets.size() - 1));
            if (DISPLAY_CALL.matcher(last).find()) {
                found.add(where + ": ends with display(...), whose value (a display id on JJava and rapaio) becomes the cell's result;"
                        + " end the cell with the picture itself, or with another statement");
            }
            for (String s : snippets) {
                if (DISPLAY_VALUE_USED.matcher(withoutLeadingComments(s)).find()) {
                    found.add(where + ": uses the value of display(...), which differs between kernels");
                }
            }
            if (PRINTSTREAM_VALUE.matcher(last).find()) {
                found.add(where + ": ends with System.out.printf/format/append, whose PrintStream JJava and rapaio show;"
                        + " use System.out.println(String.format(...))");
            }
            for (JsonElement o : cell.getAsJsonArray("outputs")) {
                JsonObject out = o.getAsJsonObject();
                if (!"execute_result".equals(out.get("output_type").getAsString())) continue;
                JsonObject data = out.getAsJsonObject("data");
                if (data.has("text/plain") && JSHELL_ARRAY.matcher(text(data.get("text/plain"))).find()) {
                    found.add(where + ": its result is an array (" + firstLine(text(data.get("text/plain")))
                            + "), which JJava and rapaio print as [I@...; end with Arrays.toString(...)");
                }
            }
        }
        return found;
    }

    /** The complete snippets of {@code code} in order, as JShell splits a cell. */
    static List<String> snippets(String code) {
        SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
        List<String> out = new ArrayList<>();
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                out.add(rest.strip());   // incomplete (a compile error in the making): counts as the last snippet
                break;
            }
            out.add(info.source().strip());
            rest = info.remaining();
        }
        return out;
    }

    static String withoutLeadingComments(String s) {
        String t = s.strip();
        while (true) {
            if (t.startsWith("//")) {
                int nl = t.indexOf('\n');
                t = nl < 0 ? "" : t.substring(nl + 1).strip();
            } else if (t.startsWith("/*")) {
                int end = t.indexOf("*/");
                t = end < 0 ? "" : t.substring(end + 2).strip();
            } else {
                return t;
            }
        }
    }

    private static String withoutMagics(String source) {
        return source.lines().map(l -> l.strip().startsWith("%") ? "" : l).collect(Collectors.joining("\n"));
    }

    private static String text(JsonElement e) {
        if (e.isJsonArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonElement x : e.getAsJsonArray()) sb.append(x.getAsString());
            return sb.toString();
        }
        return e.getAsString();
    }

    private static String firstLine(String s) {
        String f = s.strip().lines().findFirst().orElse("");
        return f.length() > 70 ? f.substring(0, 70) + "..." : f;
    }
}
