package convkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import convkit.grading.batch.BatchGrade;
import convkit.train.Train;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line's parsing, its errors and its help, in this JVM (./convkit running it for real: ConvkitScriptIT). */
class CliTest {

    /** What one command line printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = Main.commandLine("./convkit");
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** The command object that picocli filled from {@code args} (nothing is run). */
    @SuppressWarnings("unchecked")
    static <T> T parsed(Class<T> type, String... args) {
        CommandLine.ParseResult r = Main.commandLine("./convkit").parseArgs(args);
        while (r.hasSubcommand()) r = r.subcommand();
        return (T) r.commandSpec().userObject();
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Run r = run("--bogus");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("./convkit: Unknown option: '--bogus'").contains("Run './convkit --help'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownCommandIsNamedWithTheNearestOnes() {
        Run r = run("trian");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("./convkit: unknown command 'trian'").contains("Did you mean").contains("train");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train --epochs", "train --model", "bench lenet --model", "bench lenet --epochs",
            "grade-class subs --jobs", "grade sub --out", "grading-bench --jobs", "probe-last-batch --seed"})
    void aMissingValueIsAUsageErrorNeverAnException(String line) {
        Run r = run(line.split(" "));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter for option").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"train --epochs ten", "train --model resnet", "train --seeds 4-0", "train --seed 1 --seeds 0-4",
            "train --batch 0", "train --lr -1", "bench conv 7 6", "bench conv 0", "bench lenet --batch 0",
            "grade-class subs --jobs 0", "grade-class subs --timeout x", "grade-class a b", "grade", "kernel-check 0",
            "grading-bench 0", "probe-last-batch --others -1", "bench", "run-notebooks --bogus", "check 7.2 7.3"})
    void aBadValueIsAUsageErrorThatSaysWhatIsWrong(String line) {
        Run r = run(line.split(" "));
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        String first = r.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("./convkit ").doesNotContain("Exception");
        assertThat(r.err()).contains("--help");
    }

    @Test
    void usageErrorsNameTheValue() {
        assertThat(run("train", "--model", "resnet").err()).contains("expected one of [d2l, modern]").contains("'resnet'");
        assertThat(run("train", "--seeds", "4-0").err()).contains("\"4-0\"");
        assertThat(run("train", "--seed", "1", "--seeds", "0-4").err()).contains("mutually exclusive");
        assertThat(run("bench", "conv", "7", "6").err()).contains("SHAPE numbers are 1 to 5, got 6");
        assertThat(run("grade-class", "subs", "--jobs", "0").err()).contains("--jobs must be >= 1, got 0");
    }

    @Test
    void aFailureOfTheWorkPrintsItsMessageAndExitsWith1() {
        Run r = run("train", "--data-dir", "/nowhere/fashion-mnist", "--epochs", "1");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("./convkit train: Fashion-MNIST not found: /nowhere/fashion-mnist does not exist")
                .doesNotContain("\tat ");
    }

    @Test
    void everyCommandIsInTheOneListAndHelpShowsItInGroups() {
        CommandLine cl = Main.commandLine("./convkit");
        List<String> listed = new ArrayList<>();
        Main.GROUPS.values().forEach(g -> g.forEach(c -> listed.add(c.getAnnotation(CommandLine.Command.class).name())));
        assertThat(cl.getSubcommands().values().stream().map(CommandLine::getCommandName).distinct().toList())
                .containsExactlyElementsOf(listed);
        Run help = run("help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).startsWith("Usage: ./convkit [-hV] COMMAND");
        for (Map.Entry<String, List<Class<?>>> g : Main.GROUPS.entrySet()) assertThat(help.out()).contains(g.getKey() + ":\n");
        for (String name : listed) assertThat(help.out()).containsPattern("(?m)^  " + name + " +\\S");
        assertThat(run().out()).as("no command: the same list").isEqualTo(help.out());
        assertThat(run("--help").out()).isEqualTo(help.out());
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String name : Main.commandLine("./convkit").getSubcommands().values().stream().map(CommandLine::getCommandName).distinct().toList()) {
            if (name.equals("help")) continue;
            Run r = run(name, "--help");
            assertThat(r.status()).as(name).isZero();
            assertThat(r.out()).as(name).startsWith("Usage: ./convkit " + name).contains("-h, --help");
            assertThat(run("help", name).out()).isEqualTo(r.out());
        }
        assertThat(run("bench", "conv", "-h").out()).startsWith("Usage: ./convkit bench conv").contains("64x64x56x56");
    }

    @Test
    void trainOptionsAreTrainsSettings() {
        Train.Options d = parsed(TrainCommand.class, "train").options();
        assertThat(d.model).isEqualTo("d2l");
        assertThat(d.epochs).isEqualTo(10);
        assertThat(d.lr).isNull();
        assertThat(d.batch).isEqualTo(256);
        assertThat(d.seeds).containsExactly(0);
        assertThat(d.subset).isZero();
        assertThat(d.dataDir).isNull();
        Train.Options o = parsed(TrainCommand.class, "train", "--model", "MODERN", "--epochs=3", "--lr", "0.05", "--batch", "64",
                "--seeds", "0-2,7", "--subset", "600", "--data-dir", "/data").options();
        assertThat(o.model).isEqualTo("modern");
        assertThat(o.epochs).isEqualTo(3);
        assertThat(o.lr).isEqualTo(0.05);
        assertThat(o.batch).isEqualTo(64);
        assertThat(o.seeds).containsExactly(0, 1, 2, 7);
        assertThat(o.subset).isEqualTo(600);
        assertThat(o.dataDir).isEqualTo(Path.of("/data"));
        assertThat(parsed(TrainCommand.class, "train", "--seed", "5").options().seeds).containsExactly(5);
    }

    @Test
    void gradeClassOptionsKeepTheirNamesAndMeanings() {
        BatchGrade.Options defaults = new BatchGrade.Options();
        BatchGrade.Options d = GradeClassCommand.parse("subs");
        assertThat(d.submissions).isEqualTo(Path.of("subs"));
        assertThat(d.out).isNull();
        assertThat(d.kit).isNull();
        assertThat(d.jobs).isEqualTo(defaults.jobs);
        assertThat(d.timeoutSeconds).isEqualTo(10);
        assertThat(d.deadlineSeconds).isEqualTo(120);
        assertThat(d.heap).isEqualTo("256m");
        assertThat(d.stopAfter).isEqualTo(-1);
        assertThat(d.force || d.quiet || !d.dedup || !d.warm || !d.testsOnce).isFalse();
        BatchGrade.Options o = GradeClassCommand.parse("subs", "--out", "book", "--jobs", "3", "--timeout", "4", "--deadline", "50",
                "--heap", "128m", "--kit", "/kit", "--stop-after", "2", "--force", "--no-dedup", "--cold", "--quiet",
                "--compile-tests-each-time");
        assertThat(o.out).isEqualTo(Path.of("book"));
        assertThat(o.jobs).isEqualTo(3);
        assertThat(o.timeoutSeconds).isEqualTo(4);
        assertThat(o.deadlineSeconds).isEqualTo(50);
        assertThat(o.heap).isEqualTo("128m");
        assertThat(o.kit).isEqualTo(Path.of("/kit"));
        assertThat(o.stopAfter).isEqualTo(2);
        assertThat(o.force && o.quiet && !o.dedup && !o.warm && !o.testsOnce).isTrue();
        assertThat(GradeClassCommand.parse("--jobs", "2", "subs").submissions).as("options before the folder").isEqualTo(Path.of("subs"));
    }

    @Test
    void benchAndGradingArgumentsAsBefore() {
        BenchCommand.Conv conv = parsed(BenchCommand.Conv.class, "bench", "conv", "7", "2", "3");
        assertThat(conv.reps).isEqualTo(7);
        assertThat(conv.shapes).containsExactly(2, 3);
        assertThat(parsed(BenchCommand.Conv.class, "bench", "conv").reps).isEqualTo(7);
        BenchCommand.Lenet lenet = parsed(BenchCommand.Lenet.class, "bench", "lenet", "--model", "modern", "--epochs", "1", "--layers");
        assertThat(lenet.model).isEqualTo(TrainCommand.Model.modern);
        assertThat(lenet.epochs).isEqualTo(1);
        assertThat(lenet.layers).isTrue();
        GradeCommand grade = parsed(GradeCommand.class, "grade", "alice.zip", "--only", "7.3", "--out", "o");
        assertThat(grade.submission).isEqualTo(Path.of("alice.zip"));
        assertThat(grade.only).isEqualTo("7.3");
        assertThat(grade.out).isEqualTo(Path.of("o"));
        assertThat(parsed(GradeCommand.class, "grade", "x").only).isEmpty();
        assertThat(parsed(CheckCommand.class, "check").number).isEmpty();
        assertThat(parsed(CheckCommand.class, "check", "7.3.1").number).isEqualTo("7.3.1");
        GradingBenchCommand gb = parsed(GradingBenchCommand.class, "grading-bench", "20", "--jobs", "1", "--cold", "--keep");
        assertThat(List.of(gb.n, gb.jobs)).containsExactly(20, 1);
        assertThat(gb.cold && gb.keep).isTrue();
        assertThat(parsed(RunNotebooksCommand.class, "run-notebooks", "--update", "01", "02").names).containsExactly("01", "02");
        assertThat(parsed(KernelCheckCommand.class, "kernel-check").starts).isEqualTo(50);
        assertThat(parsed(NotebookCommand.class, "notebook", "--no-browser", "--port", "8899").jupyterArgs)
                .as("notebook passes the rest to Jupyter").containsExactly("--no-browser", "--port", "8899");
    }

    @Test
    void theCommandsThatTimeOrTrainTheLibraryRunWithItsSimdLoops() {
        for (Class<?> c : List.of(TrainCommand.class, BenchCommand.Lenet.class, BenchCommand.Conv.class, ProbeLastBatchCommand.class)) {
            assertThat(VectorModule.Fast.class).as(c.getSimpleName()).isAssignableFrom(c);
        }
        List<String> cmd = VectorModule.relaunchCommand(new String[] {"train", "--epochs", "1"});
        assertThat(cmd.get(0)).endsWith("java");
        assertThat(cmd).containsSubsequence("--add-modules", "jdk.incubator.vector", "-cp", Main.class.getName(), "train", "--epochs", "1");
        assertThat(VectorModule.shouldRelaunch()).as("this JVM has the module (Surefire adds it), and was not started by Main.main").isFalse();
    }

    @Test
    void aReadOnlyCommandRunsForReal() {
        assertThat(run("verify-kit").status()).as("exercises/ matches solutions/ in this checkout").isZero();
    }

    @Test
    void runNotebooksFindsNotebooksByNumberNameOrPath() {
        Path root = Home.root();
        Path one = root.resolve("notebooks/01-cross-correlation.ipynb");
        Path ja = root.resolve("notebooks/ja/01-cross-correlation.ipynb");
        Path zh = root.resolve("notebooks/zh/01-cross-correlation.ipynb");
        // a number or a name: that notebook in the three editions, English first
        assertThat(RunNotebooksCommand.resolve(root, List.of("01"))).containsExactly(one, ja, zh);
        assertThat(RunNotebooksCommand.resolve(root, List.of("01-cross-correlation"))).containsExactly(one, ja, zh);
        assertThat(RunNotebooksCommand.resolve(root, List.of("01"), List.of("ja"))).containsExactly(ja);
        assertThat(RunNotebooksCommand.resolve(root, List.of("zh/01"))).containsExactly(zh);
        assertThat(RunNotebooksCommand.resolve(root, List.of(one.toString()))).containsExactly(one);
        List<Path> all = RunNotebooksCommand.resolve(root, List.of());
        assertThat(all).contains(one, ja, zh).allMatch(p -> p.toString().endsWith(".ipynb"));
        assertThat(all.indexOf(one)).as("English first").isLessThan(all.indexOf(ja));
        assertThatThrownBy(() -> RunNotebooksCommand.resolve(root, List.of("ja/99")))
                .hasMessageContaining("no notebook matches '99'");
        Run r = run("run-notebooks", "99-nothing");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).satisfiesAnyOf(e -> assertThat(e).contains("no notebook matches '99-nothing'"),
                e -> assertThat(e).contains("Jupyter is not installed"));
    }
}
