package convkit.book;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.compute.Simd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The library's side of exercise 7.4.4 (Sec74Channels.y1VersusY2) and of notebook 03's cell on it: with the plain
 * loops the 1x1 convolution as a matrix product and the channel-by-channel one are bitwise equal on every case; with
 * the vector loops (fused multiply-add) they differ in the last bits on most cases and stay within 1e-12. Both
 * settings are run: this JVM (mvn test starts it with the vector module) and a child JVM with the other setting.
 */
class OneByOneEqualityTest {
    static final int CASES = 200;

    @Test
    void bothSettingsAgreeWithTheExerciseAnswer() throws Exception {
        check(Simd.enabled(), OneByOneEquality.count(CASES));
        String other = runChild(!Simd.enabled());
        boolean childSimd = other.contains("simd=on");
        assertThat(childSimd).as("child JVM SIMD setting (%s)", other).isEqualTo(!Simd.enabled());
        int equal = Integer.parseInt(other.replaceAll(".*equal=(\\d+).*", "$1").trim());
        int close = Integer.parseInt(other.replaceAll(".*close=(\\d+).*", "$1").trim());
        check(childSimd, new int[] {equal, close});
    }

    /** Notebook 03's cell on exercise 7.4.4: the two roundings written out, against corr2dMultiInOut. */
    @Test
    void theTwoRoundingsAsNotebook03ShowsThem() {
        int plain = 0, fused = 0, close = 0;
        for (int s = 0; s < CASES; s++) {
            convkit.Tensor x = convkit.Tensor.rand(s, 3, 3, 3), k = convkit.Tensor.rand(10_000 + s, 2, 3, 1, 1);
            convkit.Tensor y2 = Corr2d.corr2dMultiInOut(x, k), f = Corr2d.oneByOneInChannelOrder(x, k, true);
            // an independent oracle for the element (0, 0, 0): the fused chain by hand
            double byHand = 0;
            for (int c = 0; c < 3; c++) byHand = Math.fma(k.get(0, c, 0, 0), x.get(c, 0, 0), byHand);
            assertThat(f.get(0, 0, 0)).isEqualTo(byHand);
            if (Corr2d.oneByOneInChannelOrder(x, k, false).equals(y2)) plain++;
            if (f.equals(y2)) fused++;
            if (f.allClose(y2, 1e-12, 1e-12)) close++;
        }
        assertThat(plain).isEqualTo(CASES);
        assertThat(fused).isLessThan(CASES);
        assertThat(close).isEqualTo(CASES);
        String nb = convkit.testing.CommittedNotebook.load("03-").allText();
        assertThat(nb).contains("rounded products, bitwise equal to Y2 in all 200:  true")
                .contains("fused multiply-add, bitwise equal in all 200:       false")
                .contains("fused multiply-add, within 1e-12 in all 200:        true");
    }

    private static void check(boolean simd, int[] counts) {
        assertThat(counts[1]).as("cases within 1e-12 (simd %s)", simd).isEqualTo(CASES);
        if (simd) {
            assertThat(counts[0]).as("bitwise equal cases with fused multiply-add").isLessThan(CASES);
        } else {
            assertThat(counts[0]).as("bitwise equal cases with the plain loops").isEqualTo(CASES);
        }
    }

    private static String runChild(boolean simd) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (simd) {
            cmd.add("--add-modules");
            cmd.add("jdk.incubator.vector");
        } else {
            cmd.add("-Dconvkit.simd=false");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(OneByOneEquality.class.getName());
        cmd.add(Integer.toString(CASES));
        Path out = Files.createTempFile("convkit-1x1-", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("child JVM exit status, output: %s", text).isZero();
            return text.lines().filter(l -> l.startsWith("simd=")).findFirst().orElse(text);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
