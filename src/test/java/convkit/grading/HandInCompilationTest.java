package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import convkit.grading.batch.BatchGradeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ways a hand-in's sources bent what the compiler made of them (red-team findings; real sandbox, real JVMs):
 * <ul>
 *   <li>a class of convkit.exercises named like a java.lang class ({@code Math}) stood for that class in the
 *       instructor's tests whenever they were compiled against the hand-in (any API change, here one overload,
 *       does that): a package's own types come before the implicit {@code import java.lang.*}, so the hand-in's
 *       {@code Math.abs} decided LibraryOracle's comparisons and its {@code Math.max} the ReLU and the expected value
 *       of 7.5.3. A ScratchConvolution that computes nothing and a network of zeros earned 11 points they do not earn;</li>
 *   <li>a file on which javac itself fails (a StackOverflowError on an expression nested thousands deep) gave no
 *       diagnostic, so no file was blamed and the whole submission scored 0 instead of that file's exercises.</li>
 * </ul>
 */
class HandInCompilationTest {

    @Test
    void aClassNamedLikeOneOfJavaLangIsRefused(@TempDir Path tmp) throws Exception {
        Path hand = tmp.resolve("shadows-math");
        BatchGradeTest.kit(hand, Map.of(
                // a layer that computes nothing: zeros forward, zeros backward, no parameter gradients
                "ScratchConvolution", s -> s.replace("Tensor out = col.matmul(colW).add(bias.value().reshape(1, fn));\n"
                                + "        return out.reshape(n, oh, ow, fn).permute(0, 3, 1, 2);", "return Tensor.zeros(n, fn, oh, ow);")
                        .replace("accumulate(bias.grad(), db);", "")
                        .replace("accumulate(weight.grad(), dW);", "")
                        .replace("return Ops.col2im(dcol, xShape, ws[2], ws[3], stride, pad);", "return Tensor.zeros(xShape);"),
                // a network of zeros
                "Sec75Pooling", s -> s.replaceAll("Tensor w1 = Tensor.of\\([^;]*;", "Tensor w1 = Tensor.zeros(1, 2);")
                        .replaceAll("Tensor w2 = Tensor.of\\([^;]*;", "Tensor w2 = Tensor.zeros(1, 1);"),
                // one overload more than the stub: the tests are compiled against this hand-in
                "Sec73PaddingStride", s -> s.replace("return Math.floorDiv(", "return java.lang.Math.floorDiv(")
                        .replace("    /** 7.3.3 For an audio", "    public static int side224Kernel11(int unused) {\n        return 0;\n    }\n\n"
                                + "    /** 7.3.3 For an audio")));
        Files.writeString(hand.resolve("src/main/java/convkit/exercises/Math.java"), """
                package convkit.exercises;

                public final class Math {
                    private Math() {
                    }

                    public static double abs(double x) {
                        return -1;
                    }

                    public static double max(double a, double b) {
                        return 0;
                    }

                    public static double min(double a, double b) {
                        return java.lang.Math.min(a, b);
                    }

                    public static double nextUp(double d) {
                        return java.lang.Math.nextUp(d);
                    }
                }
                """);
        GradeReport r = Instructor.grade(KitPaths.root(), hand, tmp.resolve("out"), "");
        for (String n : new String[] {"7.9.4.2", "7.9.4.3", "7.9.4.4", "7.9.4.6", "7.5.3.1", "7.5.3.2"}) {
            assertThat(test(r, n).score()).as("%s of a layer that computes nothing / a network of zeros", n).isZero();
        }
        assertThat(test(r, "7.3.1.1").score()).as("the rest of the hand-in still counts").isEqualTo(4);
        assertThat(r.notes()).anyMatch(n -> n.contains("Refused convkit/exercises/Math.java") && n.contains("java.lang.Math"));
    }

    @Test
    void aClassNamedLikeAPackageIsRefused(@TempDir Path tmp) throws Exception {
        // a class "java" obscures the package java (JLS 6.4.2) in the tests: their java.util.function.BiFunction, the
        // type of Sec72KernelsTest.image's pixel function, was the hand-in's, whose apply() swapped i and j, so every
        // test image was transposed and the transposed direction kernel (a plausible wrong answer) earned 7.2.2.1-2
        Path hand = tmp.resolve("shadows-java");
        BatchGradeTest.kit(hand, Map.of(
                "Sec72Kernels", s -> s.replace("{{v1 + v2, -v1}, {-v2, 0}}", "{{v1 + v2, -v2}, {-v1, 0}}"),
                "Sec73PaddingStride", s -> s.replace("    /** 7.3.3 For an audio", "    public static int side224Kernel11(int unused) {\n"
                        + "        return 0;\n    }\n\n    /** 7.3.3 For an audio")));
        Path pkg = hand.resolve("src/main/java/convkit/exercises");
        Files.writeString(pkg.resolve("RealArrays.java"), """
                package convkit.exercises;

                import java.util.Arrays;
                import java.util.Comparator;

                final class RealArrays {
                    static String toString(int[] a) {
                        return Arrays.toString(a);
                    }

                    static <T> void sort(T[] a, Comparator<? super T> c) {
                        Arrays.sort(a, c);
                    }
                }
                """);
        Files.writeString(pkg.resolve("java.java"), """
                package convkit.exercises;

                import java.util.Comparator;

                public final class java {
                    public static final class util {
                        public static final class Arrays {
                            public static String toString(int[] a) {
                                return RealArrays.toString(a);
                            }

                            public static <T> void sort(T[] a, Comparator<? super T> c) {
                                RealArrays.sort(a, c);
                            }
                        }

                        public static final class function {
                            public interface BiFunction<A, B, C> {
                                C of(A a, B b);

                                @SuppressWarnings("unchecked")
                                default C apply(A a, B b) {
                                    return of((A) b, (B) a);
                                }
                            }
                        }
                    }
                }
                """);
        GradeReport r = Instructor.grade(KitPaths.root(), hand, tmp.resolve("out"), "");
        assertThat(test(r, "7.2.2.1").score()).as("the transposed kernel passes only the cases where it is right").isEqualTo(0.5);
        assertThat(test(r, "7.2.2.2").score()).isZero();
        assertThat(r.notes()).anyMatch(n -> n.contains("Refused convkit/exercises/java.java") && n.contains("package java"));
    }

    @Test
    void aFileTheCompilerGivesUpOnCostsOnlyItsOwnExercises(@TempDir Path tmp) throws Exception {
        Path hand = tmp.resolve("deep-expression");
        BatchGradeTest.kit(hand, Map.of("Sec73PaddingStride",
                s -> s.replace("return 214;", "return " + "(".repeat(30_000) + "214" + ")".repeat(30_000) + ";")));
        GradeReport r = Instructor.grade(KitPaths.root(), hand, tmp.resolve("out"), "");
        for (TestResult t : r.tests()) {
            boolean sec73 = t.key().startsWith("convkit.exercises.Sec73PaddingStride");
            assertThat(t.score()).as("%s %s", t.number(), t.name()).isEqualTo(sec73 ? 0 : t.maxScore());
        }
        assertThat(r.notes()).anyMatch(n -> n.contains("Sec73PaddingStride.java does not compile") && n.contains("StackOverflowError"));
    }

    @Test
    void aModuleDeclarationInThePackageFolderIsIgnored(@TempDir Path tmp) throws Exception {
        // what an IDE's "create module-info.java" leaves behind: before, every other file then failed to compile
        // ("package convkit.nn is not visible ... module evil does not read it") and the correct hand-in scored 0
        Path hand = tmp.resolve("module-info");
        BatchGradeTest.kit(hand, Map.of());
        Files.writeString(hand.resolve("src/main/java/convkit/exercises/module-info.java"), "module exercises {\n    requires java.base;\n}\n");
        GradeReport r = Instructor.grade(KitPaths.root(), hand, tmp.resolve("out"), "");
        assertThat(r.score()).as("a correct hand-in").isEqualTo(r.maxScore());
        assertThat(r.notes()).anyMatch(n -> n.contains("Ignored convkit/exercises/module-info.java"));
    }

    static TestResult test(GradeReport r, String number) {
        return r.tests().stream().filter(t -> t.number().equals(number)).findFirst().orElseThrow();
    }
}
