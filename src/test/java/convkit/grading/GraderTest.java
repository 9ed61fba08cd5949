package convkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The grader proves itself on the kit's own exercises: the instructor's solutions score 100%, the untouched
 * stubs 0% with every graded test failing, and plausible wrong answers (a transposed kernel, an off-by-one size,
 * ceil instead of floor, a gradient missing a term, col2im overwriting, ...) each lose points, while broken code
 * (no compile, System.exit, an infinite loop) costs only its own exercise. The four gradings run concurrently.
 */
class GraderTest {
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path SOL = ROOT.resolve("solutions");
    static Path tmp;
    static CompletableFuture<GradeReport> solutions, stubs, wrongA, wrongB, wrongC, exitUnguarded;

    static Grader instructor(Path sources) {
        return new Grader().sources(sources).tests(SOL.resolve("src/test/java"), SOL.resolve("src/hidden/java"))
                .stubsFrom(SOL.resolve("src/main/java")).timeoutSeconds(3).deadlineSeconds(240);
    }

    @BeforeAll
    static void gradeEverything() throws IOException {
        tmp = Files.createTempDirectory("convkit-gradertest-");
        Path a = tmp.resolve("wrongA/src/main/java"), b = tmp.resolve("wrongB/src/main/java"), c = tmp.resolve("wrongC/src/main/java");
        KitBuilderTest.copy(SOL.resolve("src/main/java"), a);
        KitBuilderTest.copy(SOL.resolve("src/main/java"), b);
        KitBuilderTest.copy(SOL.resolve("src/main/java"), c);
        String ex = "convkit/exercises/";
        // --- submission A: one plausible mistake per exercise file, plus code that breaks the run ---
        mutate(a, ex + "Sec72Kernels.java", "return Tensor.of(new double[][] {{v1 + v2, -v1}, {-v2, 0}});",
                "return Tensor.of(new double[][] {{v1 + v2, -v1}, {-v2, 0}}).transpose(); // transposed kernel");
        mutate(a, ex + "Sec73PaddingStride.java", "return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s) + 1;",
                "return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s); // off by one");
        mutate(a, ex + "Sec73PaddingStride.java", "if (i < 0) return -i;", "if (i < 0) return -i - 1; // repeats the edge");
        mutate(a, ex + "Sec73PaddingStride.java", "if (i >= n) return 2 * (n - 1) - i;", "if (i >= n) return 2 * n - 1 - i;");
        mutate(a, ex + "Sec74Channels.java", "k1.get(u, v) * k2.get(s, t)", "k1.get(u, v) * k2.get(c - 1 - s, d - 1 - t)");
        mutate(a, ex + "Sec74Channels.java", "return Equality.EQUAL_UP_TO_ROUNDING;", "System.exit(0);\n        return null;");
        mutate(a, ex + "Sec75Pooling.java", "return false;", "while (true) { Thread.onSpinWait(); }");
        mutate(a, ex + "Sec75Pooling.java", "long oh = (h + 2L * padH - ph) / sh + 1, ow = (w + 2L * padW - pw) / sw + 1;",
                "long oh = (long) Math.ceil((h + 2.0 * padH - ph) / sh) + 1, ow = (long) Math.ceil((w + 2.0 * padW - pw) / sw) + 1;");
        mutate(a, ex + "ScratchCorr2d.java", "return y;", "return y // missing semicolon");
        mutate(a, ex + "ScratchIm2Col.java", "x.set(x.get(b, ch, y, xx) + col.get(", "x.set(0 * x.get(b, ch, y, xx) + col.get(");
        mutate(a, ex + "ScratchConvolution.java", "Tensor db = dout.sum(0);",
                "Tensor db = dout.reshape(dy.dim(0), -1, fn).at(0).sum(0); // forgets the other images");
        mutate(a, ex + "ScratchMaxPooling.java", "if (argmax[o] >= 0) d[argmax[o]] += g[o];", "if (argmax[o] >= 0) d[argmax[o]] = g[o];");
        mutate(a, ex + "Sec72Kernels.java", "        return 3;\n", "        for (int i = 0; i < 200_000; i++) System.out.println(\"spam spam spam spam spam spam spam spam spam spam \" + i);\n        return 3;\n");
        mutate(a, ex + "Sec73PaddingStride.java", "return new int[] {2, 2};",
                "java.util.List<long[]> hog = new java.util.ArrayList<>();\n        while (true) hog.add(new long[1 << 24]); // 128 MB blocks: fails at once, no GC thrash");
        write(a, ex + "Sec72KernelsTest.java", "package convkit.exercises; class Sec72KernelsTest { }");
        write(a, "org/junit/jupiter/api/Assertions.java", "package org.junit.jupiter.api; public class Assertions { }");
        // --- submission B: ceil instead of floor, everything else right ---
        mutate(b, ex + "Sec73PaddingStride.java", "return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s) + 1;",
                "return (int) Math.ceil((n + 2.0 * p - d * (k - 1) - 1) / s) + 1; // ceil");
        // --- submission C: more plausible mistakes, one per exercise, all compiling and none breaking the run ---
        mutate(c, ex + "Sec72Kernels.java", "// BEGIN SOLUTION Exercise 7.2.1c: compute Ops.corr2d(X, K.transpose()) and pick the Response you see\n"
                + "        return Response.MINUS_ONES_ON_A_DIAGONAL;", "return Response.PLUS_ONES_ON_A_DIAGONAL; // K^T on X taken for K on X");
        mutate(c, ex + "Sec72Kernels.java", "{{0, 1, 0}, {1, -4, 1}, {0, 1, 0}}", "{{0, 1, 0}, {1, 4, 1}, {0, 1, 0}}");
        mutate(c, ex + "Sec73PaddingStride.java", "return Math.floorDiv(n + 2 * p - d * (k - 1) - 1, s) + 1;",
                "return Math.floorDiv(n + 2 * p - (k - 1) - 1, s) + 1; // forgets the dilation");
        mutate(c, ex + "Sec74Channels.java", "long oh = (h + 2L * ph - kh) / sh + 1, ow = (w + 2L * pw - kw) / sw + 1;\n        return (long) co * oh",
                "long oh = (h - kh) / sh + 1, ow = (w - kw) / sw + 1; // forgets the padding\n        return (long) co * oh");
        mutate(c, ex + "Sec74Channels.java", "m.set(k.get(a, b), i * ow + j", "m.set(k.get(b % kh, a % kw), i * ow + j"); // transposed kernel
        mutate(c, ex + "Sec75Pooling.java", "return Tensor.full(1.0 / (p * q), p, q);", "return Tensor.full(1.0 / (p * q), q, p);");
        mutate(c, ex + "Sec75Pooling.java", "return Ops.pool2d(x.neg(), p, q, \"max\").neg();", "return Ops.pool2d(x, p, q, \"max\");");
        mutate(c, ex + "ScratchCorr2d.java", "k.get(a, b)", "k.get(kh - 1 - a, kw - 1 - b)"); // convolution, not cross-correlation
        mutate(c, ex + "ScratchIm2Col.java", "int oh = (h + 2 * pad - fh) / stride + 1, ow = (w + 2 * pad - fw) / stride + 1;\n        Tensor col",
                "int oh = (int) Math.ceil((h + 2.0 * pad - fh) / stride) + 1, ow = (int) Math.ceil((w + 2.0 * pad - fw) / stride) + 1;\n        Tensor col");
        mutate(c, ex + "ScratchConvolution.java", "accumulate(weight.grad(), dW);",
                "System.arraycopy(dW.data(), 0, weight.grad().data(), 0, dW.size()); // overwrites instead of adding");
        mutate(c, ex + "ScratchMaxPooling.java", "if (where < 0 || xd[idx] > best) {", "if (where < 0 || xd[idx] >= best) { // ties go to the last");

        solutions = CompletableFuture.supplyAsync(() -> instructor(SOL.resolve("src/main/java")).name("solutions").grade());
        stubs = CompletableFuture.supplyAsync(() -> instructor(ROOT.resolve("exercises/src/main/java")).name("stubs").grade());
        wrongA = CompletableFuture.supplyAsync(() -> instructor(a).name("wrongA").grade());
        wrongB = CompletableFuture.supplyAsync(() -> instructor(b).name("wrongB").only("7.3").grade());
        wrongC = CompletableFuture.supplyAsync(() -> instructor(c).name("wrongC").grade());
        // like the student's check: no solutions to fall back on, so tests that cannot compile are left out
        exitUnguarded = CompletableFuture.supplyAsync(() -> instructor(a).stubsFrom(null).name("exit").only("7.4").exitGuard(false).grade());
    }

    @AfterAll
    static void cleanUp() {
        Grader.deleteTree(tmp);
    }

    static void mutate(Path root, String rel, String from, String to) {
        try {
            Path f = root.resolve(rel);
            String s = Files.readString(f);
            if (!s.contains(from)) throw new AssertionError(rel + " no longer contains the line to mutate: " + from);
            Files.writeString(f, s.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path root, String rel, String text) {
        try {
            Files.createDirectories(root.resolve(rel).getParent());
            Files.writeString(root.resolve(rel), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void solutionsScoreFullMarks() {
        GradeReport r = solutions.join();
        assertThat(r.notes()).isEmpty();
        assertThat(r.tests()).allSatisfy(t -> assertThat(t.isPassed()).as(t.number() + " " + t.name() + ": " + t.message()).isTrue());
        assertThat(r.score()).isEqualTo(r.maxScore());
        assertThat(r.tests()).hasSameSizeAs(concat());
        assertThat(r.tests()).anyMatch(t -> t.visibility() == Visibility.HIDDEN).anyMatch(t -> t.visibility() == Visibility.AFTER_DUE_DATE);
    }

    static java.util.List<GradedScan.Entry> concat() {
        var all = new java.util.ArrayList<>(GradedScan.scan(SOL.resolve("src/test/java")));
        all.addAll(GradedScan.scan(SOL.resolve("src/hidden/java")));
        return all;
    }

    @Test
    void untouchedStubsScoreZeroAndEveryGradedTestFails() {
        GradeReport r = stubs.join();
        assertThat(r.maxScore()).isEqualTo(solutions.join().maxScore());
        assertThat(r.score()).isZero();
        assertThat(r.tests()).allSatisfy(t -> {
            assertThat(t.passed()).as("%s %s passes on the stub: a vacuous test", t.number(), t.name()).isZero();
            assertThat(t.total()).as("%s %s did not run on the stub", t.number(), t.name()).isPositive();
        });
        assertThat(r.test("7.9.1.1").message()).contains("UnsupportedOperationException: Exercise 7.9.1: implement corr2d");
    }

    @Test
    void wrongAnswersLosePoints() {
        GradeReport r = wrongA.join();
        // transposed kernel: partial credit only (a symmetric case like v = (1, 1) still passes)
        assertThat(r.test("7.2.2.1").score()).isLessThan(3).isPositive();
        assertThat(r.test("7.3.1.1").score()).as("off-by-one output size").isZero();
        assertThat(r.test("7.3.4.1").score()).as("mirror padding that repeats the edge").isZero();
        assertThat(r.test("7.4.1.2").score()).as("composed kernel flipped").isZero();
        assertThat(r.test("7.9.3.1").score()).as("col2im overwriting instead of adding").isLessThan(3);
        assertThat(r.test("7.9.3.2").score()).isZero();
        assertThat(r.test("7.9.4.4").score()).as("db missing the other images' term").isZero();
        assertThat(r.test("7.5.4.1").score()).as("pooling cost with ceil instead of floor: 5 of 6 cases (the floor matters in one)")
                .isCloseTo(2.0 * 5 / 6, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(r.test("7.9.4.2").score()).as("dx is still right").isEqualTo(3);
        assertThat(r.test("7.9.5.2").score()).as("max-pool backward overwriting overlaps").isLessThan(3);
        assertThat(r.test("7.9.5.4").score()).isZero();
        // everything else in those files still earns its points
        assertThat(r.test("7.2.1.1").score()).isEqualTo(1);
        assertThat(r.test("7.9.2.2").score()).isEqualTo(3);
    }

    @Test
    void moreWrongAnswersEachLoseTheirExercisesPoints() {
        GradeReport r = wrongC.join();
        assertThat(r.notes()).isEmpty();
        Map<String, double[]> by = r.byExercise();
        Map<String, double[]> full = solutions.join().byExercise();
        // exercise -> the mistake made in it (the rest of the submission is the solution)
        Map<String, String> wrong = new java.util.TreeMap<>(Map.ofEntries(
                Map.entry("7.2.1", "K^T on X answered like K on X"), Map.entry("7.2.2", "Laplacian with +4 in the centre"),
                Map.entry("7.3.1", "output size without the dilation"), Map.entry("7.4.2", "cost without the padding"),
                Map.entry("7.4.5", "convolution matrix of the transposed kernel"), Map.entry("7.5.1", "average-pooling kernel q x p"),
                Map.entry("7.5.6", "min pooling that is max pooling"), Map.entry("7.9.1", "convolution (flipped kernel) for corr2d"),
                Map.entry("7.9.2", "im2col with ceil"), Map.entry("7.9.4", "dW overwrites the gradient instead of adding"),
                Map.entry("7.9.5", "ties go to the last maximum")));
        assertThat(by.keySet()).isEqualTo(full.keySet());
        for (String e : by.keySet()) {
            if (wrong.containsKey(e)) assertThat(by.get(e)[0]).as("%s: %s", e, wrong.get(e)).isLessThan(full.get(e)[1]);
            else assertThat(by.get(e)[0]).as("%s was not touched", e).isEqualTo(full.get(e)[1]);
        }
        assertThat(r.test("7.2.1.4").score()).isZero();
        assertThat(r.test("7.2.1.3").score()).isEqualTo(1);
    }

    @Test
    void ceilInsteadOfFloorLosesPoints() {
        GradeReport r = wrongB.join();
        TestResult t = r.test("7.3.1.1");
        assertThat(t.score()).isLessThan(t.maxScore()).isPositive();
        assertThat(t.message()).contains("n=8 k=3 p=0 s=2 d=1");
        assertThat(r.test("7.3.1.2").score()).isZero();
        assertThat(r.test("7.3.2.1").score()).isEqualTo(1);
        assertThat(r.tests()).allMatch(x -> x.number().startsWith("7.3."));
    }

    @Test
    void brokenCodeCostsOnlyItsOwnExercise() {
        GradeReport r = wrongA.join();
        TestResult loop = r.test("7.5.2.1");
        assertThat(loop.score()).isZero();
        assertThat(loop.message()).contains("Timed out");
        TestResult exit = r.test("7.4.4.1");
        assertThat(exit.score()).isZero();
        assertThat(exit.message()).contains("System.exit");
        assertThat(r.test("7.4.5.1").score()).isEqualTo(3);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("convkit/exercises/ScratchCorr2d.java does not compile (line"));
        assertThat(r.tests()).filteredOn(t -> t.exercise().equals("7.9.1")).allMatch(t -> t.score() == 0)
                .anyMatch(t -> t.message().contains("Exercise 7.9.1"));
        assertThat(r.notes()).anyMatch(n -> n.contains("Ignored convkit/exercises/Sec72KernelsTest.java"))
                .anyMatch(n -> n.contains("Ignored org/junit/jupiter/api/Assertions.java"));
        assertThat(r.test("7.2.1.2").score()).as("the instructor's Sec72KernelsTest ran, not the student's").isEqualTo(1);
    }

    @Test
    void printingMegabytesAndRunningOutOfMemoryCostOnlyThatTest() {
        GradeReport r = wrongA.join();
        TestResult spam = r.test("7.2.2.5");
        assertThat(spam.score()).isEqualTo(1);
        assertThat(spam.output()).hasSizeLessThan(20_000).contains("more bytes of output truncated");
        TestResult oom = r.test("7.3.1.3");
        assertThat(oom.score()).isZero();
        assertThat(oom.message()).contains("OutOfMemoryError");
        assertThat(r.test("7.3.2.6").score()).isEqualTo(2);
    }

    @Test
    void withoutTheExitGuardADeadJvmCostsOnlyTheRunningTest() {
        GradeReport r = exitUnguarded.join();
        TestResult exit = r.test("7.4.4.1");
        assertThat(exit.score()).isZero();
        assertThat(exit.message()).contains("Did not finish", "System.exit");
        assertThat(r.notes()).anyMatch(n -> n.startsWith("Run 1 stopped early"));
        assertThat(r.test("7.4.5.1").score()).isEqualTo(3);
        assertThat(r.test("7.4.2.1").score()).isEqualTo(3);
        assertThat(r.tests()).allMatch(t -> t.number().startsWith("7.4.")).hasSize(11);
        assertThat(r.notes()).anyMatch(n -> n.startsWith("convkit/exercises/ScratchCorr2d.java does not compile"))
                .anyMatch(n -> n.startsWith("Skipped the tests in convkit/exercises/ScratchCorr2dTest.java do not compile against the submission"));
    }

    @Test
    void studentFeedbackHidesHiddenTestsButCountsThem() {
        GradeReport r = wrongA.join();
        String feedback = r.studentFeedback(0, 0);
        for (TestResult t : r.tests()) {
            if (t.visibility() == Visibility.VISIBLE) continue;
            assertThat(feedback).doesNotContain(t.name());
            if (!t.hint().isEmpty()) assertThat(feedback).doesNotContain(t.hint());
        }
        long hidden = r.tests().stream().filter(t -> t.visibility() != Visibility.VISIBLE).count();
        assertThat(feedback).contains(hidden + " hidden tests (").contains("remain");
        assertThat(feedback).contains("Hint: Weight the width difference");
    }

    @Test
    void resultsJsonFollowsGradescopesSchema() {
        GradeReport r = wrongA.join();
        JsonObject o = JsonParser.parseString(GradescopeResults.json(r)).getAsJsonObject();
        assertThat(o.keySet()).containsExactlyInAnyOrder("score", "execution_time", "output", "output_format", "test_output_format",
                "test_name_format", "visibility", "stdout_visibility", "tests");
        assertThat(o.get("score").getAsDouble()).isEqualTo(r.score());
        double sum = 0;
        for (JsonElement e : o.getAsJsonArray("tests")) {
            JsonObject t = e.getAsJsonObject();
            assertThat(t.keySet()).containsExactlyInAnyOrder("name", "name_format", "number", "score", "max_score", "status",
                    "output", "output_format", "tags", "visibility");
            assertThat(t.get("status").getAsString()).isIn("passed", "failed");
            assertThat(t.get("visibility").getAsString()).isIn("visible", "hidden", "after_due_date", "after_published");
            assertThat(t.get("score").getAsDouble()).isBetween(0.0, t.get("max_score").getAsDouble());
            if (!t.get("visibility").getAsString().equals("visible")) assertThat(t.get("output").getAsString()).doesNotContain("Hint:");
            sum += t.get("score").getAsDouble();
        }
        assertThat(sum).isCloseTo(r.score(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.csv().lines().toList()).hasSize(2);
        assertThat(r.csvRow().get(0)).isEqualTo("wrongA");
    }

    @Test
    void scoreTableIsATablesawTable() {
        var t = stubs.join().table(true);
        assertThat(t.columnNames()).containsExactly("number", "test", "points", "max", "status", "hint");
        assertThat(t.stringColumn("number").asList()).contains("7.2.1.1", "hidden", "total").doesNotContain("7.2.1.5");
        Map<String, double[]> by = solutions.join().byExercise();
        assertThat(by).containsKeys("7.2.1", "7.3.1", "7.4.5", "7.5.3", "7.9.4");
    }
}
