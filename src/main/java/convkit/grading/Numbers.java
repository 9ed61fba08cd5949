package convkit.grading;

import java.util.Comparator;

/** Dotted exercise numbers ("7.2.1.3"): prefix matching and natural order. */
public final class Numbers {
    private Numbers() {
    }

    /** True if {@code number} is {@code prefix} or starts with it followed by a dot ("7.2" matches "7.2.1", not "7.20"). */
    static boolean matches(String number, String prefix) {
        if (prefix == null || prefix.isEmpty()) return true;
        return number.equals(prefix) || number.startsWith(prefix + ".");
    }

    /** The exercise a test number belongs to: its first three parts ("7.2.1.3" -> "7.2.1"). */
    public static String exercise(String number) {
        String[] p = number.split("\\.");
        return p.length <= 3 ? number : String.join(".", p[0], p[1], p[2]);
    }

    /** The section: the first two parts ("7.2.1.3" -> "7.2"). */
    static String section(String number) {
        String[] p = number.split("\\.");
        return p.length <= 2 ? number : p[0] + "." + p[1];
    }

    /** Orders "7.2.10" after "7.2.9". */
    public static final Comparator<String> ORDER = (a, b) -> {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            try {
                c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            } catch (NumberFormatException e) {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) return c;
        }
        return Integer.compare(x.length, y.length);
    };
}
