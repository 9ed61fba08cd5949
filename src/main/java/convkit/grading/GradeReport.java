package convkit.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import convkit.i18n.Catalog;
import convkit.i18n.Lang;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The grade of one submission: one {@link TestResult} per graded test plus submission-level notes
 * (compilation problems, a crashed or killed run). Renders the score table (Tablesaw), the student
 * feedback, Gradescope's results.json ({@link GradescopeResults}) and a CSV row.
 */
public final class GradeReport {
    private final String submission;
    private final List<TestResult> tests;
    private final List<String> notes;
    private final double seconds;

    public GradeReport(String submission, List<TestResult> tests, List<String> notes, double seconds) {
        this.submission = submission;
        this.tests = List.copyOf(tests);
        this.notes = List.copyOf(notes);
        this.seconds = seconds;
    }

    public String submission() {
        return submission;
    }

    public List<TestResult> tests() {
        return tests;
    }

    /** Submission-level messages: what did not compile, what crashed, what was ignored. */
    public List<String> notes() {
        return notes;
    }

    public double executionSeconds() {
        return seconds;
    }

    public double score() {
        return round(tests.stream().mapToDouble(TestResult::score).sum());
    }

    public double maxScore() {
        return round(tests.stream().mapToDouble(TestResult::maxScore).sum());
    }

    /** Score as a fraction of the maximum (0 when there is nothing to grade). */
    public double fraction() {
        return maxScore() == 0 ? 0 : score() / maxScore();
    }

    /** The test with this number, if any. */
    public TestResult test(String number) {
        return tests.stream().filter(t -> t.number().equals(number)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no graded test numbered " + number));
    }

    /** Points per exercise ("7.2.1" -> {score, max}), in number order. */
    public Map<String, double[]> byExercise() {
        Map<String, double[]> m = new LinkedHashMap<>();
        for (TestResult t : tests) {
            double[] s = m.computeIfAbsent(t.exercise(), k -> new double[2]);
            s[0] += t.score();
            s[1] += t.maxScore();
        }
        return m;
    }

    /**
     * The score table. In the student view, tests a student may not see yet are summed up in one line
     * and their messages and hints are left out.
     */
    public Table table(boolean studentView) {
        // the student view speaks the student's language (Lang.current(): the notebook's, or CONVKIT_LANG); the
        // instructor's view stays English
        java.util.function.UnaryOperator<String> tr = studentView ? GradeReport::t : s -> s;
        StringColumn number = StringColumn.create(tr.apply("number"));
        StringColumn name = StringColumn.create(tr.apply("test"));
        DoubleColumn score = DoubleColumn.create(tr.apply("points"));
        DoubleColumn max = DoubleColumn.create(tr.apply("max"));
        StringColumn status = StringColumn.create(tr.apply("status"));
        StringColumn note = StringColumn.create(studentView ? tr.apply("hint") : "message");
        int hidden = 0;
        double hiddenMax = 0, hiddenScore = 0;
        for (TestResult t : tests) {
            if (studentView && !t.visibility().studentSeesNow()) {
                hidden++;
                hiddenMax += t.maxScore();
                hiddenScore += t.score();
                continue;
            }
            number.append(t.number());
            name.append(t.name());
            score.append(round(t.score()));
            max.append(t.maxScore());
            status.append((studentView ? studentStatus(t) : statusText(t)) + (studentView ? "" : visibilityMark(t)));
            String text = t.isPassed() ? "" : studentView ? firstNonEmpty(hint(t), t.message()) : firstLine(t.message());
            note.append(shorten(text, 70));
        }
        if (hidden > 0) {
            number.append(tr.apply("hidden"));
            name.append(hidden == 1 ? tr.apply("1 hidden test") : String.format(Locale.ROOT, tr.apply("%d hidden tests"), hidden));
            score.appendMissing();
            max.append(round(hiddenMax));
            status.append(tr.apply("not shown"));
            note.append(tr.apply("graded by the instructor"));
        }
        number.append(tr.apply("total"));
        name.append(studentView && hidden > 0 ? tr.apply("visible tests") : "");
        score.append(studentView && hidden > 0 ? round(score() - hiddenScore) : score());
        max.append(studentView && hidden > 0 ? round(maxScore() - hiddenMax) : maxScore());
        status.append(String.format(Locale.ROOT, "%.0f%%", 100 * (studentView && hidden > 0
                ? (score() - hiddenScore) / Math.max(1e-12, maxScore() - hiddenMax) : fraction())));
        note.append("");
        return Table.create(String.format(Locale.ROOT, tr.apply("Score of %s"), studentView ? submissionName() : submission),
                number, name, score, max, status, note);
    }

    /** What a student reads: the table, then each failed visible test's message and hint in full. */
    public String studentFeedback(int hiddenTestsNotRun, double hiddenPointsNotRun) {
        StringBuilder sb = new StringBuilder(table(true).printAll()).append('\n');
        for (String n : notes) sb.append("! ").append(n).append('\n');
        for (TestResult t : tests) {
            if (t.isPassed() || !t.visibility().studentSeesNow()) continue;
            sb.append("\n").append(t.number()).append(' ').append(t.name())
                    .append(String.format(Locale.ROOT, t(" (%s of %s points"), fmt(t.score()), fmt(t.maxScore())))
                    .append(t.total() > 1 ? String.format(Locale.ROOT, t(", %d of %d cases passed)"), t.passed(), t.total()) : t(")"))
                    .append('\n');
            if (!t.message().isEmpty()) sb.append("  ").append(t.message().replace("\n", "\n  ")).append('\n');
            if (!t.hint().isEmpty()) sb.append("  ").append(t("Hint:")).append(' ').append(hint(t)).append('\n');
            if (!t.output().isBlank()) sb.append("  ").append(t("Printed:")).append(' ').append(shorten(t.output().strip(), 300).replace("\n", "\n  ")).append('\n');
        }
        long hiddenHere = tests.stream().filter(t -> !t.visibility().studentSeesNow()).count();
        int hiddenCount = (int) hiddenHere + hiddenTestsNotRun;
        double hiddenPoints = tests.stream().filter(t -> !t.visibility().studentSeesNow()).mapToDouble(TestResult::maxScore).sum()
                + hiddenPointsNotRun;
        if (hiddenCount > 0) {
            sb.append('\n').append(String.format(Locale.ROOT, t("%d hidden test%s (%s point%s) remain%s: the instructor's "
                    + "grading runs them; passing every visible test does not guarantee them."),
                    hiddenCount, hiddenCount == 1 ? "" : "s", fmt(hiddenPoints), hiddenPoints == 1 ? "" : "s", hiddenCount == 1 ? "s" : ""))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The instructor's view: full table with visibilities and every message. */
    public String instructorFeedback() {
        StringBuilder sb = new StringBuilder(table(false).printAll()).append('\n');
        for (String n : notes) sb.append("! ").append(n).append('\n');
        for (TestResult t : tests) {
            if (t.isPassed()) continue;
            sb.append(t.number()).append(' ').append(t.name()).append(" [").append(t.visibility().json()).append("]: ")
                    .append(t.message().replace("\n", "\n    ")).append('\n');
        }
        return sb.toString();
    }

    /** CSV header matching {@link #csvRow()}: submission, score, max_score, percent, then one column per exercise. */
    public List<String> csvHeader() {
        List<String> h = new ArrayList<>(List.of("submission", "score", "max_score", "percent"));
        h.addAll(byExercise().keySet());
        return h;
    }

    /** One CSV row: the submission's total and its points per exercise. */
    public List<String> csvRow() {
        List<String> r = new ArrayList<>(List.of(submission, fmt(score()), fmt(maxScore()), fmt(round(100 * fraction()))));
        for (double[] s : byExercise().values()) r.add(fmt(round(s[0])));
        return r;
    }

    /** The header and row as CSV text (values quoted when they need it). */
    public String csv() {
        return csvLine(csvHeader()) + "\n" + csvLine(csvRow()) + "\n";
    }

    private static String csvLine(List<String> cells) {
        List<String> q = new ArrayList<>();
        for (String c : cells) q.add(c.matches("[^,\"\n]*") ? c : "\"" + c.replace("\"", "\"\"") + "\"");
        return String.join(",", q);
    }

    /** {@code english} in the student's language ({@link Catalog#MESSAGES}, {@link Lang#current()}). */
    static String t(String english) {
        return Catalog.MESSAGES.get(english);
    }

    /** A test's hint in the student's language, when messages.tsv translates it; else as the exercise wrote it. */
    static String hint(TestResult t) {
        return t.hint().isEmpty() || Lang.current() == Lang.EN || !Catalog.MESSAGES.has(Lang.current(), t.hint())
                ? t.hint() : Catalog.MESSAGES.get(t.hint());
    }

    /** The submission's name as a student reads it ("your exercises 7.2" in their language). */
    private String submissionName() {
        if (submission.equals("your exercises")) return t("your exercises");
        if (submission.startsWith("your exercises ")) {
            return String.format(Locale.ROOT, t("your exercises %s"), submission.substring("your exercises ".length()));
        }
        return submission;
    }

    /** {@link #statusText} in the student's language. */
    static String studentStatus(TestResult t) {
        if (t.isPassed()) return t("passed");
        if (t.total() > 1 && t.passed() > 0) return String.format(Locale.ROOT, t("%d/%d cases"), t.passed(), t.total());
        return t("FAILED");
    }

    static String statusText(TestResult t) {
        if (t.isPassed()) return "passed";
        if (t.total() > 1 && t.passed() > 0) return t.passed() + "/" + t.total() + " cases";
        return "FAILED";
    }

    private static String visibilityMark(TestResult t) {
        return t.visibility() == Visibility.VISIBLE ? "" : " (" + t.visibility().json() + ")";
    }

    static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

    static String fmt(double x) {
        double r = round(x);
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : firstLine(b);
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 3) + "...";
    }

    /** A one-line summary (safe to show a student: no test names or messages). */
    @Override
    public String toString() {
        return "GradeReport[" + submission + ": " + fmt(score()) + " of " + fmt(maxScore()) + " points, " + tests.size() + " tests]";
    }
}
