package convkit.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

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

    /**
     * Columns epoch, loss, train_acc, test_acc, seconds (training pass only); it prints (text and, in a notebook,
     * HTML) the loss and accuracies with 4 decimals and the seconds with 1, as the training's progress lines do.
     */
    public Table table() {
        return table("LeNet training");
    }

    /** {@link #table()} with another title (notebook 07: "SimpleConvNet training"). */
    public Table table(String title) {
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
        // printed as the progress lines are: 4 decimals for the loss and accuracies, 1 for seconds (the columns keep
        // the full doubles: t.doubleColumn("loss").get(0) is the exact value)
        for (DoubleColumn c : List.of(l, tr, te)) c.setPrintFormatter(decimals(4));
        s.setPrintFormatter(decimals(1));
        return Table.create(title, e, l, tr, te, s);
    }

    private static NumberColumnFormatter decimals(int n) {
        NumberFormat f = NumberFormat.getNumberInstance(Locale.ROOT);
        f.setGroupingUsed(false);
        f.setMinimumFractionDigits(n);
        f.setMaximumFractionDigits(n);
        return new NumberColumnFormatter(f, "");
    }

    @Override
    public String toString() {
        return table().print();
    }
}
