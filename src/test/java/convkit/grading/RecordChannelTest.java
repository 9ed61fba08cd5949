package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The record channel's HMAC-SHA256 against RFC 4231 and the JDK's Mac; forged, replayed and reordered lines refused. */
class RecordChannelTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hmacIsRfc4231sAndTheJdksMac() throws Exception {
        // RFC 4231, test case 1
        byte[] key = new byte[20];
        java.util.Arrays.fill(key, (byte) 0x0b);
        assertThat(HEX.formatHex(new RecordChannel.HmacSha256(key).doFinal("Hi There".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        Random r = new Random(12);
        for (int t = 0; t < 300; t++) {
            byte[] k = new byte[1 + r.nextInt(150)], m = new byte[r.nextInt(300)];
            r.nextBytes(k);
            r.nextBytes(m);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(k, "HmacSHA256"));
            RecordChannel.HmacSha256 ours = new RecordChannel.HmacSha256(k);
            byte[] want = jdk.doFinal(m);
            assertThat(ours.doFinal(m)).as("key %d bytes, message %d bytes", k.length, m.length).isEqualTo(want);
            assertThat(ours.doFinal(m)).as("the same again (reusable)").isEqualTo(want);
        }
    }

    @Test
    void acceptsTheWritersLinesInOrderAndNothingElse() {
        String key = RecordChannel.newKey();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordChannel.Writer w = new RecordChannel.Writer(key, out);
        w.write("{\"kind\":\"a\"}");
        w.write("{\"kind\":\"b\"}");
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        RecordChannel.Reader other = new RecordChannel.Reader(RecordChannel.newKey());
        assertThat(other.accept(lines[0])).as("another run's key").isNull();
        RecordChannel.Reader r = new RecordChannel.Reader(key);
        assertThat(r.accept(lines[1])).as("out of order").isNull();
        assertThat(r.accept(lines[0])).isEqualTo("{\"kind\":\"a\"}");
        assertThat(r.accept(lines[0])).as("replayed").isNull();
        assertThat(r.accept(lines[1].replace("\"b\"", "\"c\""))).as("altered").isNull();
        assertThat(r.accept(lines[1])).isEqualTo("{\"kind\":\"b\"}");
        assertThat(r.refused).isEqualTo(3);
        assertThat(other.refused).isEqualTo(1);
    }

    @Test
    void recordsWrittenByHandReadBackWithGsonFieldForField() {
        Random r = new Random(7);
        com.google.gson.Gson gson = new com.google.gson.Gson();
        for (int t = 0; t < 500; t++) {
            RunRecord a = RunRecord.of(t % 3 == 0 ? "finished" : "planned");
            a.key = "convkit.exercises.T#m" + t;
            a.message = t % 5 == 0 ? null : randomText(r);
            a.output = randomText(r);
            a.displayName = "[1] " + randomText(r);
            a.millis = r.nextInt(100000);
            a.points = r.nextInt(50) / 4.0;
            a.tags = t % 2 == 0 ? null : new String[] {"7.2", randomText(r)};
            String json = a.toJson();
            assertThat(json).doesNotContain("\n", "\r", "\u2028");
            RunRecord b = gson.fromJson(json, RunRecord.class);
            assertThat(gson.toJson(b)).as("record %d: %s", t, json).isEqualTo(gson.toJson(a));
        }
    }

    /** Text with what a hostile or careless hand-in prints: quotes, backslashes, control characters, non-Latin, lone surrogates. */
    private static String randomText(Random r) {
        String alphabet = "ab \"\\\n\r\t\u0000\u0001\u001f\u007f/<>&=\u00e9\u4e2d\u2028\u2029\ud83d\ude00\ud800\udfff{}[]:,";
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(40); i > 0; i--) b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return b.toString();
    }
}
