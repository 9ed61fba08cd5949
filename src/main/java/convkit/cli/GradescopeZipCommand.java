package convkit.cli;

import convkit.grading.gradescope.GradescopeZip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gradescope-zip}: the Gradescope autograder ({@link GradescopeZip#write}). */
@Command(name = "gradescope-zip",
        description = {"build the Gradescope autograder zip (it holds the hidden tests: keep it private)",
                "setup.sh, run_autograder, the grader's jars in lib/, the visible and hidden tests, the stubs."})
public final class GradescopeZipCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ZIP", arity = "0..1",
            description = "the zip to write (default: target/convkit-gradescope-autograder.zip)")
    Path zip;

    @Override
    public Integer call() throws IOException {
        GradescopeZip.write(zip);
        return 0;
    }
}
