package convkit.grading.batch;

import convkit.grading.Numbers;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The class gradebook, rebuilt from the students' {@code results.json} files (Gradescope's schema):
 * <ul>
 *   <li>{@link #grades()}: one row per student; one column per exercise ("7.2.1": the first three parts of
 *       a test number) with the points earned, then {@code total}, {@code max}, {@code percent} and
 *       {@code notes} (the first submission-level note, e.g. what did not compile);</li>
 *   <li>{@link #passRates()}: one row per graded test: how many students passed it fully, partly or not at
 *       all, its pass rate and mean points, hardest test first.</li>
 * </ul>
 */
public final class Gradebook {
    /** One test of one student's results.json. */
    record TestRow(String number, String name, String visibility, double score, double maxScore, boolean passed) {
    }

    /** One student's results.json. */
    record Student(String id, double score, List<TestRow> tests, String notes) {
    }

    private final List<Student> students;

    Gradebook(List<Student> students) {
        this.students = List.copyOf(students);
    }

    /** Reads {@code students/<id>/results.json} for each id that has one (in the given order). */
    static Gradebook read(ResultStore store, List<String> ids) {
        List<Student> out = new ArrayList<>();
        for (String id : ids) {
            Path f = store.studentDir(id).resolve(ResultStore.RESULTS);
            if (store.state(id).isEmpty()) continue;
            try {
                out.add(parse(id, Files.readString(f, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Gradebook(out);
    }

    static Student parse(String id, String json) {
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        List<TestRow> tests = new ArrayList<>();
        JsonArray arr = root.has("tests") ? root.getAsJsonArray("tests") : new JsonArray();
        for (JsonElement e : arr) {
            JsonObject t = e.getAsJsonObject();
            double score = t.get("score").getAsDouble(), max = t.get("max_score").getAsDouble();
            String status = t.has("status") ? t.get("status").getAsString() : (score >= max ? "passed" : "failed");
            tests.add(new TestRow(t.get("number").getAsString(), t.get("name").getAsString(),
                    t.has("visibility") ? t.get("visibility").getAsString() : "visible", score, max, "passed".equals(status)));
        }
        String output = root.has("output") ? root.get("output").getAsString() : "";
        String[] lines = output.split("\n");
        String notes = lines.length > 1 ? lines[1] : "";
        return new Student(id, root.get("score").getAsDouble(), tests, notes);
    }

    List<Student> students() {
        return students;
    }

    /** The exercise of a test number: its first three parts ("7.2.1.3" -> "7.2.1"). */
    static String exercise(String number) {
        return Numbers.exercise(number);
    }

    /** grades.csv: student, one column per exercise, total, max, percent, notes. */
    public Table grades() {
        TreeMap<String, Double> maxPerExercise = new TreeMap<>(Numbers.ORDER);
        for (Student s : students) {
            Map<String, Double> m = new TreeMap<>(Numbers.ORDER);
            for (TestRow t : s.tests()) m.merge(exercise(t.number()), t.maxScore(), Double::sum);
            m.forEach((k, v) -> maxPerExercise.merge(k, v, Math::max));
        }
        StringColumn student = StringColumn.create("student");
        Map<String, DoubleColumn> cols = new LinkedHashMap<>();
        for (String ex : maxPerExercise.keySet()) cols.put(ex, DoubleColumn.create(ex));
        DoubleColumn total = DoubleColumn.create("total"), max = DoubleColumn.create("max"), percent = DoubleColumn.create("percent");
        StringColumn notes = StringColumn.create("notes");
        for (Student s : students) {
            student.append(s.id());
            Map<String, Double> per = new LinkedHashMap<>();
            double mx = 0;
            for (TestRow t : s.tests()) {
                per.merge(exercise(t.number()), t.score(), Double::sum);
                mx += t.maxScore();
            }
            for (Map.Entry<String, DoubleColumn> c : cols.entrySet()) c.getValue().append(round(per.getOrDefault(c.getKey(), 0.0)));
            total.append(round(s.score()));
            max.append(round(mx));
            percent.append(mx == 0 ? 0 : Math.round(1000 * s.score() / mx) / 10.0);
            notes.append(s.notes());
        }
        Table t = Table.create("grades", student);
        cols.values().forEach(t::addColumns);
        t.addColumns(total, max, percent, notes);
        return t;
    }

    /** The per-test report: number, test, visibility, points, students, passed, partial, failed, pass_rate (%), mean_points. */
    public Table passRates() {
        Map<String, List<TestRow>> byNumber = new TreeMap<>(Numbers.ORDER);
        for (Student s : students) for (TestRow t : s.tests()) byNumber.computeIfAbsent(t.number(), k -> new ArrayList<>()).add(t);
        StringColumn number = StringColumn.create("number"), name = StringColumn.create("test"), vis = StringColumn.create("visibility");
        DoubleColumn points = DoubleColumn.create("points");
        IntColumn count = IntColumn.create("students"), passed = IntColumn.create("passed"), partial = IntColumn.create("partial"),
                failed = IntColumn.create("failed");
        DoubleColumn rate = DoubleColumn.create("pass_rate"), mean = DoubleColumn.create("mean_points");
        for (Map.Entry<String, List<TestRow>> e : byNumber.entrySet()) {
            List<TestRow> rows = e.getValue();
            int p = 0, part = 0;
            double sum = 0;
            for (TestRow r : rows) {
                if (r.passed()) p++;
                else if (r.score() > 0) part++;
                sum += r.score();
            }
            number.append(e.getKey());
            name.append(rows.get(0).name());
            vis.append(rows.get(0).visibility());
            points.append(rows.get(0).maxScore());
            count.append(rows.size());
            passed.append(p);
            partial.append(part);
            failed.append(rows.size() - p - part);
            rate.append(Math.round(1000.0 * p / rows.size()) / 10.0);
            mean.append(round(sum / rows.size()));
        }
        IntColumn order = IntColumn.create("order");
        for (int i = 0; i < number.size(); i++) order.append(i); // test-number order (7.2.9 before 7.2.10)
        Table t = Table.create("pass rate per test (hardest first)", number, name, vis, points, count, passed, partial, failed, rate, mean, order);
        Table sorted = t.sortOn("pass_rate", "order"); // lowest pass rate first, ties in test-number order
        return sorted.removeColumns("order");
    }

    /** Writes grades.csv and test-pass-rates.csv into {@code out} (each atomically). */
    void write(Path out) {
        try {
            Files.createDirectories(out);
            ResultStore.atomicWrite(out.resolve("grades.csv"), csv(grades()));
            ResultStore.atomicWrite(out.resolve("test-pass-rates.csv"), csv(passRates()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csv(Table t) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.write().csv(w);
        return w.toString();
    }

    static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }

}
