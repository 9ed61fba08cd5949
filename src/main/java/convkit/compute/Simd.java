package convkit.compute;

/**
 * Whether the library's hot loops use the JDK's vector API ({@code jdk.incubator.vector}: explicit AVX2/FMA
 * registers) or plain Java loops.
 *
 * <p>The vector code ({@link PackedGemm} and {@link PackedGemmF}, the matrix multiplies behind convolutions and dense
 * layers, at the CPU's preferred vector width, 512 bits on AVX-512; {@link VectorGemm}, the earlier 256-bit loops, is
 * no longer called by {@code Gemm} and only kept with its tests;
 * {@link VectorMath}, the sigmoid) are used when all of these hold:
 * <ul>
 *   <li>the JVM was started with {@code --add-modules jdk.incubator.vector} (the {@code ./convkit} script, the
 *       kit's Jupyter kernel and {@code mvn test} do this; Java then prints one line,
 *       {@code WARNING: Using incubator modules: jdk.incubator.vector}, on standard error);</li>
 *   <li>the CPU has vectors of at least 256 bits (x86-64 with AVX2);</li>
 *   <li>the system property {@code convkit.simd} is not {@code false}.</li>
 * </ul>
 * Otherwise every operation runs the plain loops: same results up to rounding in the last bits (the vector GEMM
 * sums in a different order and uses fused multiply-add), about 1.4 times slower on the LeNet training step. Either
 * way a result does not depend on the JIT: the vector code uses only exactly specified operations in a fixed
 * order (no {@code reduceLanes(ADD)} and an exponential of our own instead of {@code lanewise(EXP)}: the vector API
 * leaves the results of those two open, and they differ between the interpreter and compiled code).
 */
public final class Simd {
    private static final boolean ENABLED = detect();

    private Simd() {
    }

    /** Whether the vector code is in use in this JVM (decided once, at class initialisation). */
    public static boolean enabled() {
        return ENABLED;
    }

    /** One line for progress output: which loops run, and how to switch the vector ones on when they are off. */
    public static String describe() {
        if (ENABLED) {
            return "SIMD on (jdk.incubator.vector, " + jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.vectorBitSize()
                    + "-bit vectors)";
        }
        if ("false".equals(System.getProperty("convkit.simd"))) return "SIMD off (-Dconvkit.simd=false)";
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "SIMD off: start java with --add-modules jdk.incubator.vector for the faster vector loops";
        }
        return "SIMD off: this CPU has no 256-bit vectors";
    }

    private static boolean detect() {
        if ("false".equals(System.getProperty("convkit.simd"))) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return VectorGemm.supported() && smokeTest();
        } catch (LinkageError | RuntimeException e) {   // the module is there but its API does not link: plain loops
            return false;
        }
    }

    /** Every vector loop once, on a tiny problem with an exact answer, so that an API that fails to link fails here. */
    private static boolean smokeTest() {
        double[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, b = {1, 0, 2, 1, 0, 1, 1, 2, 3, 1};
        double[] nn = new double[25], nt = new double[4];
        // not VectorGemm (256-bit): a run of it would pollute the JIT's profiles of the vector API (see VectorMath)
        PackedGemm.gemm(false, false, 5, 5, 2, a, 0, 2, b, 0, 5, nn, 0, 5, false);      // (5x2) . (2x5)
        PackedGemm.gemm(false, true, 2, 2, 5, a, 0, 5, b, 0, 5, nt, 0, 2, false);       // (2x5) . (2x5)^T
        float[] af = {1, 2, 3}, packedF = new float[1];
        PackedGemmF.gemm(false, false, 1, 1, 3, af, 0, 3, af, 0, 1, packedF, 0, 1, false);
        double[] sig = new double[5];
        VectorMath.sigmoid(new double[] {0, 0, 0, 0, 0}, sig, 0, 5);
        return nn[0] == 1 + 2 * 1 && nn[24] == 9 * 0 + 10 * 1 && nt[0] == 1 + 2 * 0 + 3 * 2 + 4 * 1 + 5 * 0
                && nt[3] == 6 * 1 + 7 * 1 + 8 * 2 + 9 * 3 + 10 * 1 && sig[4] == 0.5
                && packedF[0] == 14;
    }
}
