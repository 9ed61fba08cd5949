package convkit.cli;

import convkit.grading.KitBuilder;
import convkit.grading.KitPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kit}: the student kit zip ({@link KitBuilder#zip}). */
@Command(name = "kit",
        description = {"build the student kit zip: library sources, scripts, notebooks, exercises/ (no solutions)",
                "No solutions/, no hidden tests; refused when exercises/ is out of date (run generate). With --lang ja "
                        + "or --lang zh each exercise stub also says what to do in a comment in that language (the code "
                        + "stays English); the kit holds the notebooks of the three editions either way."})
public final class KitCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ZIP", arity = "0..1", description = "the zip to write (default: target/convkit-student-kit.zip)")
    Path zip;

    @Option(names = "--lang", paramLabel = "LANG", description = "language of the stubs' comments: en (default), ja or zh")
    String lang = "en";

    @Override
    public Integer call() {
        Path root = KitPaths.root();
        Path file = zip != null ? zip : root.resolve("target/convkit-student-kit.zip");
        convkit.i18n.Lang l = convkit.i18n.Lang.parse(lang);
        List<String> entries = KitBuilder.zip(root, file.toAbsolutePath(), l);
        System.out.println("Wrote " + file + " (" + entries.size() + " files; no solutions/, no hidden tests"
                + (l == convkit.i18n.Lang.EN ? "" : "; stubs commented in " + l.nativeName()) + ")");
        return 0;
    }
}
