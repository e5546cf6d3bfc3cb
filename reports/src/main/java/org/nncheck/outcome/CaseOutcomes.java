package org.nncheck.outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.nncheck.cases.CaseResult;
import org.nncheck.cases.TensorReport;

/**
 * Case verdicts as outcomes. A case expected to pass passes when verify accepts it; a case
 * expected to be rejected ({@link CaseExpectations}) is a passing test named
 * {@code rejects injected bug ID} when verify rejects it, and a failed one when verify accepts it.
 * Categories: a documented alternative convention matched: named convention; a shape mismatch or a
 * malformed case: contract error; otherwise precision or wrong value by how far out of tolerance
 * ({@link Category#ofValue}).
 */
public final class CaseOutcomes {

    private CaseOutcomes() {
    }

    /** Outcomes of {@code verify}: every case is expected to pass; suite = the file's folder. */
    public static List<Outcome> ofVerify(List<CaseResult> results, long startMillis) {
        List<Outcome> out = new ArrayList<>();
        long t = startMillis;
        for (CaseResult r : results) {
            String folder = r.file() == null || r.file().getParent() == null ? "." : r.file().getParent().toString();
            out.add(of(r, "Cases", folder, Optional.empty(), t));
            t += r.nanos() / 1_000_000;
        }
        return out;
    }

    /** One case; {@code expectedRejection} is the reason it should be rejected, or empty. */
    public static Outcome of(CaseResult r, String part, String suite, Optional<String> expectedRejection, long startMillis) {
        String id = r.id() == null ? r.file() + ":" + r.line() : r.id();
        String component = r.component() == null ? "unknown component" : r.component();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("file", r.file() + ":" + r.line());
        long millis = r.nanos() / 1_000_000;
        String detail = details(r);
        if (r.status() == CaseResult.Status.MALFORMED) {
            return new Outcome(part, suite, component, expectedRejection.isPresent() ? "rejects injected bug " + id : id,
                    Outcome.Status.BROKEN, Category.CONTRACT_ERROR, "malformed case: " + r.message(), detail, startMillis, millis,
                    params, List.of());
        }
        if (expectedRejection.isPresent()) {
            params.put("injected bug", expectedRejection.get());
            String name = "rejects injected bug " + id;
            if (r.status() == CaseResult.Status.FAIL) {
                return new Outcome(part, suite, component, name, Outcome.Status.PASSED, null, "rejected: " + firstFailure(r), detail,
                        startMillis, millis, params, List.of());
            }
            return new Outcome(part, suite, component, name, Outcome.Status.FAILED, Category.WRONG_VALUE,
                    "accepted a case that carries an injected bug (" + expectedRejection.get() + "); " + summary(r), detail,
                    startMillis, millis, params, List.of());
        }
        if (r.status() == CaseResult.Status.PASS) {
            return new Outcome(part, suite, component, id, Outcome.Status.PASSED, null, "accepted: " + summary(r), detail, startMillis,
                    millis, params, List.of());
        }
        return new Outcome(part, suite, component, id, Outcome.Status.FAILED, category(r), firstFailure(r), detail, startMillis, millis,
                params, List.of());
    }

    /** The category of a rejected case. */
    static Category category(CaseResult r) {
        if (!r.alternatives().isEmpty()) {
            return Category.NAMED_CONVENTION;
        }
        if (r.tensors().stream().anyMatch(t -> t.shapeMismatch() != null)) {
            return Category.CONTRACT_ERROR;
        }
        double used = r.tensors().stream().filter(t -> !t.passed()).mapToDouble(TensorReport::toleranceUsed).max().orElse(Double.NaN);
        return Double.isNaN(used) ? Category.WRONG_VALUE : Category.ofValue(used);
    }

    private static String firstFailure(CaseResult r) {
        TensorReport w = r.worstTensor();
        String s = w == null ? String.valueOf(r.message()) : w.describe();
        if (!r.alternatives().isEmpty()) {
            s += "; would match under: " + String.join("; ", r.alternatives());
        }
        return s;
    }

    private static String summary(CaseResult r) {
        TensorReport w = r.worstTensor();
        if (w == null) {
            return r.message() == null ? "nothing to compare" : r.message();
        }
        return String.format(Locale.ROOT, "worst rel err %.2e (%s), %.0f%% of tolerance used", w.maxRelError(), w.name(),
                100 * r.tensors().stream().mapToDouble(TensorReport::toleranceUsed).max().orElse(0));
    }

    private static String details(CaseResult r) {
        StringBuilder sb = new StringBuilder();
        for (TensorReport t : r.tensors()) {
            sb.append(t.passed() ? "ok   " : "FAIL ").append(t.describe()).append('\n');
        }
        for (String a : r.alternatives()) {
            sb.append("would match under: ").append(a).append('\n');
        }
        return sb.toString();
    }
}
