package convkit;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.testing.CommittedNotebook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/chapter-map.md is true: every heading it names is in that notebook, every worked number it lists is in the
 * committed output of that notebook (NotebooksTest makes sure re-executing gives that output, so a worked number that
 * moves fails one of the two), every graded exercise has @Graded tests with its number, every discussed exercise has
 * its "Discussion of" paragraph, and every exercise of d2l 7.1-7.6 is in the table.
 */
class ChapterMapTest {
    static final Path MAP = Path.of("docs/chapter-map.md");
    static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** The rows (cells split on |) of the table under the heading "## " + section. */
    static List<String[]> table(String section) throws IOException {
        List<String> lines = Files.readAllLines(MAP, StandardCharsets.UTF_8);
        int start = lines.indexOf("## " + section);
        assertThat(start).as("docs/chapter-map.md has a section \"## %s\"", section).isNotNegative();
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
            String l = lines.get(i).trim();
            if (!l.startsWith("|") || l.startsWith("| ---")) continue;
            if (header) {
                header = false;
                continue;
            }
            String[] cells = l.substring(1, l.length() - 1).split("\\|", -1);
            for (int c = 0; c < cells.length; c++) cells[c] = cells[c].trim();
            rows.add(cells);
        }
        assertThat(rows).as("rows of \"## %s\"", section).isNotEmpty();
        return rows;
    }

    static List<String> code(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void everySubsectionHeadingIsInItsNotebook() throws IOException {
        List<String> missing = new ArrayList<>();
        for (String[] r : table("Subsections")) {
            String heading = code(r[3]).get(0);
            if (!CommittedNotebook.load(r[2] + "-").allMarkdown().contains(heading)) missing.add(r[2] + ": " + heading);
        }
        assertThat(missing).as("headings named in docs/chapter-map.md but not in the notebook").isEmpty();
    }

    @Test
    void everyWorkedNumberIsInItsNotebooksOutput() throws IOException {
        List<String> missing = new ArrayList<>();
        List<String[]> rows = table("Worked numbers");
        for (String[] r : rows) {
            String text = CommittedNotebook.load(r[2] + "-").allText();
            for (String fragment : code(r[3])) {
                if (!text.contains(fragment)) missing.add(r[0] + " " + r[1] + ": notebook " + r[2] + " does not show \"" + fragment + "\"");
            }
        }
        assertThat(missing).as("worked numbers of docs/chapter-map.md that moved").isEmpty();
        assertThat(rows.stream().map(r -> r[0].split(" ")[0]).collect(Collectors.toSet())).contains("d2l", "DLFS");
    }

    @Test
    void everyExerciseOfD2lIsGradedOrDiscussed() throws IOException {
        Set<String> graded = gradedNumbers();
        Set<String> listed = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        Pattern number = Pattern.compile("7\\.[1-6]\\.\\d+");
        for (String[] r : table("Exercises")) {
            Matcher m = number.matcher(r[0]);
            while (m.find()) listed.add(m.group());
            Matcher g = Pattern.compile("graded ((?:7\\.\\d\\.\\d+(?:, )?)+)").matcher(r[2]);
            while (g.find()) {
                for (String n : g.group(1).split(", ")) {
                    if (graded.stream().noneMatch(t -> t.startsWith(n.trim() + "."))) problems.add(r[0] + ": no @Graded test numbered " + n + ".x");
                }
            }
            Matcher d = Pattern.compile("Discussion of ([0-9.]+)[^|]*? in (\\d\\d)").matcher(r[2]);
            while (d.find()) {
                if (!CommittedNotebook.load(d.group(2) + "-").allMarkdown().contains("**Discussion of " + d.group(1))) {
                    problems.add(r[0] + ": notebook " + d.group(2) + " has no \"Discussion of " + d.group(1) + "\"");
                }
            }
            if (!r[2].contains("graded") && !r[2].contains("Discussion of")) problems.add(r[0] + ": neither graded nor discussed");
        }
        assertThat(problems).isEmpty();
        int[] counts = {6, 4, 7, 7, 7, 5}; // exercises of d2l-en 7.1 .. 7.6
        List<String> absent = new ArrayList<>();
        for (int s = 1; s <= 6; s++) {
            for (int e = 1; e <= counts[s - 1]; e++) if (!listed.contains("7." + s + "." + e)) absent.add("7." + s + "." + e);
        }
        assertThat(absent).as("d2l exercises missing from docs/chapter-map.md").isEmpty();
    }

    static Set<String> gradedNumbers() throws IOException {
        Set<String> out = new LinkedHashSet<>();
        Pattern p = Pattern.compile("number = \"([0-9.]+)\"");
        for (String dir : List.of("solutions/src/test/java", "solutions/src/hidden/java")) {
            try (Stream<Path> files = Files.walk(Path.of(dir))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).collect(Collectors.toList())) {
                    Matcher m = p.matcher(Files.readString(f, StandardCharsets.UTF_8));
                    while (m.find()) out.add(m.group(1));
                }
            }
        }
        return out;
    }
}
