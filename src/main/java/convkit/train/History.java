package convkit.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The epochs of one training run, in order; {@link #table()} shows them as a Tablesaw table. */
public final class History {
    private final List<EpochResult> epochs = new ArrayList<>();

    void add(EpochResult r) {
        epochs.add(r);
    }

    /** The epochs so far (unmodifiable). */
    public List<EpochResult> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    /** The last epoch. */
    public EpochResult last() {
        if (epochs.isEmpty()) throw new IllegalStateException("no epoch has been trained");
        return epochs.get(epochs.size() - 1);
    }

    /** Columns epoch, loss, train_acc, test_acc, seconds (training pass only). */
    public Table table() {
        IntColumn e = IntColumn.create("epoch");
        DoubleColumn l = DoubleColumn.create("loss"), tr = DoubleColumn.create("train_acc"),
                te = DoubleColumn.create("test_acc"), s = DoubleColumn.create("seconds");
        for (EpochResult r : epochs) {
            e.append(r.epoch());
            l.append(r.loss());
            tr.append(r.trainAcc());
            te.append(r.testAcc());
            s.append(r.seconds());
        }
        return Table.create("LeNet training", e, l, tr, te, s);
    }

    @Override
    public String toString() {
        return table().print();
    }
}
