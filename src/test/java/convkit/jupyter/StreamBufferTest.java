package convkit.jupyter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Coalesced output is cut only between whole UTF-8 characters. */
class StreamBufferTest {

    @Test
    void aCutNeverSplitsAUtf8Sequence() {
        byte[] text = "a\u00e9\u4e2d\uD83D\uDE00".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes
        int[] expected = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10};
        for (int len = 0; len <= text.length; len++) {
            assertThat(StreamBuffer.completeUtf8(text, len)).as("prefix of %d bytes", len).isEqualTo(expected[len]);
        }
    }

    @Test
    void invalidBytesAreNotHeldBack() {
        byte[] stray = {'a', (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertThat(StreamBuffer.completeUtf8(stray, 4)).isEqualTo(4);
    }
}
