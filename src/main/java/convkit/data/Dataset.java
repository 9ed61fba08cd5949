package convkit.data;

import convkit.Tensor;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Grey-scale images with integer class labels, kept as the file's unsigned bytes (47 MB for Fashion-MNIST's
 * training set) and turned into {@code double} tensors batch by batch.
 *
 * <p>Pixels are scaled like torchvision's {@code ToTensor} (which d2l uses): {@code byte / 255.0}, in [0, 1].
 * Images are NCHW with one channel: (N, 1, H, W).
 */
public final class Dataset {
    private final byte[] pixels;
    private final int[] labels;
    private final int height, width, classes;

    /**
     * @param pixels  N*H*W unsigned bytes, row-major (not copied)
     * @param labels  N labels in [0, classes) (not copied)
     * @throws IllegalArgumentException if the lengths disagree or a label is out of range
     */
    public Dataset(byte[] pixels, int[] labels, int height, int width, int classes) {
        if (pixels == null || labels == null) throw new IllegalArgumentException("pixels and labels must not be null");
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("height and width must be positive but were " + height + "x" + width);
        }
        if ((long) labels.length * height * width != pixels.length) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " bytes but " + labels.length + " labels of "
                    + height + "x" + width + " images need " + (long) labels.length * height * width);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", outside [0, " + classes + ")");
            }
        }
        this.pixels = pixels;
        this.labels = labels;
        this.height = height;
        this.width = width;
        this.classes = classes;
    }

    /** The number of examples N. */
    public int size() {
        return labels.length;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The number of classes (labels are 0..classes-1). */
    public int classes() {
        return classes;
    }

    /** The label of example {@code i}. */
    public int label(int i) {
        checkIndex(i);
        return labels[i];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** Example {@code i} as a (1, 1, H, W) tensor in [0, 1]. */
    public Tensor image(int i) {
        checkIndex(i);
        return batch(new int[] {i}).x();
    }

    /** All images as one new (N, 1, H, W) tensor in [0, 1] (8 bytes per pixel: 376 MB for 60,000 images). */
    public Tensor images() {
        return batch(0, size()).x();
    }

    /** Examples {@code [from, to)} in order. */
    public Batch batch(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("batch range [" + from + ", " + to + ") is outside [0, " + size() + ")");
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) idx[i] = from + i;
        return batch(idx);
    }

    /** The examples with the given indices, in that order: x (len, 1, H, W), y (len). */
    public Batch batch(int[] indices) {
        int plane = height * width;
        double[] x = new double[indices.length * plane];
        int[] y = new int[indices.length];
        for (int b = 0; b < indices.length; b++) {
            int i = indices[b];
            checkIndex(i);
            y[b] = labels[i];
            int src = i * plane, dst = b * plane;
            for (int p = 0; p < plane; p++) x[dst + p] = (pixels[src + p] & 0xff) / 255.0;
        }
        return new Batch(Tensor.wrap(x, indices.length, 1, height, width), y);
    }

    /** The first {@code n} examples (a copy). */
    public Dataset subset(int n) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("subset size " + n + " is outside [0, " + size() + "]");
        int plane = height * width;
        return new Dataset(Arrays.copyOf(pixels, n * plane), Arrays.copyOf(labels, n), height, width, classes);
    }

    /** {@code n} examples drawn without replacement, in a random order fixed by {@code seed}. */
    public Dataset subset(int n, long seed) {
        if (n < 0 || n > size()) throw new IllegalArgumentException("subset size " + n + " is outside [0, " + size() + "]");
        int[] order = permutation(size(), new Random(seed));
        int plane = height * width;
        byte[] px = new byte[n * plane];
        int[] lb = new int[n];
        for (int b = 0; b < n; b++) {
            System.arraycopy(pixels, order[b] * plane, px, b * plane, plane);
            lb[b] = labels[order[b]];
        }
        return new Dataset(px, lb, height, width, classes);
    }

    /**
     * Mini-batches in order (no shuffling), the last one smaller when {@code batchSize} does not divide N, like
     * a PyTorch {@code DataLoader(shuffle=False)}.
     */
    public Iterable<Batch> batches(int batchSize) {
        return batches(batchSize, null);
    }

    /**
     * Mini-batches in an order shuffled by {@code rng} (a fresh permutation drawn each time the iterable is
     * iterated, so one {@code Random} created from a seed gives a new, reproducible order every epoch, like
     * {@code DataLoader(shuffle=True)}); {@code rng == null} keeps the stored order. The last batch is smaller
     * when {@code batchSize} does not divide N.
     */
    public Iterable<Batch> batches(int batchSize, Random rng) {
        if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be positive but was " + batchSize);
        return () -> {
            int[] order = rng == null ? identity(size()) : permutation(size(), rng);
            return new Iterator<>() {
                int next = 0;

                @Override
                public boolean hasNext() {
                    return next < order.length;
                }

                @Override
                public Batch next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    int end = Math.min(order.length, next + batchSize);
                    Batch b = batch(Arrays.copyOfRange(order, next, end));
                    next = end;
                    return b;
                }
            };
        };
    }

    /** The number of batches of size {@code batchSize} (the last may be partial). */
    public int batchCount(int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be positive but was " + batchSize);
        return (size() + batchSize - 1) / batchSize;
    }

    /**
     * {@code n} images of 28x28 random bytes with random labels among 10 classes, drawn from {@code new Random(seed)}
     * (pixels first, then labels): Fashion-MNIST's shapes without its content, for benchmarks and tests.
     */
    public static Dataset random(int n, long seed) {
        if (n < 0) throw new IllegalArgumentException("n must be >= 0 but was " + n);
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        r.nextBytes(px);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = r.nextInt(10);
        return new Dataset(px, y, 28, 28, 10);
    }

    /** A Fisher-Yates shuffle of 0..n-1 driven by {@code rng}. */
    public static int[] permutation(int n, Random rng) {
        int[] p = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) throw new IllegalArgumentException("index " + i + " is outside [0, " + size() + ")");
    }

    @Override
    public String toString() {
        return "Dataset " + size() + " images of 1x" + height + "x" + width + ", " + classes + " classes";
    }
}
