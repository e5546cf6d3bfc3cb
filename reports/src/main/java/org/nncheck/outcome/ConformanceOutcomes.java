package org.nncheck.outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;

/**
 * Conformance-kit checks as outcomes: suite = family, sub-suite = entry, name = the check.
 * Categories: the contract checks (inputs unchanged, missing input, determinism) are contract
 * errors; an exception is a crash; a documented alternative convention is named; otherwise
 * precision or wrong value by the failing tensor's share of the allowed error.
 */
public final class ConformanceOutcomes {

    private static final Pattern USED = Pattern.compile("([0-9.eE+-]+|Infinity|NaN) of the allowed error");

    private ConformanceOutcomes() {
    }

    /**
     * @param part the report part, e.g. {@code Conformance of gpu-float32}
     * @param seed the kit's seed (a parameter of every outcome)
     * @param startMillis when the checks started
     * @param millis how long the checks took together; the kit times runs, not single checks, so
     *     each check gets an equal share (the totals of the report stay the measured time)
     */
    public static List<Outcome> of(String part, List<CheckResult> results, long seed, long startMillis, long millis) {
        List<Outcome> out = new java.util.ArrayList<>();
        int n = results.size();
        for (int i = 0; i < n; i++) {
            long from = startMillis + millis * i / n;
            long to = startMillis + millis * (i + 1) / n;
            out.add(of(part, results.get(i), seed, from, to - from));
        }
        return out;
    }

    static Outcome of(String part, CheckResult r, long seed, long startMillis, long millis) {
        int slash = r.entry().indexOf('/');
        String family = slash < 0 ? "catalogue" : r.entry().substring(0, slash);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("seed", Long.toString(seed));
        String first = r.detail().lines().findFirst().orElse("");
        Outcome.Status status = switch (r.status()) {
            case PASSED -> Outcome.Status.PASSED;
            case FAILED -> Outcome.Status.FAILED;
            case SKIPPED -> Outcome.Status.SKIPPED;
        };
        return new Outcome(part, family, r.entry(), r.check(), status, r.failed() ? category(r) : null, first, r.detail(), startMillis,
                millis, params, List.of());
    }

    static Category category(CheckResult r) {
        String check = r.check();
        if (check.equals(ConformanceKit.UNCHANGED) || check.equals(ConformanceKit.MISSING_INPUT) || check.equals(ConformanceKit.DETERMINISTIC)) {
            return Category.CONTRACT_ERROR;
        }
        String d = r.detail();
        if (d.contains(" threw ") || d.startsWith("threw ")) {
            return Category.CRASH;
        }
        if (d.contains("would match under")) {
            return Category.NAMED_CONVENTION;
        }
        Matcher m = USED.matcher(d);
        if (m.find()) {
            try {
                return Category.ofValue(Double.parseDouble(m.group(1)));
            } catch (NumberFormatException e) {
                return Category.WRONG_VALUE;
            }
        }
        return Category.WRONG_VALUE;
    }
}
