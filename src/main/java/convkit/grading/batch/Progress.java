package convkit.grading.batch;

import convkit.grading.GradeReport;
import java.io.PrintStream;
import java.util.Locale;

/** One console line per graded submission, with the time elapsed and an estimate of the time left. */
final class Progress {
    private final int total;
    private final PrintStream out;
    private final boolean quiet;
    private final long t0 = System.nanoTime();
    private int done;

    Progress(int total, PrintStream out, boolean quiet) {
        this.total = total;
        this.out = out;
        this.quiet = quiet;
    }

    synchronized void done(String id, GradeReport r, double seconds) {
        done++;
        line(String.format(Locale.ROOT, "%-20s %7s/%-4s %5.1f s", shorten(id), fmt(r.score()), fmt(r.maxScore()), seconds));
    }

    synchronized void failed(String id, Throwable e) {
        done++;
        line(String.format(Locale.ROOT, "%-20s NOT GRADED: %s", shorten(id), e));
    }

    private void line(String what) {
        if (quiet) return;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double left = done == 0 ? 0 : elapsed / done * (total - done);
        int w = String.valueOf(total).length();
        out.printf(Locale.ROOT, "[%" + w + "d/%d] %s | %s elapsed, ~%s left%n", done, total, what, clock(elapsed), clock(left));
        out.flush();
    }

    /** Estimated seconds left (elapsed per finished submission times the number left). */
    synchronized double secondsLeft() {
        double elapsed = (System.nanoTime() - t0) / 1e9;
        return done == 0 ? Double.NaN : elapsed / done * (total - done);
    }

    static String clock(double s) {
        long x = Math.round(s);
        return x >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", x / 3600, x / 60 % 60, x % 60)
                : String.format(Locale.ROOT, "%d:%02d", x / 60, x % 60);
    }

    private static String fmt(double x) {
        double r = Math.round(x * 100) / 100.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }
}
