package convkit.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import convkit.i18n.Catalog;
import convkit.i18n.Lang;
import tech.tablesaw.api.Table;

/**
 * The grade of one submission: one {@link TestResult} per graded test plus submission-level notes
 * (compilation problems, a crashed or killed run). Renders the score table (text; a Tablesaw table for notebooks), the student
 * feedback, Gradescope's results.json ({@link GradescopeResults}) and a CSV row.
 */
public final class GradeReport {
    private final String submission;
    private final List<TestResult> tests;
    private final List<String> notes;
    private final double seconds;
    private String isolation = "";
    private List<String> instructorNotes = List.of();
    private Map<String, Double> timings = Map.of();

    public GradeReport(String submission, List<TestResult> tests, List<String> notes, double seconds) {
        this.submission = submission;
        this.tests = List.copyOf(tests);
        this.notes = List.copyOf(notes);
        this.seconds = seconds;
    }

    /** This report with the isolation its test JVMs ran in and notes only the instructor reads (report.txt). */
    public GradeReport withIsolation(String isolation, List<String> instructorNotes) {
        GradeReport r = new GradeReport(submission, tests, notes, seconds);
        r.isolation = isolation == null ? "" : isolation;
        r.instructorNotes = List.copyOf(instructorNotes);
        return r;
    }

    /** This report with where its time went ("compile", "test JVMs", "tests", "JVMs started"; seconds or counts). */
    public GradeReport withTimings(Map<String, Double> t) {
        GradeReport r = withIsolation(isolation, instructorNotes);
        r.timings = Map.copyOf(t);
        return r;
    }

    /** A report of {@code submission} with these tests and notes and the isolation, instructor notes and timings of {@code of}. */
    public static GradeReport like(GradeReport of, String submission, List<TestResult> tests, List<String> notes) {
        GradeReport r = new GradeReport(submission, tests, notes, of.seconds).withIsolation(of.isolation, of.instructorNotes);
        r.timings = of.timings;
        return r;
    }

    /** Where the grading's time went (see {@link #withTimings}); empty when unknown. */
    public Map<String, Double> timings() {
        return timings;
    }

    /** The isolation the test JVMs ran in (e.g. "bubblewrap sandbox (...)"); empty if unknown. */
    public String isolation() {
        return isolation;
    }

    /** Notes for the instructor only (never in feedback or results.json). */
    public List<String> instructorNotes() {
        return instructorNotes;
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
     * The score table's rows: number, test, points (null: not shown), max, status, hint (student view) or message.
     * In the student view, tests a student may not see yet are summed up in one line and their messages and hints
     * are left out.
     */
    List<Object[]> rows(boolean studentView) {
        // the student view speaks the student's language (Lang.current(): the notebook's, or CONVKIT_LANG); the
        // instructor's view stays English
        java.util.function.UnaryOperator<String> tr = studentView ? GradeReport::t : x -> x;
        List<Object[]> rows = new ArrayList<>();
        int hidden = 0;
        double hiddenMax = 0, hiddenScore = 0;
        for (TestResult t : tests) {
            if (studentView && !t.visibility().studentSeesNow()) {
                hidden++;
                hiddenMax += t.maxScore();
                hiddenScore += t.score();
                continue;
            }
            String text = t.isPassed() ? "" : studentView ? firstNonEmpty(hint(t), t.message()) : firstLine(t.message());
            rows.add(new Object[] {t.number(), t.name(), round(t.score()), t.maxScore(),
                (studentView ? studentStatus(t) : statusText(t)) + (studentView ? "" : visibilityMark(t)), shorten(text, 70)});
        }
        if (hidden > 0) {
            rows.add(new Object[] {tr.apply("hidden"), hidden == 1 ? tr.apply("1 hidden test") : String.format(Locale.ROOT, tr.apply("%d hidden tests"), hidden),
                null, round(hiddenMax), tr.apply("not shown"), tr.apply("graded by the instructor")});
        }
        rows.add(new Object[] {tr.apply("total"), studentView && hidden > 0 ? tr.apply("visible tests") : "",
            studentView && hidden > 0 ? round(score() - hiddenScore) : score(),
            studentView && hidden > 0 ? round(maxScore() - hiddenMax) : maxScore(),
            String.format(Locale.ROOT, "%.0f%%", 100 * (studentView && hidden > 0
                    ? (score() - hiddenScore) / Math.max(1e-12, maxScore() - hiddenMax) : fraction())), ""});
        return rows;
    }

    /** The column names of {@link #rows}. */
    static List<String> columns(boolean studentView) {
        java.util.function.UnaryOperator<String> tr = studentView ? GradeReport::t : x -> x;
        return List.of(tr.apply("number"), tr.apply("test"), tr.apply("points"), tr.apply("max"), tr.apply("status"),
                studentView ? tr.apply("hint") : "message");
    }

    /** The score table's title. */
    String title(boolean studentView) {
        return String.format(Locale.ROOT, studentView ? t("Score of %s") : "Score of %s", studentView ? submissionName() : submission);
    }

    /** The score table as a Tablesaw table (notebooks show it as HTML); the same rows as {@link #text}. */
    public Table table(boolean studentView) {
        return ScoreTable.of(this, studentView);
    }

    /**
     * The score table as text, laid out as Tablesaw prints it (so notebooks and files read the same), without
     * Tablesaw: the grader, and the Gradescope autograder, need none of Tablesaw's jars.
     */
    public String text(boolean studentView) {
        return TextTable.render(title(studentView), columns(studentView), rows(studentView));
    }

    /** What a student reads: the table, then each failed visible test's message and hint in full. */
    public String studentFeedback(int hiddenTestsNotRun, double hiddenPointsNotRun) {
        StringBuilder sb = new StringBuilder(text(true)).append('\n');
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
        StringBuilder sb = new StringBuilder(text(false)).append('\n');
        if (!isolation.isEmpty()) sb.append("Isolation: ").append(isolation).append('\n');
        for (String n : notes) sb.append("! ").append(n).append('\n');
        for (String n : instructorNotes) sb.append("! (instructor) ").append(n).append('\n');
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
