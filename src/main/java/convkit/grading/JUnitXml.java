package convkit.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * JUnit's XML report format (as Surefire writes it: {@code TEST-*.xml}, one {@code testcase} per graded test),
 * written by the grader from its own verified results, never by the test JVM (whose files a submission could
 * write).
 */
final class JUnitXml {
    private JUnitXml() {
    }

    static void write(GradeReport r, Path dir) throws IOException {
        Files.createDirectories(dir);
        long failures = r.tests().stream().filter(t -> !t.isPassed()).count();
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append(String.format(Locale.ROOT, "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"0\" time=\"%.3f\">%n",
                esc("convkit grading of " + r.submission()), r.tests().size(), failures, r.executionSeconds()));
        for (TestResult t : r.tests()) {
            String cls = t.key().contains("#") ? t.key().substring(0, t.key().indexOf('#')) : t.key();
            sb.append(String.format(Locale.ROOT, "  <testcase name=\"%s\" classname=\"%s\" time=\"%.3f\"",
                    esc(t.number() + " " + t.name()), esc(cls), t.millis() / 1000.0));
            if (t.isPassed()) {
                sb.append("/>\n");
            } else {
                sb.append(">\n    <failure message=\"").append(esc(firstLine(t.message()))).append("\">")
                        .append(esc(t.message() + "\n(" + GradeReport.fmt(t.score()) + " of " + GradeReport.fmt(t.maxScore()) + " points)"))
                        .append("</failure>\n  </testcase>\n");
            }
        }
        sb.append("</testsuite>\n");
        Files.writeString(dir.resolve("TEST-convkit-grading.xml"), sb.toString());
    }

    private static String firstLine(String s) {
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    private static String esc(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') b.append('?');
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
