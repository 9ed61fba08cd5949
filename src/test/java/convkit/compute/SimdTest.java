package convkit.compute;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimdTest {
    @Test
    void theTestJvmHasTheVectorModuleAndSaysWhichLoopsRun() {
        // surefire starts the tests with --add-modules jdk.incubator.vector (pom.xml), as ./convkit and the kernel do
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        assertThat(Simd.enabled()).isEqualTo(VectorGemm.supported());
        assertThat(Simd.describe()).startsWith(Simd.enabled() ? "SIMD on" : "SIMD off");
    }
}
