package convkit.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * convkit's command line: {@code java -jar target/convkit.jar COMMAND [ARGS]}, which {@code ./convkit} and
 * {@code convkit.cmd} run after building the jar. Every command is one class of this package, registered in
 * {@link #GROUPS}, the one list of the commands (the help output is made from it). Usage, errors and {@code --help}
 * come from picocli, here: a bad option or a missing value prints what is wrong and exits with status 2, a failure of
 * the work itself (a missing file, a kit out of date, Fashion-MNIST not installed) prints its message and exits with 1.
 */
@Command(name = "convkit", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        usageHelpWidth = Main.WIDTH, synopsisSubcommandLabel = "COMMAND", commandListHeading = "",
        description = "Convolutional layers as d2l and Deep Learning from Scratch (chapter 7) teach them, in Java: "
                + "notebooks on a Java kernel, graded exercises, LeNet on Fashion-MNIST.",
        footer = {"", "Run '${ROOT-COMMAND-NAME} COMMAND --help' for the options of a command."})
public final class Main implements Runnable {

    /** Width of the help text (fixed, so that the help printed in docs/commands.md is the same everywhere). */
    static final int WIDTH = 110;

    /**
     * Every command, in the groups {@code help} lists them in. To add a command: write its class (a picocli
     * {@code @Command} that calls the API of its area) and add it to a group here.
     */
    static final Map<String, List<Class<?>>> GROUPS = groups(
            "Set-up and notebooks", List.of(SetupCommand.class, NotebookCommand.class, RunNotebooksCommand.class,
                    KernelCheckCommand.class, InstallKernelCommand.class),
            "LeNet on Fashion-MNIST (SIMD on: these run with --add-modules jdk.incubator.vector)",
            List.of(TrainCommand.class, BenchCommand.class, ProbeLastBatchCommand.class),
            "Exercises and grading", List.of(CheckCommand.class, GradeCommand.class, GenerateCommand.class,
                    VerifyKitCommand.class, KitCommand.class),
            "Grading a class", List.of(GradeClassCommand.class, GradescopeZipCommand.class, GradingBenchCommand.class),
            "Help", List.of(CommandLine.HelpCommand.class));

    /** Environment variable naming the launcher in usage lines ({@code ./convkit}, {@code convkit.cmd}). */
    static final String LAUNCHER_ENV = "CONVKIT_LAUNCHER";

    private static final String DEFAULT_NAME = "java -jar target/convkit.jar";

    private static volatile String[] launchArgs;

    @picocli.CommandLine.Spec
    CommandSpec spec;

    /** Runs the command given in {@code args} and exits with its status. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        launchArgs = args.clone();
        expandClassPath();
        findKitHome();
        System.exit(commandLine(System.getenv(LAUNCHER_ENV)).execute(args));
    }

    /** {@code ./convkit} with no command: the list of commands. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * The command line with every command of {@link #GROUPS}, its help and its error handling, named {@code name} in
     * usage lines (null or blank: {@code java -jar target/convkit.jar}).
     */
    public static CommandLine commandLine(String name) {
        CommandLine cl = new CommandLine(new Main());
        for (List<Class<?>> group : GROUPS.values()) {
            for (Class<?> c : group) cl.addSubcommand(c);
        }
        addHelpOption(cl);
        cl.setCommandName(name == null || name.isBlank() ? DEFAULT_NAME : name);
        cl.setUsageHelpWidth(WIDTH);
        cl.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler(Main::badUsage);
        cl.setExecutionExceptionHandler((e, c, parsed) -> failed(e, c));
        cl.setExecutionStrategy(VectorModule::execute);
        return cl;
    }

    /** Every command takes -h / --help (picocli's help of that command). */
    private static void addHelpOption(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.options().stream().noneMatch(CommandLine.Model.OptionSpec::usageHelp)) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOption(sub);
        }
    }

    /**
     * The commands of {@link #GROUPS} under their group titles, each with its one-line summary (picocli's rule: the
     * first line of its header, else of its description).
     */
    static String commandList(Help help) {
        Map<String, CommandLine> subs = help.commandSpec().subcommands();
        if (subs.isEmpty()) return "";
        int nameWidth = 2 + subs.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                new Help.Column(nameWidth, 2, Help.Column.Overflow.SPAN),
                new Help.Column(WIDTH - nameWidth, 0, Help.Column.Overflow.WRAP));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Class<?>>> g : GROUPS.entrySet()) {
            out.append('\n').append(g.getKey()).append(":\n");
            Help.TextTable rows = Help.TextTable.forColumns(help.colorScheme(), table.columns());
            for (Class<?> c : g.getValue()) {
                String name = c.getAnnotation(Command.class).name();
                CommandLine.Model.UsageMessageSpec usage = subs.get(name).getCommandSpec().usageMessage();
                String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
                rows.addRowValues(help.colorScheme().commandText(name),
                        help.colorScheme().text(summary.length == 0 ? "" : String.format(summary[0])));
            }
            out.append(rows);
        }
        return out.toString();
    }

    /** A bad option, a missing value, an unknown command: what is wrong, and where to read more; status 2. */
    static int badUsage(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String message = e.getMessage().startsWith("Error: ") ? e.getMessage().substring(7) : e.getMessage();
        if (e instanceof UnmatchedArgumentException u && !cl.getSubcommands().isEmpty() && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": " + message);
        if (e instanceof UnmatchedArgumentException u) UnmatchedArgumentException.printSuggestions(u, err);
        err.println("Run '" + cl.getCommandSpec().qualifiedName() + " --help' for "
                + (cl.getSubcommands().isEmpty() ? "its options." : "the commands."));
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * A command that failed: a user's mistake or a missing piece (bad value, missing file, kit out of date, data not
     * installed) prints its message only; anything else also its stack trace (a bug to report). Status 1.
     */
    static int failed(Exception e, CommandLine cl) {
        PrintWriter err = cl.getErr();
        String where = cl.getCommandSpec().qualifiedName();
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof UncheckedIOException
                || e instanceof IOException) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            String message = cause instanceof NoSuchFileException n ? "no such file or folder: " + n.getFile() : cause.getMessage();
            err.println(where + ": " + (message == null ? cause.toString() : message));
        } else {
            err.println(where + ": " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return cl.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The arguments this JVM was started with (for {@link VectorModule}'s relaunch). */
    static String[] launchArgs() {
        return launchArgs == null ? new String[0] : launchArgs.clone();
    }

    /** Did {@link #main} start this JVM's command (rather than a program calling {@link #commandLine})? */
    static boolean startedByMain() {
        return launchArgs != null;
    }

    /**
     * Started as {@code java -jar convkit.jar}, the JVM's {@code java.class.path} names the jar only, and its
     * dependencies come from the manifest's Class-Path. Code that hands this JVM's class path on (the grader's test
     * JVMs, the Gradescope zip, the benchmarks, {@link VectorModule}) needs every jar: the property is set to the jar
     * followed by its manifest's entries, resolved as the class loader resolves them.
     */
    static void expandClassPath() {
        String cp = System.getProperty("java.class.path", "");
        if (cp.isEmpty() || cp.contains(File.pathSeparator) || !cp.endsWith(".jar")) return;
        Path jar = Path.of(cp).toAbsolutePath();
        try (JarFile j = new JarFile(jar.toFile())) {
            Manifest m = j.getManifest();
            String entries = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (entries == null || entries.isBlank()) return;
            Set<String> all = new LinkedHashSet<>();
            all.add(jar.toString());
            for (String e : entries.trim().split("\\s+")) {
                Path p = jar.getParent().resolve(e.replace('/', File.separatorChar)).normalize();
                if (Files.exists(p)) all.add(p.toString());
            }
            System.setProperty("java.class.path", String.join(File.pathSeparator, all));
        } catch (IOException e) {
            // not a readable jar: leave the class path as it is
        }
    }

    /**
     * The grader finds the kit by {@code convkit.home}, {@code CONVKIT_HOME} or the working folder; a jar in
     * {@code KIT/target/} belongs to KIT, so when neither is set the kit is the one the jar was built in (what
     * {@code ./convkit} always did), wherever the command is run from.
     */
    static void findKitHome() {
        if (System.getProperty("convkit.home") != null || System.getenv("CONVKIT_HOME") != null) return;
        Home.ofBuild().ifPresent(home -> System.setProperty("convkit.home", home.toString()));
    }

    private static Map<String, List<Class<?>>> groups(Object... titleThenClasses) {
        Map<String, List<Class<?>>> m = new LinkedHashMap<>();
        for (int i = 0; i < titleThenClasses.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<Class<?>> classes = new ArrayList<>((List<Class<?>>) titleThenClasses[i + 1]);
            m.put((String) titleThenClasses[i], List.copyOf(classes));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** {@code --version}: the jar's version (from its manifest) and the Java that runs it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"convkit " + (v == null ? "(built from the sources in target/classes)" : v)
                    + ", Java " + System.getProperty("java.version") + " (" + System.getProperty("java.home") + ")"};
        }
    }
}
