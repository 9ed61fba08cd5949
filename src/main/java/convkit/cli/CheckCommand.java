package convkit.cli;

import convkit.grading.Check;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check}: the student's self-check ({@link Check#run}). */
@Command(name = "check",
        description = {"student: self-check of exercises/ (visible tests): score table, hints, hidden tests left",
                "The same engine as the instructor's grade, on the visible tests of exercises/src/test/java. The score "
                        + "table, hints and messages are in English, Japanese or Chinese: --lang, else CONVKIT_LANG, else "
                        + "English (a notebook's Check.run speaks the notebook's language)."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NUMBER", arity = "0..1", defaultValue = "",
            description = "a section or exercise: 7.2, 7.3.1, 7.9.4 (default: every exercise)")
    String number;

    @Option(names = "--lang", paramLabel = "LANG", description = "language of the feedback: en, ja or zh")
    String lang;

    @Override
    public Integer call() {
        if (lang != null) convkit.i18n.Lang.use(convkit.i18n.Lang.parse(lang));
        // Check.run returns the feedback (a notebook cell shows it as its value): here it is printed
        System.out.println(Check.run(number));
        return 0;
    }
}
