package org.nncheck.outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nncheck.conformance.CheckResult;
import org.nncheck.conformance.ConformanceKit;

/**
 * Conformance-kit checks as outcomes: suite = family, sub-suite = entry, name = the check.
 * Categories, from the kit's measured {@link CheckResult.Evidence} (never from the detail's
 * wording): the contract checks (inputs unchanged, missing input, determinism) are contract
 * errors; an exception or a hang is a crash; a documented alternative convention is named (in
 * the message too); otherwise precision or wrong value by the worst failing element's share of
 * the allowed error.
 */
public final class ConformanceOutcomes {

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
        // the first line of a failure ends in "; the first 3:" before the samples, which are in the description
        String first = r.detail().lines().findFirst().orElse("").replaceFirst("(; the first \\d+)?:$", "");
        if (r.failed() && !r.evidence().conventions().isEmpty()) {
            first = "would match under " + r.evidence().conventions().stream().map(c -> "'" + c + "'")
                    .collect(java.util.stream.Collectors.joining(" or ")) + "; " + first;
        }
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
        CheckResult.Evidence e = r.evidence();
        if (e.crashed()) {
            return Category.CRASH;
        }
        if (!e.conventions().isEmpty()) {
            return Category.NAMED_CONVENTION;
        }
        if (Double.isFinite(e.worstShare())) {
            return Category.ofValue(e.worstShare());
        }
        return Category.WRONG_VALUE;
    }
}
