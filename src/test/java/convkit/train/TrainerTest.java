package convkit.train;

import convkit.Tensor;
import convkit.data.Dataset;
import convkit.data.FashionMnist;
import convkit.models.LeNet;
import convkit.nn.Layer;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class TrainerTest {
    /** Class 0: dark images with a bright vertical bar; class 1: with a bright horizontal bar (plus noise). */
    private static Dataset bars(int n, long seed) {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(2);
            int pos = 4 + r.nextInt(20);
            for (int a = 0; a < 28; a++) {
                for (int b = 0; b < 28; b++) {
                    boolean on = y[i] == 0 ? b == pos || b == pos + 1 : a == pos || a == pos + 1;
                    px[i * 784 + a * 28 + b] = (byte) (on ? 200 + r.nextInt(56) : r.nextInt(40));
                }
            }
        }
        return new Dataset(px, y, 28, 28, 10);
    }

    @Test
    void modernLeNetLearnsBarsAndReportsAHistoryTable() {
        Dataset train = bars(256, 1), test = bars(128, 2);
        StringBuilder lines = new StringBuilder();
        History h = new Trainer(0.1, 16, 0).train(LeNet.modern(0), train, test, 3, e -> lines.append(e.line()).append('\n'));
        assertThat(h.epochs()).hasSize(3);
        assertThat(h.last().testAcc()).isGreaterThan(0.95);
        assertThat(h.last().loss()).isLessThan(h.epochs().get(0).loss());
        assertThat(lines.toString()).contains("epoch  1  loss").contains("test acc");
        Table t = h.table();
        assertThat(t.columnNames()).containsExactly("epoch", "loss", "train_acc", "test_acc", "seconds");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.doubleColumn("test_acc").get(2)).isEqualTo(h.last().testAcc());
        // printed (text and a notebook's HTML) as the progress lines: 4 decimals, seconds with 1
        assertThat(t.column("loss").getString(0)).isEqualTo(String.format(java.util.Locale.ROOT, "%.4f", h.epochs().get(0).loss()));
        assertThat(t.column("seconds").getString(0)).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", h.epochs().get(0).seconds()));
        assertThat(t.print()).contains(String.format(java.util.Locale.ROOT, "%.4f", h.last().testAcc()));
    }

    /** Records the example index that {@link #indexed} stores in each image's two pixels, batch by batch. */
    private static final class OrderRecorder implements Layer {
        final List<Integer> seen = new ArrayList<>();

        @Override
        public Tensor forward(Tensor x) {
            int n = x.shape()[0];
            double[] d = x.data();
            for (int i = 0; i < n; i++) seen.add((int) Math.round(d[2 * i] * 255) * 256 + (int) Math.round(d[2 * i + 1] * 255));
            return Tensor.zeros(n, 2);
        }

        @Override
        public Tensor backward(Tensor dy) {
            return null;
        }
    }

    /** n 1x2 "images" whose pixels hold the example's index (high byte, low byte), all labelled 0. */
    private static Dataset indexed(int n) {
        byte[] px = new byte[2 * n];
        for (int i = 0; i < n; i++) {
            px[2 * i] = (byte) (i >> 8);
            px[2 * i + 1] = (byte) i;
        }
        return new Dataset(px, new int[n], 1, 2, 2);
    }

    @Test
    void shuffleSeedIsSplitMix64() {
        // Reference outputs of SplitMix64 (Vigna's splitmix64.c, the JDK's SplittableRandom.mix64): the first value from
        // state 0 is 0xE220A8397B1DCDAF; from state 1, 0x910A2DEC89025CC1.
        assertThat(Trainer.shuffleSeed(0)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(Trainer.shuffleSeed(1)).isEqualTo(0x910A2DEC89025CC1L);
        // the same as the JDK's SplittableRandom, which specifies nothing across versions but runs this algorithm
        for (long s = -3; s < 50; s++) assertThat(Trainer.shuffleSeed(s)).isEqualTo(new SplittableRandom(s).nextLong());
    }

    @Test
    void everyEpochVisitsEveryExampleOnceInTheOrderOfTheShufflingStream() {
        int n = 300, batch = 64;
        OrderRecorder rec = new OrderRecorder();
        new Trainer(0.1, batch, 7).train(rec, indexed(n), null, 2, null);
        assertThat(rec.seen).hasSize(2 * n);
        Random shuffle = new Random(Trainer.shuffleSeed(7));
        int[] first = Dataset.permutation(n, shuffle), second = Dataset.permutation(n, shuffle);
        assertThat(rec.seen.subList(0, n)).containsExactly(Arrays.stream(first).boxed().toArray(Integer[]::new));
        assertThat(rec.seen.subList(n, 2 * n)).containsExactly(Arrays.stream(second).boxed().toArray(Integer[]::new));
        // not the stream LeNet.d2l(7) draws its weights from
        assertThat(rec.seen.subList(0, n))
                .isNotEqualTo(Arrays.stream(Dataset.permutation(n, new Random(7))).boxed().toList());
    }

    @Test
    void seededRunsAreReproducible() {
        Dataset train = bars(96, 3);
        double a = new Trainer(0.1, 32, 4).train(LeNet.modern(2), train, null, 1, null).last().loss();
        double b = new Trainer(0.1, 32, 4).train(LeNet.modern(2), train, null, 1, null).last().loss();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void badSettingsAreReported() {
        assertThatThrownBy(() -> new Trainer(0, 256, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lr");
        assertThatThrownBy(() -> new Trainer(0.9, 0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> new Trainer(0.9, 1, 0).train(LeNet.d2l(0), bars(2, 1), null, -1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs");
    }

    @Test
    void modernLeNetLearnsRealFashionMnistSubset() {
        Path dir = Path.of(FashionMnist.DEFAULT_DIR);
        assumeTrue(FashionMnist.isInstalled(dir), "Fashion-MNIST not installed in " + dir);
        FashionMnist data = FashionMnist.load(dir);
        History h = new Trainer(0.1, 32, 0).train(LeNet.modern(0), data.train().subset(3000), data.test().subset(1000), 1, null);
        // chance is 0.1; one pass over 3000 images gets well above it
        assertThat(h.last().testAcc()).isGreaterThan(0.5);
    }
}
