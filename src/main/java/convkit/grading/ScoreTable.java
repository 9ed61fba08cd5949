package convkit.grading;

import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** {@link GradeReport#rows} as a Tablesaw table (what a notebook shows; grading itself never loads Tablesaw). */
final class ScoreTable {
    private ScoreTable() {
    }

    static Table of(GradeReport r, boolean studentView) {
        List<String> names = GradeReport.columns(studentView);
        StringColumn number = StringColumn.create(names.get(0)), name = StringColumn.create(names.get(1));
        DoubleColumn score = DoubleColumn.create(names.get(2)), max = DoubleColumn.create(names.get(3));
        StringColumn status = StringColumn.create(names.get(4)), note = StringColumn.create(names.get(5));
        for (Object[] row : r.rows(studentView)) {
            number.append((String) row[0]);
            name.append((String) row[1]);
            if (row[2] == null) score.appendMissing();
            else score.append((Double) row[2]);
            max.append((Double) row[3]);
            status.append((String) row[4]);
            note.append((String) row[5]);
        }
        return Table.create(r.title(studentView), number, name, score, max, status, note);
    }
}
