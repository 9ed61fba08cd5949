package convkit.train;

import convkit.data.FashionMnist;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SeedRunsTest {
    /** A history whose test accuracies are {@code acc}, one epoch each, 2 s per epoch. */
    private static History history(double... acc) {
        History h = new History();
        for (int i = 0; i < acc.length; i++) h.add(new EpochResult(i + 1, 1.0, 0.5, acc[i], 2.0 + i / 1000.0, 0.1));
        return h;
    }

    @Test
    void parsesRangesListsAndMixes() {
        assertThat(SeedRuns.parse("0-4")).containsExactly(0, 1, 2, 3, 4);
        assertThat(SeedRuns.parse("7")).containsExactly(7);
        assertThat(SeedRuns.parse("0,3, 7")).containsExactly(0, 3, 7);
        assertThat(SeedRuns.parse("0-2,9")).containsExactly(0, 1, 2, 9);
        assertThat(SeedRuns.parse("5-5")).containsExactly(5);
    }

    @Test
    void badListsNameThePartThatIsWrong() {
        assertThatThrownBy(() -> SeedRuns.parse("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-4");
        assertThatThrownBy(() -> SeedRuns.parse("4-0")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"4-0\"");
        assertThatThrownBy(() -> SeedRuns.parse("0,x")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"x\"");
        assertThatThrownBy(() -> SeedRuns.parse("0,,1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"\"");
        assertThatThrownBy(() -> SeedRuns.parse("-3")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"-3\"");
        assertThatThrownBy(() -> SeedRuns.parse("0-2,1")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats seed 1");
        assertThatThrownBy(() -> SeedRuns.parse("0-5000")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1000");
    }

    @Test
    void medianMeanAndTableUseTheLastEpochOfEachRun() {
        SeedRuns runs = new SeedRuns();
        runs.add(0, history(0.5, 0.8, 0.7720));
        runs.add(1, history(0.8188));
        runs.add(2, history(0.9, 0.8145));
        assertThat(runs.finals()).containsExactly(0.7720, 0.8188, 0.8145);
        assertThat(runs.median()).isEqualTo(0.8145);
        assertThat(runs.mean()).isCloseTo((0.7720 + 0.8188 + 0.8145) / 3, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(runs.summary()).isEqualTo("3 seeds: median 0.8145, mean 0.8018, min 0.7720, max 0.8188 (final test accuracy)");
        Table t = runs.table();
        assertThat(t.columnNames()).containsExactly("seed", "final_test_acc", "best_test_acc", "seconds_per_epoch");
        assertThat(t.doubleColumn("best_test_acc").asDoubleArray()).containsExactly(0.8, 0.8188, 0.9);
        // mean of 2.000, 2.001, 2.002 s and of 2.000, 2.001 s, rounded to hundredths
        assertThat(t.doubleColumn("seconds_per_epoch").asDoubleArray()).containsExactly(2.0, 2.0, 2.0);
        runs.add(3, history(0.8077));
        assertThat(runs.median()).isEqualTo((0.8077 + 0.8145) / 2);   // even count: mean of the middle two, as NumPy
    }

    @Test
    void emptyRunsAreRejected() {
        assertThatThrownBy(() -> new SeedRuns().median()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SeedRuns().add(3, new History())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed 3");
    }

    /** What {@code Train.run} prints for LeNet {@code model} trained {@code epochs} on a subset of 600 images. */
    private static String trainOutput(String model, int epochs, long... seeds) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Train.Options o = new Train.Options();
        o.model = model;
        o.epochs = epochs;
        o.subset = 600;
        o.seeds = seeds;
        Train.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void trainCommandTrainsEverySeedAndPrintsTheSpread() {
        Path dir = Path.of(FashionMnist.DEFAULT_DIR);
        assumeTrue(FashionMnist.isInstalled(dir), "Fashion-MNIST not installed in " + dir);
        String out = trainOutput("modern", 1, 3, 5);
        assertThat(out).contains("2 seeds [3, 5]").contains("seed 3  epoch  1").contains("seed 5  epoch  1")
                .contains("final test accuracy per seed").contains("2 seeds: median ");
        // each seed's run is the same as a single run with that seed
        String single = trainOutput("modern", 1, 5).lines()
                .filter(l -> l.startsWith("final test acc")).findFirst().orElseThrow();
        String acc = single.substring("final test acc ".length(), "final test acc ".length() + 6);
        assertThat(out).contains("seed 5  final test acc " + acc);
    }

    @Test
    void anUnknownModelIsRejectedBeforeTheDataIsRead() {
        Train.Options o = new Train.Options();
        o.model = "resnet";
        o.dataDir = Path.of("/nowhere");   // would fail with "Fashion-MNIST not found" if it were read first
        assertThatThrownBy(() -> Train.run(o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"resnet\"");
    }
}
