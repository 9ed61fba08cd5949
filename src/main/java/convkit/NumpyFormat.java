package convkit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a tensor the way NumPy's {@code np.array2string(a, separator=", ")} does with the default print options
 * (precision 8, floatmode "maxprec", threshold 1000, edgeitems 3, linewidth 75): every element gets the fewest
 * digits that identify it (at most 8 after the point), elements are aligned on the decimal point, scientific
 * notation is used when the largest magnitude is at least 1e8, the smallest non-zero one is below 1e-4 or their
 * ratio exceeds 1000, long rows wrap at 75 characters and arrays of more than 1000 elements are summarised with
 * "...". The expected strings in {@code TensorFormatTest} were printed by NumPy itself.
 */
final class NumpyFormat {
    private static final int PRECISION = 8;
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 75;
    private static final String SEP = ", ";

    private NumpyFormat() {
    }

    static String format(double[] data, int[] shape) {
        if (shape.length == 0) return formatter(data).apply(data[0]);
        if (data.length == 0) return "[]";
        boolean summarise = data.length > THRESHOLD;
        ElementFormat f = formatter(summarise ? edgeValues(data, shape) : data);
        int[] strides = Tensor.strides(shape);
        return recurse(data, shape, strides, 0, 0, " ", LINE_WIDTH, f, summarise);
    }

    private static String recurse(double[] data, int[] shape, int[] strides, int axis, int offset, String hanging,
                                  int width, ElementFormat f, boolean summarise) {
        int axesLeft = shape.length - axis;
        String nextHanging = hanging + " ";
        int nextWidth = width - 1;
        int len = shape[axis];
        boolean showSummary = summarise && 2 * EDGE_ITEMS < len;
        int leading = showSummary ? EDGE_ITEMS : 0;
        int trailing = showSummary ? EDGE_ITEMS : len;
        StringBuilder s = new StringBuilder();
        if (axesLeft == 1) {
            int elemWidth = width - Math.max(SEP.strip().length(), 1);
            StringBuilder line = new StringBuilder(hanging);
            for (int i = 0; i < leading; i++) {
                extendLine(s, line, f.apply(data[offset + i * strides[axis]]), elemWidth, hanging);
                line.append(SEP);
            }
            if (showSummary) {
                extendLine(s, line, "...", elemWidth, hanging);
                line.append(SEP);
            }
            for (int i = trailing; i > 1; i--) {
                extendLine(s, line, f.apply(data[offset + (len - i) * strides[axis]]), elemWidth, hanging);
                line.append(SEP);
            }
            extendLine(s, line, f.apply(data[offset + (len - 1) * strides[axis]]), elemWidth, hanging);
            s.append(line);
        } else {
            String lineSep = SEP.strip() + "\n".repeat(axesLeft - 1);
            for (int i = 0; i < leading; i++) {
                s.append(hanging).append(recurse(data, shape, strides, axis + 1, offset + i * strides[axis], nextHanging,
                        nextWidth, f, summarise)).append(lineSep);
            }
            if (showSummary) s.append(hanging).append("...").append(lineSep);
            for (int i = trailing; i > 1; i--) {
                s.append(hanging).append(recurse(data, shape, strides, axis + 1, offset + (len - i) * strides[axis],
                        nextHanging, nextWidth, f, summarise)).append(lineSep);
            }
            s.append(hanging).append(recurse(data, shape, strides, axis + 1, offset + (len - 1) * strides[axis],
                    nextHanging, nextWidth, f, summarise));
        }
        return "[" + s.substring(hanging.length()) + "]";
    }

    private static void extendLine(StringBuilder s, StringBuilder line, String word, int width, String hanging) {
        boolean wrap = line.length() + word.length() > width && line.length() > hanging.length();
        if (wrap) {
            s.append(line.toString().stripTrailing()).append('\n');
            line.setLength(0);
            line.append(hanging);
        }
        line.append(word);
    }

    /** The elements NumPy looks at to choose the format of a summarised array: the edge items of every axis. */
    private static double[] edgeValues(double[] data, int[] shape) {
        List<Double> out = new ArrayList<>();
        collectEdges(data, shape, Tensor.strides(shape), 0, 0, out);
        double[] d = new double[out.size()];
        for (int i = 0; i < d.length; i++) d[i] = out.get(i);
        return d;
    }

    private static void collectEdges(double[] data, int[] shape, int[] strides, int axis, int offset, List<Double> out) {
        int len = shape[axis];
        List<Integer> idx = new ArrayList<>();
        if (2 * EDGE_ITEMS < len) {
            for (int i = 0; i < EDGE_ITEMS; i++) idx.add(i);
            for (int i = len - EDGE_ITEMS; i < len; i++) idx.add(i);
        } else {
            for (int i = 0; i < len; i++) idx.add(i);
        }
        for (int i : idx) {
            int off = offset + i * strides[axis];
            if (axis == shape.length - 1) out.add(data[off]);
            else collectEdges(data, shape, strides, axis + 1, off, out);
        }
    }

    // ------------------------------------------------------------------ element format (NumPy's FloatingFormat)

    interface ElementFormat {
        String apply(double x);
    }

    static ElementFormat formatter(double[] values) {
        List<Double> finite = new ArrayList<>();
        boolean negInf = false;
        boolean nonFinite = false;
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                finite.add(v);
                double a = Math.abs(v);
                if (a != 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
            } else {
                nonFinite = true;
                if (v == Double.NEGATIVE_INFINITY) negInf = true;
            }
        }
        boolean exp = maxAbs > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1000.0);
        int padLeft = 0;
        int padRight = 0;
        int precision = 0;
        int expSize = 0;
        if (!finite.isEmpty()) {
            if (exp) {
                for (double v : finite) {
                    String[] p = scientific(v, PRECISION, 0);
                    padLeft = Math.max(padLeft, p[0].length());
                    precision = Math.max(precision, p[1].length());
                    expSize = Math.max(expSize, p[2].length() - 1);
                }
                padRight = expSize + 2 + precision;
            } else {
                for (double v : finite) {
                    String[] p = positional(v);
                    padLeft = Math.max(padLeft, p[0].length());
                    padRight = Math.max(padRight, p[1].length());
                }
            }
        }
        if (nonFinite) {
            int offset = padRight + 1;
            padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
        }
        final boolean expF = exp;
        final int pl = padLeft;
        final int pr = padRight;
        final int prec = precision;
        final int es = expSize;
        return x -> {
            if (!Double.isFinite(x)) {
                String r = Double.isNaN(x) ? "nan" : (x < 0 ? "-inf" : "inf");
                return " ".repeat(Math.max(0, pl + pr + 1 - r.length())) + r;
            }
            if (expF) {
                String[] p = scientific(x, prec, prec);
                String e = p[2];
                String digits = e.substring(1);
                if (digits.length() < es) digits = "0".repeat(es - digits.length()) + digits;
                return pad(p[0], pl) + "." + p[1] + "e" + e.charAt(0) + digits;
            }
            String[] p = positional(x);
            return pad(p[0], pl) + "." + p[1] + " ".repeat(pr - p[1].length());
        };
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** The shortest decimal that reads back as {@code x} (Dragon4 "unique" mode). */
    private static BigDecimal shortest(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == x) return r;
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    /** {integer part with sign, fraction digits} with at most 8 fraction digits, trailing zeros trimmed. */
    private static String[] positional(double x) {
        boolean neg = x < 0 || (x == 0 && 1 / x < 0);
        BigDecimal d = shortest(Math.abs(x));
        if (d.scale() > PRECISION) {
            d = new BigDecimal(Math.abs(x)).setScale(PRECISION, RoundingMode.HALF_EVEN);
        }
        d = d.stripTrailingZeros();
        String plain = d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
        int dot = plain.indexOf('.');
        String ip = dot < 0 ? plain : plain.substring(0, dot);
        String fp = dot < 0 ? "" : plain.substring(dot + 1);
        if (d.signum() == 0) {
            ip = "0";
            fp = "";
        }
        return new String[] {(neg ? "-" : "") + ip, fp};
    }

    /**
     * {integer digit with sign, fraction digits, exponent with sign} of the shortest scientific form with at most
     * {@code precision} fraction digits, zero-padded to {@code minDigits} fraction digits.
     */
    private static String[] scientific(double x, int precision, int minDigits) {
        boolean neg = x < 0 || (x == 0 && 1 / x < 0);
        double a = Math.abs(x);
        String digits;
        int exponent;
        if (a == 0) {
            digits = "0";
            exponent = 0;
        } else {
            BigDecimal d = shortest(a);
            if (d.precision() > precision + 1) {
                d = new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            }
            d = d.stripTrailingZeros();
            digits = d.unscaledValue().toString();
            exponent = digits.length() - 1 - d.scale();
        }
        String ip = digits.substring(0, 1);
        String fp = digits.substring(1);
        if (fp.length() < minDigits) fp = fp + "0".repeat(minDigits - fp.length());
        String e = (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        return new String[] {(neg ? "-" : "") + ip, fp, e};
    }
}
