package convkit.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code kernel-check}: starts the installed kernel "java" N times through jupyter_client (scripts/kernel_check.py). */
@Command(name = "kernel-check",
        description = {"start the kernel N times through jupyter_client (each must answer kernel_info and 1+1)",
                "Prints one line per start and the counts; status 1 unless every start answered within 60 s."})
public final class KernelCheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "N", arity = "0..1", defaultValue = "50", description = "how many starts (default: ${DEFAULT-VALUE})")
    int starts;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (starts < 1) throw new ParameterException(spec.commandLine(), "N must be >= 1, got " + starts);
        JupyterPython.require(JupyterPython.MODULES);
        return JupyterPython.script(Home.root(), "kernel_check.py", List.of("starts", Integer.toString(starts)));
    }
}
