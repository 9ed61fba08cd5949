package convkit.cli;

import java.io.File;
import java.lang.module.ModuleFinder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The library's SIMD loops need the JVM started with {@code --add-modules jdk.incubator.vector}, which a jar's
 * manifest cannot ask for. A command that trains or times the library implements {@link Fast}; when such a command
 * runs in a JVM without the module (as {@code java -jar target/convkit.jar train} starts), it runs in a second JVM
 * that has it: the same java, JVM options, class path and arguments, its input and output the terminal's, its exit
 * status returned. {@code -Dconvkit.simd=false} (the plain loops, see {@code convkit.compute.Simd}) or a JDK without
 * the module runs it in this JVM.
 */
final class VectorModule {
    static final String MODULE = "jdk.incubator.vector";

    /** A command that should run with the SIMD loops on. */
    interface Fast {
        /** Checks the options (throwing picocli's {@code ParameterException}) before a second JVM is started for them. */
        default void validate() {
        }
    }

    private VectorModule() {
    }

    /** picocli's execution strategy: help as usual, a {@link Fast} command in a JVM with the module, the rest here. */
    static int execute(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) return help;
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) leaf = leaf.subcommand();
        if (leaf.commandSpec().userObject() instanceof Fast fast && shouldRelaunch()) {
            fast.validate();
            return Processes.run(new ProcessBuilder(relaunchCommand(Main.launchArgs())));
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    static boolean shouldRelaunch() {
        return ModuleLayer.boot().findModule(MODULE).isEmpty()
                && !"false".equalsIgnoreCase(System.getProperty("convkit.simd"))
                && ModuleFinder.ofSystem().find(MODULE).isPresent()
                && Main.startedByMain();   // its own process, not a call from inside another program (a test)
    }

    /** {@code java --add-modules jdk.incubator.vector [this JVM's options] -cp [its class path] convkit.cli.Main ARGS}. */
    static List<String> relaunchCommand(String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-modules");
        cmd.add(MODULE);
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path").replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
