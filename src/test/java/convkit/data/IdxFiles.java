package convkit.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Test helper: writes small IDX files, gzipped when the name ends in .gz. */
final class IdxFiles {
    private IdxFiles() {
    }

    static Path write(Path file, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bytes)) {
            d.writeInt(magic);
            for (int x : dims) d.writeInt(x);
            d.write(data);
        }
        try (OutputStream out = file.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes.toByteArray());
        }
        return file;
    }

    /** Writes the four Fashion-MNIST files with {@code nTrain} / {@code nTest} images; pixel p of image i = (i + p) % 256. */
    static void writeFashion(Path dir, int nTrain, int nTest) throws IOException {
        writeSplit(dir.resolve(FashionMnist.TRAIN_IMAGES), dir.resolve(FashionMnist.TRAIN_LABELS), nTrain);
        writeSplit(dir.resolve(FashionMnist.TEST_IMAGES), dir.resolve(FashionMnist.TEST_LABELS), nTest);
    }

    static void writeSplit(Path images, Path labels, int n) throws IOException {
        byte[] px = new byte[n * 28 * 28];
        for (int i = 0; i < n; i++) for (int p = 0; p < 784; p++) px[i * 784 + p] = (byte) ((i + p) % 256);
        byte[] lb = new byte[n];
        for (int i = 0; i < n; i++) lb[i] = (byte) (i % 10);
        write(images, 0x803, new int[] {n, 28, 28}, px);
        write(labels, 0x801, new int[] {n}, lb);
    }
}
