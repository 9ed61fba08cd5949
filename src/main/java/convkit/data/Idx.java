package convkit.data;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reader for the IDX format of MNIST and Fashion-MNIST (Y. LeCun, "THE MNIST DATABASE", file formats section):
 * a big-endian header {@code 0x00 0x00 type rank}, {@code rank} big-endian int32 extents, then the values row-major.
 * Only unsigned bytes ({@code type 0x08}) are supported, which is what both data sets use.
 *
 * <p>Files ending in {@code .gz} are gunzipped while reading.
 */
public final class Idx {
    /** The IDX type code of unsigned bytes. */
    public static final int UNSIGNED_BYTE = 0x08;

    private Idx() {
    }

    /** The contents of one IDX file: its extents and its bytes (unsigned, row-major). */
    public record Array(int[] shape, byte[] data) {
        /** The value at flat index {@code i} as 0..255. */
        public int unsigned(int i) {
            return data[i] & 0xff;
        }
    }

    /**
     * Reads an unsigned-byte IDX file and checks that it has {@code expectedRank} axes.
     *
     * @throws IllegalArgumentException if the magic number, the rank or the length is wrong (the message names the file)
     * @throws UncheckedIOException     if the file cannot be read
     */
    public static Array read(Path file, int expectedRank) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             DataInputStream d = new DataInputStream(in)) {
            int magic;
            try {
                magic = d.readInt();
            } catch (EOFException e) {
                throw new IllegalArgumentException(file + " is not an IDX file: it is shorter than the 4-byte magic number");
            }
            int zeros = magic >>> 16, type = (magic >>> 8) & 0xff, rank = magic & 0xff;
            if (zeros != 0 || type != UNSIGNED_BYTE) {
                throw new IllegalArgumentException(String.format(
                        "%s is not an unsigned-byte IDX file: magic number 0x%08x, expected 0x000008%02x", file, magic, expectedRank));
            }
            if (rank != expectedRank) {
                throw new IllegalArgumentException(String.format(
                        "%s has %d axes (magic 0x%08x) but %d were expected (magic 0x000008%02x)", file, rank, magic, expectedRank, expectedRank));
            }
            int[] shape = new int[rank];
            long n = 1;
            for (int a = 0; a < rank; a++) {
                try {
                    shape[a] = d.readInt();
                } catch (EOFException e) {
                    throw new IllegalArgumentException(file + " ends inside its header (extent " + a + " of " + rank + " missing)");
                }
                if (shape[a] < 0) {
                    throw new IllegalArgumentException(file + " has a negative extent in its header: " + shape[a]);
                }
                n *= shape[a];
            }
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + " declares shape " + Arrays.toString(shape) + ", too large to read");
            }
            byte[] data = new byte[(int) n];
            int got = d.readNBytes(data, 0, data.length);
            if (got != data.length) {
                throw new IllegalArgumentException(file + " is truncated: its header declares shape " + Arrays.toString(shape)
                        + " = " + n + " values but only " + got + " follow");
            }
            if (d.read() != -1) {
                throw new IllegalArgumentException(file + " has bytes after the " + n + " values its header "
                        + Arrays.toString(shape) + " declares");
            }
            return new Array(shape, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
