package convkit.cli;

import convkit.grading.KitBuilder;
import convkit.grading.KitPaths;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code verify-kit}: does exercises/ match solutions/ ({@link KitBuilder#check})? Status 1 when not. */
@Command(name = "verify-kit",
        description = {"only check that exercises/ matches solutions/ (status 1, and what differs, when not)"})
public final class VerifyKitCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        List<String> problems = KitBuilder.check(KitPaths.root());
        problems.forEach(s -> System.out.println("  " + s));
        System.out.println(problems.isEmpty() ? "exercises/ matches solutions/" : "exercises/ is out of date");
        return problems.isEmpty() ? 0 : 1;
    }
}
