package convkit.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017; d2l 3.5): 60,000 training and 10,000 test images of 28x28 grey
 * pixels in 10 classes, read from the four standard IDX {@code .gz} files.
 *
 * <p>The folder is, in order of precedence: the argument of {@link #load(Path)}; the system property
 * {@value #PROPERTY}; the environment variable {@value #ENV}; {@value #DEFAULT_DIR}, where the Debian package
 * {@code dataset-fashion-mnist} installs the files.
 *
 * <pre>{@code
 * FashionMnist data = FashionMnist.load();
 * Dataset train = data.train();               // 60000 images, pixels /255 like ToTensor
 * Batch b = train.batch(0, 18);               // x (18, 1, 28, 28), y (18)
 * FashionMnist.textLabel(b.y()[0]);           // "ankle boot"
 * }</pre>
 */
public final class FashionMnist {
    /** Where {@code apt-get install dataset-fashion-mnist} puts the files. */
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    /** System property naming another folder. */
    public static final String PROPERTY = "convkit.fashionMnist.dir";
    /** Environment variable naming another folder (used when the system property is not set). */
    public static final String ENV = "CONVKIT_FASHION_MNIST_DIR";
    /** How to install the data set, quoted in the error for a missing folder or file. */
    public static final String INSTALL_HINT =
            "install it with `sudo apt-get install dataset-fashion-mnist` (or run `./convkit setup`), "
                    + "or point -D" + PROPERTY + "=DIR / " + ENV + "=DIR at a folder holding the four IDX .gz files";

    /** The standard file names. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte.gz";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte.gz";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    /** d2l's {@code get_fashion_mnist_labels} text labels, indexed by class. */
    public static final List<String> TEXT_LABELS = List.of(
            "t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle boot");

    /** Image side length. */
    public static final int SIDE = 28;

    private final Path dir;
    private final Dataset train, test;

    private FashionMnist(Path dir, Dataset train, Dataset test) {
        this.dir = dir;
        this.train = train;
        this.test = test;
    }

    /** Loads from the folder given by {@value #PROPERTY}, {@value #ENV} or {@value #DEFAULT_DIR}. */
    public static FashionMnist load() {
        return load(defaultDir());
    }

    /**
     * Loads the four files from {@code dir} (null means {@link #defaultDir()}).
     *
     * @throws IllegalStateException    if the folder or a file is missing (the message says how to install it)
     * @throws IllegalArgumentException if a file is not the IDX data expected (wrong magic number, sizes, labels)
     */
    public static FashionMnist load(Path dir) {
        Path d = dir == null ? defaultDir() : dir;
        List<String> missing = new ArrayList<>();
        for (String f : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (!Files.isRegularFile(d.resolve(f))) missing.add(f);
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Fashion-MNIST not found: " + d
                    + (Files.isDirectory(d) ? " lacks " + String.join(", ", missing) : " does not exist")
                    + "; " + INSTALL_HINT);
        }
        return new FashionMnist(d, read(d.resolve(TRAIN_IMAGES), d.resolve(TRAIN_LABELS)),
                read(d.resolve(TEST_IMAGES), d.resolve(TEST_LABELS)));
    }

    /** The folder {@link #load()} reads: {@value #PROPERTY}, else {@value #ENV}, else {@value #DEFAULT_DIR}. */
    public static Path defaultDir() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) return Path.of(p);
        String e = System.getenv(ENV);
        if (e != null && !e.isBlank()) return Path.of(e);
        return Path.of(DEFAULT_DIR);
    }

    /** True if the four files are in {@code dir} (no parsing). */
    public static boolean isInstalled(Path dir) {
        for (String f : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (!Files.isRegularFile(dir.resolve(f))) return false;
        }
        return true;
    }

    /**
     * Reads one images file (IDX rank 3, magic 0x00000803) and its labels file (rank 1, magic 0x00000801).
     *
     * @throws IllegalArgumentException if a file is malformed, the counts differ, images are not 28x28, or a
     *                                  label is outside 0..9
     */
    public static Dataset read(Path images, Path labels) {
        Idx.Array im = Idx.read(images, 3);
        Idx.Array lb = Idx.read(labels, 1);
        int[] s = im.shape();
        if (s[1] != SIDE || s[2] != SIDE) {
            throw new IllegalArgumentException(images + " holds images of " + s[1] + "x" + s[2] + ", expected "
                    + SIDE + "x" + SIDE + " (shape " + Arrays.toString(s) + ")");
        }
        if (lb.shape()[0] != s[0]) {
            throw new IllegalArgumentException(labels + " has " + lb.shape()[0] + " labels but " + images + " has "
                    + s[0] + " images");
        }
        int[] y = new int[s[0]];
        for (int i = 0; i < y.length; i++) {
            y[i] = lb.unsigned(i);
            if (y[i] >= TEXT_LABELS.size()) {
                throw new IllegalArgumentException(labels + ": label " + i + " is " + y[i] + ", outside 0.."
                        + (TEXT_LABELS.size() - 1));
            }
        }
        return new Dataset(im.data(), y, SIDE, SIDE, TEXT_LABELS.size());
    }

    /** The 60,000 training images. */
    public Dataset train() {
        return train;
    }

    /** The 10,000 test images. */
    public Dataset test() {
        return test;
    }

    /** The folder the files were read from. */
    public Path dir() {
        return dir;
    }

    /** d2l's text label of class {@code c} (0..9). */
    public static String textLabel(int c) {
        if (c < 0 || c >= TEXT_LABELS.size()) {
            throw new IllegalArgumentException("class " + c + " is outside 0.." + (TEXT_LABELS.size() - 1));
        }
        return TEXT_LABELS.get(c);
    }

    /** The text labels of {@code classes}, like d2l's {@code get_fashion_mnist_labels}. */
    public static List<String> textLabels(int[] classes) {
        List<String> out = new ArrayList<>(classes.length);
        for (int c : classes) out.add(textLabel(c));
        return out;
    }

    @Override
    public String toString() {
        return "Fashion-MNIST from " + dir + ": train " + train.size() + ", test " + test.size();
    }
}
