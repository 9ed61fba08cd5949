package convkit.cli;

import convkit.data.FashionMnist;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code setup}, the Java half: after {@code ./convkit setup} (or {@code convkit.cmd setup}) has built the library and
 * installed the missing Debian packages, this checks what the kit needs, says how to get what is missing, and installs
 * the kernel. Status 1 when Jupyter is missing (the rest is still done).
 */
@Command(name = "setup",
        description = {"build, install Jupyter, Fashion-MNIST, bubblewrap and CJK fonts if missing, install the Java kernel",
                "./convkit setup builds target/convkit.jar (mvn -DskipTests package) and, on Debian/Ubuntu as root or "
                        + "with password-less sudo, installs the missing Debian packages: jupyter-notebook "
                        + "jupyter-nbconvert python3-nbclient jupyter-client (Jupyter), dataset-fashion-mnist (for "
                        + "LeNet), bubblewrap (the grader's sandbox), fonts-noto-cjk (the Japanese and Chinese notebooks' "
                        + "pictures). Then, in Java, it checks each of them, says how "
                        + "to install what is still missing, and installs the kernel (as install-kernel does). "
                        + "Safe to run again at any time."})
public final class SetupCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Path root = Home.root();
        boolean jupyter = jupyter();
        fashionMnist();
        bubblewrap();
        cjkFonts();
        InstallKernelCommand.install(JupyterPython.dataDir().resolve("kernels").resolve("java"), root, System.out);
        System.out.println();
        System.out.println("== Ready");
        if (!jupyter) {
            System.out.println("The library and the kernel are installed, but Jupyter is missing (see above).");
            return 1;
        }
        String launcher = launcher();
        System.out.println("Open the notebooks:           " + launcher + " notebook");
        System.out.println("Run them all headless:        " + launcher + " run-notebooks");
        System.out.println("Check your exercises:         " + launcher + " check");
        System.out.println("Run the tests:                mvn verify");
        System.out.println("In Jupyter pick the kernel \"Java (convkit)\" (the notebooks already name it: kernelspec \"java\").");
        return 0;
    }

    private static boolean jupyter() {
        System.out.println();
        System.out.println("== Jupyter");
        String py = JupyterPython.python();
        if (JupyterPython.has(JupyterPython.MODULES + ", notebook")) {
            System.out.println("found: " + py + " has Jupyter Notebook and " + JupyterPython.MODULES);
            return true;
        }
        System.out.println("Jupyter was not found (" + py + " cannot import " + JupyterPython.MODULES + ", notebook).");
        System.out.println("On Debian/Ubuntu, ./convkit setup installs it when run as root (or with password-less sudo);");
        System.out.println("else ask an administrator to run:");
        System.out.println("    apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client");
        System.out.println("or install it for your user with pip:");
        System.out.println("    python3 -m pip install --user notebook nbconvert nbclient");
        System.out.println("(with pip, tell convkit which Python has it: export " + JupyterPython.ENV + "=$(command -v python3)).");
        System.out.println("Then run setup again.");
        return false;
    }

    private static void fashionMnist() {
        System.out.println();
        System.out.println("== Fashion-MNIST (Debian package dataset-fashion-mnist; LeNet's notebook and ./convkit train use it)");
        Path dir = FashionMnist.defaultDir();
        if (FashionMnist.isInstalled(dir)) {
            System.out.println("present in " + dir);
        } else {
            System.out.println("not found in " + dir + ": " + FashionMnist.INSTALL_HINT);
            System.out.println("(only the LeNet notebook and the LeNet commands need it)");
        }
    }

    private static void bubblewrap() {
        System.out.println();
        System.out.println("== bubblewrap (Debian package bubblewrap; the grader's sandbox for students' code)");
        System.out.println(Processes.onPath("bwrap").map(p -> "found " + p)
                .orElse("not found: on Linux, ask an administrator for 'apt-get install bubblewrap' (only grading students' code uses it)"));
    }

    private static void cjkFonts() {
        System.out.println();
        System.out.println("== CJK fonts (Debian package fonts-noto-cjk; the pictures of notebooks/ja and notebooks/zh)");
        for (convkit.i18n.Lang l : new convkit.i18n.Lang[] {convkit.i18n.Lang.JA, convkit.i18n.Lang.ZH}) {
            System.out.println(l.nativeName() + ": " + convkit.viz.Images.fontFor(l).map(f -> "labels drawn with " + f)
                    .orElse("no font draws it: the pictures keep English labels; ask an administrator for "
                            + "'apt-get install fonts-noto-cjk'"));
        }
    }

    static String launcher() {
        String l = System.getenv(Main.LAUNCHER_ENV);
        return l == null || l.isBlank() ? "java -jar target/convkit.jar" : l;
    }
}
