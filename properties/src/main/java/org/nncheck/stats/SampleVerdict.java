package org.nncheck.stats;

import java.util.List;

/**
 * The outcome of a statistical check of one sample.
 *
 * @param passed whether every test accepted the sample
 * @param summary one line: the verdict and the worst test
 * @param details one line per test (statistic, p-value, threshold) and, when the sample
 *     failed, the alternatives it would match ("would match under: ...")
 */
public record SampleVerdict(boolean passed, String summary, List<String> details) {

    public SampleVerdict {
        details = List.copyOf(details);
    }
}
