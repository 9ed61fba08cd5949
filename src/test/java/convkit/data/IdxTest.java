package convkit.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxTest {
    @TempDir
    Path dir;

    @Test
    void readsGzippedAndPlainFiles() throws IOException {
        byte[] data = {0, 1, 2, (byte) 255, 4, 5};
        for (String name : new String[] {"a-idx3-ubyte.gz", "a-idx3-ubyte"}) {
            Idx.Array a = Idx.read(IdxFiles.write(dir.resolve(name), 0x803, new int[] {1, 2, 3}, data), 3);
            assertThat(a.shape()).containsExactly(1, 2, 3);
            assertThat(a.data()).containsExactly(data);
            assertThat(a.unsigned(3)).isEqualTo(255);
        }
    }

    @Test
    void wrongMagicNumberIsNamed() throws IOException {
        Path f = IdxFiles.write(dir.resolve("bad.gz"), 0x0d03, new int[] {1, 1, 1}, new byte[1]);
        assertThatThrownBy(() -> Idx.read(f, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.gz").hasMessageContaining("0x00000d03").hasMessageContaining("0x00000803");
    }

    @Test
    void wrongRankIsNamed() throws IOException {
        Path f = IdxFiles.write(dir.resolve("labels.gz"), 0x801, new int[] {3}, new byte[3]);
        assertThatThrownBy(() -> Idx.read(f, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels.gz has 1 axes").hasMessageContaining("3 were expected");
    }

    @Test
    void truncatedAndOverlongFilesAreReported() throws IOException {
        Path shortFile = IdxFiles.write(dir.resolve("short.gz"), 0x803, new int[] {2, 2, 2}, new byte[7]);
        assertThatThrownBy(() -> Idx.read(shortFile, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated").hasMessageContaining("[2, 2, 2]").hasMessageContaining("only 7");
        Path longFile = IdxFiles.write(dir.resolve("long.gz"), 0x803, new int[] {1, 2, 2}, new byte[5]);
        assertThatThrownBy(() -> Idx.read(longFile, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes after");
        Path header = IdxFiles.write(dir.resolve("header.gz"), 0x803, new int[] {1}, new byte[0]);
        assertThatThrownBy(() -> Idx.read(header, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header");
    }

    @Test
    void notGzipIsAnIoError() throws IOException {
        Path f = IdxFiles.write(dir.resolve("plain-but-named.gz.tmp"), 0x803, new int[] {1, 1, 1}, new byte[1]);
        Path renamed = java.nio.file.Files.move(f, dir.resolve("fake.gz"));
        assertThatThrownBy(() -> Idx.read(renamed, 3)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("fake.gz");
    }
}
