package convkit.grading;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The result channel from a test JVM to the grader: one line per {@link RunRecord},
 * {@code R <seq> <hmac> <json>}, where {@code hmac} is HMAC-SHA256 over {@code "<seq>|<json>"} with a key
 * that the grader draws at random for every run and hands to the child on its stdin before any student class
 * exists. The grader accepts a line only if its sequence number is the next one and its MAC is right, so
 * student code can neither invent, replay nor reorder records; what it can do (garble or cut the stream) only
 * loses records, and a missing record fails its test.
 */
final class RecordChannel {
    static final String PREFIX = "R ";
    private static final HexFormat HEX = HexFormat.of();

    private RecordChannel() {
    }

    /** A fresh random key (32 bytes), hex. */
    static String newKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return HEX.formatHex(k);
    }

    static HmacSha256 mac(String hexKey) {
        return new HmacSha256(HEX.parseHex(hexKey));
    }

    /**
     * HMAC-SHA256 (RFC 2104) over the JDK's SHA-256 {@link MessageDigest}: the same tags as
     * {@code javax.crypto.Mac.getInstance("HmacSHA256")} (a test compares them), without the JCE provider lookup,
     * which loads and initialises every security provider in a fresh JVM (about 60 ms of each test JVM's CPU).
     */
    static final class HmacSha256 {
        private static final int BLOCK = 64;
        private final byte[] inner = new byte[BLOCK], outer = new byte[BLOCK];
        private final MessageDigest sha;

        HmacSha256(byte[] key) {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is not available", e);
            }
            byte[] k = key.length > BLOCK ? sha.digest(key) : key;
            for (int i = 0; i < BLOCK; i++) {
                byte b = i < k.length ? k[i] : 0;
                inner[i] = (byte) (b ^ 0x36);
                outer[i] = (byte) (b ^ 0x5c);
            }
        }

        /** The tag of {@code message} (32 bytes). */
        byte[] doFinal(byte[] message) {
            sha.reset();
            sha.update(inner);
            byte[] h = sha.digest(message);
            sha.update(outer);
            return sha.digest(h);
        }
    }

    /** The child's writer: signs and writes records on the stream it was given (the child's original stdout). */
    static final class Writer {
        private final HmacSha256 mac;
        private final OutputStream out;
        private long seq;

        Writer(String hexKey, OutputStream out) {
            this.mac = mac(hexKey);
            this.out = out;
        }

        synchronized void write(String json) {
            String body = seq + "|" + json;
            String line = PREFIX + seq + " " + HEX.formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))) + " " + json + "\n";
            seq++;
            try {
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // the grader went away: nothing left to report to
            }
        }
    }

    /** The grader's reader: verifies every line; counts what it refused. */
    static final class Reader {
        private final HmacSha256 mac;
        private long next;
        int refused;

        Reader(String hexKey) {
            this.mac = mac(hexKey);
        }

        /** The record's JSON if {@code line} is the next authentic record, else null (and counted as refused). */
        String accept(String line) {
            if (!line.startsWith(PREFIX)) {
                refused++;
                return null;
            }
            int a = line.indexOf(' ', 2), b = a < 0 ? -1 : line.indexOf(' ', a + 1);
            if (b < 0) {
                refused++;
                return null;
            }
            String seq = line.substring(2, a), tag = line.substring(a + 1, b), json = line.substring(b + 1);
            byte[] want = mac.doFinal((seq + "|" + json).getBytes(StandardCharsets.UTF_8));
            byte[] got;
            try {
                got = HEX.parseHex(tag);
            } catch (IllegalArgumentException e) {
                refused++;
                return null;
            }
            if (!MessageDigest.isEqual(want, got) || !seq.equals(String.valueOf(next))) {
                refused++;
                return null;
            }
            next++;
            return json;
        }
    }

    /** Reads lines of at most {@code maxLine} characters (longer ones are cut and so fail their MAC). */
    static BufferedReader lines(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
