package org.nncheck.outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nncheck.plot.Figure;
import org.nncheck.plot.FigureRenderer;
import org.nncheck.sanity.SanityCheckResult;

/**
 * Training sanity checks (SPEC section 4.1) as outcomes: one per check, its numbers as
 * parameters, its figures drawn as PNG attachments. A failed sanity check is a training problem.
 */
public final class SanityOutcomes {

    /** The report part of the sanity checks. */
    public static final String PART = "Sanity checks";

    private SanityOutcomes() {
    }

    public static List<Outcome> of(List<SanityCheckResult> results, String suite, long startMillis) {
        List<Outcome> out = new ArrayList<>();
        long t = startMillis;
        for (SanityCheckResult r : results) {
            Map<String, String> params = new LinkedHashMap<>();
            r.numbers().forEach((k, v) -> params.put(k, number(v)));
            List<Attachment> attachments = new ArrayList<>();
            for (Figure f : r.figures()) {
                attachments.add(Attachment.png(f.title(), FigureRenderer.png(f)));
            }
            String detail = r.detail() == null ? "" : r.detail();
            String first = detail.lines().findFirst().orElse(r.title());
            long millis = r.duration() == null ? 0 : r.duration().toMillis();
            out.add(new Outcome(PART, suite, null, r.title() + " [" + r.id() + "]", r.passed() ? Outcome.Status.PASSED : Outcome.Status.FAILED,
                    r.passed() ? null : Category.TRAINING_PROBLEM, first, detail, t, millis, params, attachments));
            t += millis;
        }
        return out;
    }

    /** A measured number for a person: 4 significant digits (2.2636270868991324 is 2.264), integers as they are. */
    static String number(Object v) {
        if (!(v instanceof Double || v instanceof Float) || !Double.isFinite(((Number) v).doubleValue())) {
            return String.valueOf(v);
        }
        double d = ((Number) v).doubleValue();
        if (d == 0 || (Math.abs(d) >= 1e-3 && Math.abs(d) < 1e6)) {
            return new java.math.BigDecimal(d).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(java.util.Locale.ROOT, "%.3e", d);
    }
}
