package org.nncheck.cases;

import java.nio.file.Path;
import java.util.List;

/**
 * The verdict on one case.
 *
 * @param file the case file
 * @param line the case's line
 * @param id case id
 * @param component component id (as written, or {@code null} when unreadable)
 * @param status pass, fail, or malformed
 * @param tensors one report per expected tensor (empty for malformed cases)
 * @param alternatives documented alternative conventions under which the case would have
 *     matched (only for failures)
 * @param message for malformed cases: what is wrong and where; for statistical checks: the summary
 * @param nanos time spent verifying
 */
public record CaseResult(Path file, int line, String id, String component, Status status, List<TensorReport> tensors,
                         List<String> alternatives, String message, long nanos) {

    /** Outcome of a case. */
    public enum Status {
        PASS, FAIL, MALFORMED
    }

    public CaseResult {
        tensors = List.copyOf(tensors);
        alternatives = List.copyOf(alternatives);
    }

    /** The largest relative error over the tensors (NaN when nothing was compared). */
    public double worstRelError() {
        return tensors.stream().mapToDouble(TensorReport::maxRelError).max().orElse(Double.NaN);
    }

    /** The report of the tensor furthest out of tolerance, or with the largest error. */
    public TensorReport worstTensor() {
        TensorReport w = null;
        for (TensorReport t : tensors) {
            if (w == null || (!t.passed() && w.passed()) || (t.passed() == w.passed() && t.maxRelError() > w.maxRelError())) {
                w = t;
            }
        }
        return w;
    }
}
