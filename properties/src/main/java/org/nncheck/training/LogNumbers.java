package org.nncheck.training;

import java.util.Locale;
import java.util.regex.Pattern;

/** Numbers as training logs write them (SPEC section 4.2) and as messages show them. */
final class LogNumbers {
    /** A decimal number as Python, numpy and Java print floats (no hex, no type suffix). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private LogNumbers() {
    }

    /**
     * A cell or string value: a decimal number, or a non-finite spelling in any case: {@code nan},
     * {@code inf}, {@code infinity}, with an optional sign (CSV: as Python and Keras write them;
     * JSON Lines: "NaN", "Infinity", "-Infinity"). {@code null} when it is none of these.
     */
    static Double parse(String text) {
        String s = text.trim();
        if (DECIMAL.matcher(s).matches()) {
            double d = Double.parseDouble(s);
            return Double.isInfinite(d) ? null : d; // 1e400 is an overflow, not a logged infinity
        }
        String l = s.toLowerCase(Locale.ROOT);
        boolean neg = l.startsWith("-");
        if (neg || l.startsWith("+")) {
            l = l.substring(1);
        }
        if (l.equals("nan")) {
            return Double.NaN;
        }
        if (l.equals("inf") || l.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    /** A number for a message: up to 6 significant digits, integers without a fraction. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e")
                .replaceAll("\\.$", "");
    }
}
