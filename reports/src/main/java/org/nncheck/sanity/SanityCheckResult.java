package org.nncheck.sanity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.nncheck.plot.Figure;

/**
 * The outcome of one training sanity check (SPEC section 4.1).
 *
 * @param id stable id, e.g. {@code initial_loss}
 * @param title one line for people
 * @param passed whether the check passed
 * @param numbers the numbers behind the verdict (values are Double, Long, Boolean or String)
 * @param detail what was done and why it passed or failed, in a few lines
 * @param figures plots of the check's data (curves, histograms, scatter)
 * @param duration wall time of the check
 */
public record SanityCheckResult(String id, String title, boolean passed, Map<String, Object> numbers, String detail,
                                List<Figure> figures, Duration duration) {

    public SanityCheckResult {
        numbers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(numbers));
        figures = List.copyOf(figures);
    }
}
