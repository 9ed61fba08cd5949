package convkit.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Unpacks a student's zip: no entry may leave the folder, and a zip bomb is stopped while it is being written. */
public final class SafeUnzip {
    /** Unpacked size above which a zip is refused (the submission then scores zero with this reason). */
    public static final long MAX_UNZIPPED_BYTES = 200_000_000L;

    private SafeUnzip() {
    }

    /** Unpacks {@code zip} into {@code dest} (created if missing). */
    public static void unzip(Path zip, Path dest) throws IOException {
        Files.createDirectories(dest);
        long total = 0;
        byte[] buf = new byte[65536];
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path p = dest.resolve(e.getName()).normalize();
                if (!p.startsWith(dest)) throw new IOException("zip entry outside the folder: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                    continue;
                }
                Files.createDirectories(p.getParent());
                try (OutputStream out = Files.newOutputStream(p)) {
                    for (int n; (n = z.read(buf)) > 0; ) {
                        total += n;
                        if (total > MAX_UNZIPPED_BYTES) {
                            throw new IOException("the zip unpacks to more than " + MAX_UNZIPPED_BYTES / 1_000_000 + " MB");
                        }
                        out.write(buf, 0, n);
                    }
                }
            }
        }
    }
}
