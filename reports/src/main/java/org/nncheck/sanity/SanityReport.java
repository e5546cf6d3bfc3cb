package org.nncheck.sanity;

import java.time.Duration;
import java.util.List;
import org.nncheck.training.TrainingLog;

/**
 * Everything one run of the sanity checks produced: the check results (with their figures), the
 * training log of every training run (SPEC section 4.2 records with per-layer statistics, for
 * the report), and the headline numbers of SPEC section 4.1's {@code --json}.
 *
 * @param dataset the data set's name, e.g. {@code fashion-mnist}
 * @param checks the results, in check order
 * @param logs the training logs, in the order the runs were made
 * @param initialLoss the initial loss of check 1 (NaN when it could not be measured)
 * @param expectedInitialLoss ln C
 * @param regIncreasesLoss check 2's finding
 * @param overfitTrainAccuracy check 3's final training accuracy on 20 examples (NaN when not measured)
 * @param highLrDetected check 4: the detectors flagged the far-too-high learning rate
 * @param lowLrDetected check 4: the detectors flagged the far-too-low learning rate
 * @param testAccuracy check 10's test accuracy (short or full run; NaN when not measured)
 * @param duration wall time of all checks
 */
public record SanityReport(String dataset, List<SanityCheckResult> checks, List<TrainingLog> logs, double initialLoss,
                           double expectedInitialLoss, boolean regIncreasesLoss, double overfitTrainAccuracy,
                           boolean highLrDetected, boolean lowLrDetected, double testAccuracy, Duration duration) {

    public SanityReport {
        checks = List.copyOf(checks);
        logs = List.copyOf(logs);
    }

    /** Whether every check passed. */
    public boolean allPassed() {
        return checks.stream().allMatch(SanityCheckResult::passed);
    }
}
