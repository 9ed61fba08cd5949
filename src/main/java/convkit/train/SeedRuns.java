package convkit.train;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One training recipe run with several seeds: the final test accuracy of each run, and their median, mean, minimum
 * and maximum. At d2l's learning rate of 0.9 the sigmoid LeNet's test accuracy moves by several points from one SGD
 * step to the next, so one run says little about the recipe; {@code ./convkit train --seeds 0-4} reports the spread.
 */
public final class SeedRuns {
    private final List<Long> seeds = new ArrayList<>();
    private final List<History> histories = new ArrayList<>();

    /** Records the run of {@code seed}; its history must have at least one epoch. */
    public void add(long seed, History h) {
        if (h == null || h.epochs().isEmpty()) throw new IllegalArgumentException("the run of seed " + seed + " has no epoch");
        seeds.add(seed);
        histories.add(h);
    }

    /** The final test accuracies, in the order the runs were added. */
    public double[] finals() {
        return histories.stream().mapToDouble(h -> h.last().testAcc()).toArray();
    }

    /** The median of the final test accuracies (the mean of the two middle ones for an even count, as NumPy). */
    public double median() {
        double[] f = sortedFinals();
        int n = f.length;
        return n % 2 == 1 ? f[n / 2] : (f[n / 2 - 1] + f[n / 2]) / 2;
    }

    /** The mean of the final test accuracies. */
    public double mean() {
        return Arrays.stream(sortedFinals()).average().orElseThrow();
    }

    /**
     * Columns seed, final_test_acc, best_test_acc (over the epochs), seconds_per_epoch (training pass, mean, rounded
     * to hundredths).
     */
    public Table table() {
        LongColumn s = LongColumn.create("seed");
        DoubleColumn fin = DoubleColumn.create("final_test_acc"), best = DoubleColumn.create("best_test_acc"),
                sec = DoubleColumn.create("seconds_per_epoch");
        for (int i = 0; i < seeds.size(); i++) {
            History h = histories.get(i);
            s.append(seeds.get(i));
            fin.append(h.last().testAcc());
            best.append(h.epochs().stream().mapToDouble(EpochResult::testAcc).max().orElseThrow());
            sec.append(Math.round(100 * h.epochs().stream().mapToDouble(EpochResult::seconds).average().orElseThrow()) / 100.0);
        }
        return Table.create("final test accuracy per seed", s, fin, best, sec);
    }

    /** For example "5 seeds: median 0.8145, mean 0.8047, min 0.7720, max 0.8188 (final test accuracy)". */
    public String summary() {
        double[] f = sortedFinals();
        return String.format(Locale.ROOT, "%d seeds: median %.4f, mean %.4f, min %.4f, max %.4f (final test accuracy)",
                f.length, median(), mean(), f[0], f[f.length - 1]);
    }

    private double[] sortedFinals() {
        if (histories.isEmpty()) throw new IllegalStateException("no run has been added");
        double[] f = finals();
        Arrays.sort(f);
        return f;
    }

    /**
     * The seeds of a command-line list: a range {@code "0-4"} (both ends included), a comma list {@code "0,3,7"}, or
     * a mix {@code "0-2,9"}. Seeds are non-negative, at most 1,000 of them, no repeats.
     *
     * @throws IllegalArgumentException naming the list and the part that is wrong
     */
    public static long[] parse(String spec) {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("--seeds needs a list such as 0-4 or 0,3,7");
        List<Long> out = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            String p = part.trim();
            try {
                int dash = p.indexOf('-', 1);
                long lo = Long.parseLong(dash < 0 ? p : p.substring(0, dash).trim());
                long hi = dash < 0 ? lo : Long.parseLong(p.substring(dash + 1).trim());
                if (lo < 0 || hi < lo) throw new IllegalArgumentException("--seeds \"" + spec + "\": \"" + p
                        + "\" is not a seed >= 0 or a range lo-hi with 0 <= lo <= hi");
                if (hi - lo >= 1000 || out.size() + (hi - lo + 1) > 1000) {
                    throw new IllegalArgumentException("--seeds \"" + spec + "\" has more than 1000 seeds");
                }
                for (long s = lo; s <= hi; s++) {
                    if (out.contains(s)) throw new IllegalArgumentException("--seeds \"" + spec + "\" repeats seed " + s);
                    out.add(s);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seeds \"" + spec + "\": \"" + p + "\" is not a seed or a range such as 0-4");
            }
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }
}
