package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip writer that keeps Unix modes: read back by the JDK, by its zip file system and by Info-ZIP's unzip. */
public class UnixZipTest {
    @TempDir
    Path tmp;

    Path sample() throws IOException {
        Path zip = tmp.resolve("t.zip");
        byte[] big = new byte[200_000];
        new Random(7).nextBytes(big);
        try (UnixZip z = new UnixZip(Files.newOutputStream(zip))) {
            z.add("kit/run.sh", "#!/bin/sh\necho ran\n".getBytes(StandardCharsets.UTF_8), UnixZip.EXECUTABLE);
            z.add("kit/docs/read me.txt", "plain ü\n".getBytes(StandardCharsets.UTF_8), UnixZip.FILE);
            z.add("kit/empty", new byte[0], 0600);
            z.add("kit/random.bin", big, UnixZip.FILE);
        }
        return zip;
    }

    @Test
    void theJdkReadsTheContentBack() throws IOException {
        Path zip = sample();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertThat(z.size()).isEqualTo(4);
            assertThat(new String(z.getInputStream(z.getEntry("kit/docs/read me.txt")).readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("plain ü\n");
            assertThat(z.getInputStream(z.getEntry("kit/empty")).readAllBytes()).isEmpty();
            byte[] big = new byte[200_000];
            new Random(7).nextBytes(big);
            assertThat(z.getInputStream(z.getEntry("kit/random.bin")).readAllBytes()).isEqualTo(big);
        }
    }

    @Test
    void theModeIsRecorded() throws IOException {
        Path zip = sample();
        try (var fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", "true"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fs.getPath("kit/run.sh")))).isEqualTo("rwxr-xr-x");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fs.getPath("kit/docs/read me.txt")))).isEqualTo("rw-r--r--");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fs.getPath("kit/empty")))).isEqualTo("rw-------");
        }
    }

    @Test
    void unzipRestoresTheExecutableBit() throws Exception {
        Path zip = sample();
        Path out = tmp.resolve("out");
        unzip(zip, out);
        assertThat(Files.getPosixFilePermissions(out.resolve("kit/run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(out.resolve("kit/docs/read me.txt"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
        Process p = new ProcessBuilder(out.resolve("kit/run.sh").toString()).redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ran\n");
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sameFilesGiveTheSameBytes() throws IOException {
        byte[] a = Files.readAllBytes(sample());
        byte[] b = Files.readAllBytes(sample());
        assertThat(a).isEqualTo(b);
    }

    @Test
    void badNamesAndModesAreRefused() throws IOException {
        try (UnixZip z = new UnixZip(Files.newOutputStream(tmp.resolve("bad.zip")))) {
            z.add("a", new byte[1], UnixZip.FILE);
            assertThatThrownBy(() -> z.add("a", new byte[1], UnixZip.FILE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a is already");
            assertThatThrownBy(() -> z.add("/abs", new byte[1], UnixZip.FILE)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
            assertThatThrownBy(() -> z.add("b", new byte[1], 01755)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode");
        }
    }

    /** Info-ZIP's unzip, as a user would run it (the test fails if it is not installed: Debian package unzip). */
    public static void unzip(Path zip, Path dest) throws Exception {
        Files.createDirectories(dest);
        Process p = new ProcessBuilder("unzip", "-q", "-o", zip.toString(), "-d", dest.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("unzip: %s", out).isZero();
    }
}
