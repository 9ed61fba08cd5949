package convkit.grading;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal zip writer that records each file's Unix mode, so that {@code unzip} restores the executable bit of
 * scripts ({@code ./convkit}, Gradescope's {@code setup.sh} and {@code run_autograder}). {@link java.util.zip.ZipOutputStream}
 * cannot write a mode: the mode goes into the "external file attributes" of the central directory (high 16 bits,
 * with "version made by" = Unix), which is what Info-ZIP's zip does.
 *
 * <p>Entries are deflated; every entry gets the same timestamp (1980-01-01 00:00, the DOS epoch), so the same
 * files give the same zip bytes. No directory entries (unzip creates directories), no Zip64: at most 65,535
 * entries and 4 GiB. Format: PKWARE APPNOTE.TXT 6.3, sections 4.3.7 (local header), 4.3.12 (central directory),
 * 4.3.16 (end record). Not thread-safe.
 */
public final class UnixZip implements Closeable {
    /** rw-r--r-- */
    public static final int FILE = 0644;
    /** rwxr-xr-x */
    public static final int EXECUTABLE = 0755;

    private static final int S_IFREG = 0100000;
    private static final int DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;
    private static final int UTF8_NAMES = 1 << 11;

    private final OutputStream out;
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private final Set<String> names = new HashSet<>();
    private long offset;
    private int count;
    private boolean closed;

    /** Writes to {@code out}, which {@link #close()} closes. */
    public UnixZip(OutputStream out) {
        this.out = out;
    }

    /** The mode a checkout file gets in the zip: {@link #EXECUTABLE} if it is executable here, else {@link #FILE}. */
    public static int modeOf(Path file) {
        return Files.isExecutable(file) ? EXECUTABLE : FILE;
    }

    /**
     * Adds a file. {@code name} uses '/' and no leading '/'; {@code mode} holds the permission bits (e.g. 0755).
     * Throws IllegalArgumentException for a duplicate or malformed name or a mode outside 0..0777.
     */
    public void add(String name, byte[] content, int mode) throws IOException {
        if (closed) throw new IllegalStateException("zip already closed");
        if (name == null || name.isEmpty() || name.startsWith("/") || name.endsWith("/") || name.contains("\\")) {
            throw new IllegalArgumentException("name must be a relative file path with '/' separators, got: " + name);
        }
        if (mode < 0 || mode > 0777) throw new IllegalArgumentException("mode must be permission bits 0..0777, got: " + Integer.toOctalString(mode));
        if (!names.add(name)) throw new IllegalArgumentException("name " + name + " is already in the zip");
        if (count == 0xFFFF) throw new IllegalStateException("more than 65,535 entries need Zip64, which UnixZip does not write");
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] packed = deflate(content);
        if (offset + packed.length + 30L + nameBytes.length > 0xFFFFFFFFL) {
            throw new IllegalStateException("the zip would exceed 4 GiB, which needs Zip64");
        }

        ByteArrayOutputStream local = new ByteArrayOutputStream();
        int32(local, 0x04034b50);
        int16(local, 20);                   // version needed to extract: 2.0 (deflate)
        int16(local, UTF8_NAMES);
        int16(local, 8);                    // deflated
        int16(local, 0);                    // time 00:00
        int16(local, DOS_DATE_1980_01_01);
        int32(local, (int) crc.getValue());
        int32(local, packed.length);
        int32(local, content.length);
        int16(local, nameBytes.length);
        int16(local, 0);                    // no extra field
        local.write(nameBytes);
        local.writeTo(out);
        out.write(packed);

        int32(central, 0x02014b50);
        int16(central, (3 << 8) | 20);      // made by: Unix, spec 2.0 -> external attributes hold st_mode
        int16(central, 20);
        int16(central, UTF8_NAMES);
        int16(central, 8);
        int16(central, 0);
        int16(central, DOS_DATE_1980_01_01);
        int32(central, (int) crc.getValue());
        int32(central, packed.length);
        int32(central, content.length);
        int16(central, nameBytes.length);
        int16(central, 0);                  // extra
        int16(central, 0);                  // comment
        int16(central, 0);                  // disk number
        int16(central, 0);                  // internal attributes
        int32(central, (S_IFREG | mode) << 16);
        int32(central, (int) offset);
        central.write(nameBytes);

        offset += local.size() + packed.length;
        count++;
    }

    /** Writes the central directory and the end record, then closes the stream. */
    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try (out) {
            if (offset > 0xFFFFFFFFL - central.size()) throw new IllegalStateException("the zip would exceed 4 GiB, which needs Zip64");
            central.writeTo(out);
            ByteArrayOutputStream end = new ByteArrayOutputStream();
            int32(end, 0x06054b50);
            int16(end, 0);
            int16(end, 0);
            int16(end, count);
            int16(end, count);
            int32(end, central.size());
            int32(end, (int) offset);
            int16(end, 0);                  // comment length
            end.writeTo(out);
        }
    }

    private static byte[] deflate(byte[] content) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            d.setInput(content);
            d.finish();
            ByteArrayOutputStream b = new ByteArrayOutputStream(Math.max(64, content.length / 2));
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) b.write(buf, 0, d.deflate(buf));
            return b.toByteArray();
        } finally {
            d.end();
        }
    }

    private static void int16(ByteArrayOutputStream b, int v) {
        b.write(v & 0xFF);
        b.write((v >>> 8) & 0xFF);
    }

    private static void int32(ByteArrayOutputStream b, int v) {
        int16(b, v & 0xFFFF);
        int16(b, (v >>> 16) & 0xFFFF);
    }
}
