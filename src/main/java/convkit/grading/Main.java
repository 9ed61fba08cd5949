package convkit.grading;

import java.nio.file.Path;
import java.util.List;

/**
 * The grading commands (the {@code ./convkit} script calls these):
 * <pre>
 *   check [NUMBER]                 student self-check of exercises/ (visible tests; e.g. 7.2 or 7.9.1)
 *   grade SUBMISSION [--out DIR] [--only NUMBER]
 *                                  instructor: grade a student's exercises/ folder or zip with all tests
 *                                  -> DIR (default target/grading): results.json, grades.csv, feedback.txt, report.txt, junit/
 *   generate                       rewrite exercises/ from solutions/ (stubs, visible tests, manifest)
 *   verify                         fail if exercises/ drifted from solutions/ or markers are unbalanced
 *   kit [ZIP]                      build the student kit (default target/convkit-student-kit.zip)
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (IllegalStateException | IllegalArgumentException | java.io.UncheckedIOException e) {
            // a user's mistake (stale exercises/, a missing submission, a bad option): say what, not where in our code
            System.err.println("convkit: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args) {
        if (args.length == 0) return usage();
        Path root = KitPaths.root();
        switch (args[0]) {
            case "check" -> {
                GradeReport r = Check.grade(root, args.length > 1 ? args[1] : "");
                System.out.print(Check.feedback(root, r, args.length > 1 ? args[1] : ""));
                return 0;
            }
            case "grade" -> {
                if (args.length < 2) return usage();
                Path out = root.resolve("target/grading");
                String only = "";
                for (int i = 2; i < args.length; i++) {
                    if (args[i].equals("--out")) out = Path.of(args[++i]);
                    else if (args[i].equals("--only")) only = args[++i];
                }
                GradeReport r = Instructor.grade(root, Path.of(args[1]).toAbsolutePath(), out.toAbsolutePath(), only);
                System.out.print(r.instructorFeedback());
                System.out.println("Wrote " + out.resolve("results.json") + ", grades.csv, feedback.txt, report.txt, junit/");
                return 0;
            }
            case "generate" -> {
                List<String> changed = KitBuilder.generate(root);
                changed.forEach(System.out::println);
                System.out.println(changed.isEmpty() ? "exercises/ is up to date" : changed.size() + " file(s) changed");
                return 0;
            }
            case "verify" -> {
                List<String> p = KitBuilder.check(root);
                p.forEach(s -> System.out.println("  " + s));
                System.out.println(p.isEmpty() ? "exercises/ matches solutions/" : "exercises/ is out of date");
                return p.isEmpty() ? 0 : 1;
            }
            case "kit" -> {
                Path zip = args.length > 1 ? Path.of(args[1]) : root.resolve("target/convkit-student-kit.zip");
                List<String> entries = KitBuilder.zip(root, zip.toAbsolutePath());
                System.out.println("Wrote " + zip + " (" + entries.size() + " files; no solutions/, no hidden tests)");
                return 0;
            }
            default -> {
                return usage();
            }
        }
    }

    private static int usage() {
        System.err.println("usage: check [NUMBER] | grade SUBMISSION [--out DIR] [--only NUMBER] | generate | verify | kit [ZIP]");
        return 2;
    }
}
