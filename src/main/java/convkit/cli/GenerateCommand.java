package convkit.cli;

import convkit.grading.KitBuilder;
import convkit.grading.KitPaths;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code generate}: exercises/ from solutions/ ({@link KitBuilder#generate}). */
@Command(name = "generate",
        description = {"rewrite exercises/ from solutions/: stubs, visible tests, hidden-test manifest",
                "Stubs come from the SOLUTION markers; 'mvn verify' fails when exercises/ is out of date."})
public final class GenerateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        List<String> changed = KitBuilder.generate(KitPaths.root());
        changed.forEach(System.out::println);
        System.out.println(changed.isEmpty() ? "exercises/ is up to date" : changed.size() + " file(s) changed");
        return 0;
    }
}
