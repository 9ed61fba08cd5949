package convkit;

/**
 * Whether the library's hot loops use the JDK's vector API ({@code jdk.incubator.vector}: explicit AVX2/FMA
 * registers) or plain Java loops.
 *
 * <p>The vector kernels ({@link VectorGemm}, {@link VectorMath}) are used when all of these hold:
 * <ul>
 *   <li>the JVM was started with {@code --add-modules jdk.incubator.vector} (the {@code ./convkit} script, the
 *       kit's Jupyter kernel and {@code mvn test} do this; Java then prints one line,
 *       {@code WARNING: Using incubator modules: jdk.incubator.vector}, on standard error);</li>
 *   <li>the CPU has vectors of at least 256 bits (x86-64 with AVX2);</li>
 *   <li>the system property {@code convkit.simd} is not {@code false}.</li>
 * </ul>
 * Otherwise every operation runs the plain loops: same results up to rounding in the last bits (the vector GEMM
 * sums in a different order and uses fused multiply-add), several times slower on the LeNet training step.
 */
public final class Simd {
    private static final boolean ENABLED = detect();

    private Simd() {
    }

    /** Whether the vector kernels are in use in this JVM (decided once, at class initialisation). */
    public static boolean enabled() {
        return ENABLED;
    }

    /** One line for progress output: which kernels run, and how to switch the vector ones on when they are off. */
    public static String describe() {
        if (ENABLED) return "vector kernels on (jdk.incubator.vector, 256-bit)";
        if ("false".equals(System.getProperty("convkit.simd"))) return "vector kernels off (-Dconvkit.simd=false)";
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return "vector kernels off: start java with --add-modules jdk.incubator.vector for the faster vector kernels";
        }
        return "vector kernels off: this CPU has no 256-bit vectors";
    }

    private static boolean detect() {
        if ("false".equals(System.getProperty("convkit.simd"))) return false;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return false;
        try {
            return VectorGemm.supported();
        } catch (LinkageError e) {   // the module is there but cannot be linked: stay on the plain loops
            return false;
        }
    }
}
