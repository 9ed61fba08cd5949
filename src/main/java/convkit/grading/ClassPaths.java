package convkit.grading;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** The class path a submission is compiled and run against: convkit itself, JUnit, Gson, Tablesaw. */
final class ClassPaths {
    private ClassPaths() {
    }

    /** Anchor classes whose jars (or class folders) must be present. */
    private static final String[] ANCHORS = {
        "convkit.Tensor", "convkit.grading.Graded",
        "org.junit.jupiter.api.Test", "org.junit.jupiter.params.ParameterizedTest",
        "org.junit.jupiter.engine.JupiterTestEngine", "org.junit.platform.engine.TestEngine",
        "org.junit.platform.commons.util.ReflectionUtils", "org.junit.platform.launcher.Launcher",
        "org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener",
        "org.opentest4j.AssertionFailedError", "org.apiguardian.api.API", "com.google.gson.Gson",
    };

    /**
     * Only what tests and exercises compile against (convkit, JUnit, opentest4j, apiguardian, Gson): a short
     * class path keeps javac fast.
     */
    static String compile() {
        Set<String> entries = new LinkedHashSet<>();
        for (String a : ANCHORS) {
            try {
                var cs = Class.forName(a).getProtectionDomain().getCodeSource();
                if (cs != null) entries.add(Path.of(cs.getLocation().toURI()).toString());
            } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
                // reported by javac if needed
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** This JVM's class path (including Surefire's, which hides behind a manifest-only jar) plus the anchors' locations. */
    static String library() {
        Set<String> entries = new LinkedHashSet<>();
        for (String a : ANCHORS) {
            try {
                var cs = Class.forName(a).getProtectionDomain().getCodeSource();
                if (cs != null) entries.add(Path.of(cs.getLocation().toURI()).toString());
            } catch (ClassNotFoundException | URISyntaxException | RuntimeException e) {
                // absent optional jar: the javac/launcher error will say what is missing
            }
        }
        for (String prop : new String[] {"surefire.test.class.path", "java.class.path"}) {
            String cp = System.getProperty(prop);
            if (cp == null) continue;
            for (String e : cp.split(File.pathSeparator)) {
                if (e.isBlank() || e.contains("surefirebooter") || e.endsWith("test-classes")) continue;
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
