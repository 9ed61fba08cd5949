package convkit.cli;

import convkit.grading.KitBuilder;
import convkit.grading.KitPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kit}: the student kit zip ({@link KitBuilder#zip}). */
@Command(name = "kit",
        description = {"build the student kit zip: library sources, scripts, notebooks, exercises/ (no solutions)",
                "No solutions/, no hidden tests; refused when exercises/ is out of date (run generate)."})
public final class KitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ZIP", arity = "0..1", description = "the zip to write (default: target/convkit-student-kit.zip)")
    Path zip;

    @Override
    public Integer call() {
        Path root = KitPaths.root();
        Path file = zip != null ? zip : root.resolve("target/convkit-student-kit.zip");
        List<String> entries = KitBuilder.zip(root, file.toAbsolutePath());
        System.out.println("Wrote " + file + " (" + entries.size() + " files; no solutions/, no hidden tests)");
        return 0;
    }
}
