package convkit.data;

import convkit.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void readsGeneratedFilesScaledLikeToTensor() throws IOException {
        IdxFiles.writeFashion(dir, 25, 7);
        FashionMnist data = FashionMnist.load(dir);
        assertThat(data.train().size()).isEqualTo(25);
        assertThat(data.test().size()).isEqualTo(7);
        Batch b = data.train().batch(3, 5);
        assertThat(b.x().shape()).containsExactly(2, 1, 28, 28);
        assertThat(b.y()).containsExactly(3, 4);
        // image 3, pixel 0 is byte 3 -> 3/255; pixel 252 is byte 255 -> 1.0
        assertThat(b.x().data()[0]).isEqualTo(3 / 255.0);
        assertThat(b.x().data()[252]).isEqualTo(1.0);
        assertThat(data.test().images().shape()).containsExactly(7, 1, 28, 28);
    }

    @Test
    void missingDataSetNamesTheInstallCommand() throws IOException {
        assertThatThrownBy(() -> FashionMnist.load(dir.resolve("nowhere"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("nowhere").hasMessageContaining("does not exist")
                .hasMessageContaining("sudo apt-get install dataset-fashion-mnist").hasMessageContaining("./convkit setup");
        IdxFiles.writeSplit(dir.resolve(FashionMnist.TRAIN_IMAGES), dir.resolve(FashionMnist.TRAIN_LABELS), 2);
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void mismatchedCountsAndBadLabelsAreReported() throws IOException {
        IdxFiles.writeFashion(dir, 5, 5);
        IdxFiles.write(dir.resolve(FashionMnist.TEST_LABELS), 0x801, new int[] {4}, new byte[4]);
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 4 labels").hasMessageContaining("has 5 images");
        IdxFiles.write(dir.resolve(FashionMnist.TEST_LABELS), 0x801, new int[] {5}, new byte[] {0, 1, 10, 2, 3});
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2 is 10");
        IdxFiles.write(dir.resolve(FashionMnist.TEST_IMAGES), 0x803, new int[] {5, 14, 56}, new byte[5 * 784]);
        assertThatThrownBy(() -> FashionMnist.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("14x56");
    }

    @Test
    void systemPropertyChoosesTheFolder() throws IOException {
        IdxFiles.writeFashion(dir, 3, 2);
        String old = System.getProperty(FashionMnist.PROPERTY);
        System.setProperty(FashionMnist.PROPERTY, dir.toString());
        try {
            assertThat(FashionMnist.defaultDir()).isEqualTo(dir);
            assertThat(FashionMnist.load().train().size()).isEqualTo(3);
        } finally {
            if (old == null) System.clearProperty(FashionMnist.PROPERTY);
            else System.setProperty(FashionMnist.PROPERTY, old);
        }
    }

    @Test
    void textLabelsAreD2ls() {
        assertThat(FashionMnist.textLabels(new int[] {0, 9, 5})).containsExactly("t-shirt", "ankle boot", "sandal");
        assertThatThrownBy(() -> FashionMnist.textLabel(10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10");
    }

    @Test
    void realDataSetWhenInstalled() {
        Path real = Path.of(FashionMnist.DEFAULT_DIR);
        boolean present = FashionMnist.isInstalled(real);
        if ("true".equals(System.getenv("CI"))) {
            assertThat(present).as("CI installs dataset-fashion-mnist into " + real).isTrue();
        }
        assumeTrue(present, "Fashion-MNIST not installed in " + real);
        FashionMnist data = FashionMnist.load(real);
        assertThat(data.train().size()).isEqualTo(60_000);
        assertThat(data.test().size()).isEqualTo(10_000);
        // Known first labels of the files (d2l 3.5 shows the first training images: ankle boot, t-shirt, t-shirt, dress, ...)
        assertThat(Arrays.copyOf(data.train().labels(), 4)).containsExactly(9, 0, 0, 3);
        // every class has 6000 training and 1000 test images (Xiao et al. 2017)
        int[] counts = new int[10];
        for (int y : data.train().labels()) counts[y]++;
        assertThat(counts).containsOnly(6000);
        Tensor x = data.test().batch(0, 256).x();
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
        for (double v : x.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0.0);
        assertThat(max).isEqualTo(1.0);
    }

    @Test
    void batchesAreSeededShufflesCoveringEveryExampleOnce() throws IOException {
        IdxFiles.writeFashion(dir, 23, 1);
        Dataset d = FashionMnist.load(dir).train();
        Set<Integer> seen = new HashSet<>();
        int batches = 0;
        for (Batch b : d.batches(5, new Random(1))) {
            batches++;
            for (int s = 0; s < b.size(); s++) seen.add((int) Math.round(b.x().data()[s * 784] * 255)); // pixel 0 = index
        }
        assertThat(batches).isEqualTo(5).isEqualTo(d.batchCount(5));
        assertThat(seen).hasSize(23);
        int[] first = d.batches(23, new Random(7)).iterator().next().y();
        int[] again = d.batches(23, new Random(7)).iterator().next().y();
        assertThat(first).containsExactly(again);
        Random r = new Random(7);
        Iterable<Batch> it = d.batches(23, r);
        int[] e1 = it.iterator().next().y(), e2 = it.iterator().next().y();
        assertThat(e1).isNotEqualTo(e2); // a new order each epoch
        assertThat(d.batches(10).iterator().next().y()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void subsetsAndBadArguments() throws IOException {
        IdxFiles.writeFashion(dir, 20, 1);
        Dataset d = FashionMnist.load(dir).train();
        assertThat(d.subset(4).labels()).containsExactly(0, 1, 2, 3);
        Dataset r = d.subset(6, 3L);
        assertThat(r.size()).isEqualTo(6);
        assertThat(r.labels()).containsExactly(d.subset(6, 3L).labels());
        assertThatThrownBy(() -> d.subset(21)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("21");
        assertThatThrownBy(() -> d.batch(5, 30)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[5, 30)");
        assertThatThrownBy(() -> d.batches(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> d.image(20)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 20");
        assertThat(Files.exists(dir)).isTrue();
    }
}
