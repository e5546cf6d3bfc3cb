package org.nncheck.sanity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nncheck.plot.Figure;
import org.nncheck.training.TrainingLog;
import org.nncheck.training.TrainingRecord;

/**
 * The checks one by one on a subset of Fashion-MNIST (12,000 training images: 10,000 for
 * training, 2,000 for validation), so that the suite stays fast; the whole default run is
 * {@code SanityCommandTest}'s. Skipped when Debian's dataset-fashion-mnist is not installed
 * (CI installs it).
 *
 * <p>{@code learningRateSymptomsAreDiagnosed} and
 * {@code trainValidationGapIsDiagnosed} go through {@code TrainingDiagnostics.diagnose}: they need
 * the training-log detectors (SPEC section 4.2).
 */
class SanityChecksTest {
    private static SanityChecks checks;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isDirectory(IdxDataset.DEFAULT_DIR), "Fashion-MNIST not installed (apt-get install dataset-fashion-mnist)");
        IdxDataset full = IdxDataset.load(IdxDataset.DEFAULT_DIR, null);
        IdxDataset subset = new IdxDataset(full.name(), full.train().slice(0, 12_000, "fashion-mnist/train[0:12000]"),
                full.test().slice(0, 2_000, "fashion-mnist/t10k[0:2000]"));
        checks = new SanityChecks(subset, SanityConfig.defaults(Progress.SILENT));
    }

    @Test
    void initialLossIsLnCWithinTheDerivedTolerance() {
        SanityCheckResult r = checks.initialLoss();
        assertTrue(r.passed(), r.detail());
        double loss = (Double) r.numbers().get("initial_loss");
        double tol = (Double) r.numbers().get("tolerance");
        assertEquals(Math.log(10), loss, tol);
        assertTrue(tol > 0.01 && tol < 0.1, "tolerance from the 0.01 init: " + tol);
    }

    @Test
    void regularizationRaisesTheLossByThePenalty() {
        SanityCheckResult r = checks.regularizationRaisesLoss();
        assertTrue(r.passed(), r.detail());
        assertEquals((Double) r.numbers().get("expected_rise"), (Double) r.numbers().get("rise"), 1e-9);
    }

    @Test
    void twentyExamplesAreOverfit() {
        SanityCheckResult r = checks.overfitSmall();
        assertTrue(r.passed(), r.detail());
        assertEquals(1.0, (Double) r.numbers().get("train_accuracy"));
        long steps = (Long) r.numbers().get("steps_to_accuracy_1");
        assertTrue(steps >= 0 && steps <= SanityChecks.OVERFIT_BUDGET, "steps " + steps);
        assertEquals(2, r.figures().size());
    }

    @Test
    void activationStatisticsShowTheLecturesPictures() {
        SanityCheckResult r = checks.activationStatistics();
        assertTrue(r.passed(), r.detail());
        assertEquals(5, r.figures().size());
        Figure f = r.figures().get(0);
        assertEquals(Figure.Kind.HISTOGRAM, f.kind());
        assertEquals(ActivationStudy.LAYERS, f.series().size());
        assertTrue(f.series().get(0).x().length > 1000, "a sample of each layer's activations");
    }

    @Test
    void everyTrainingRunLogsItsStepsWithPerLayerStatistics() {
        checks.overfitSmall();
        TrainingLog log = checks.logs().stream().filter(l -> l.source().endsWith("overfit_20")).findFirst().orElseThrow();
        assertEquals(java.util.List.of("fc1", "fc2"), log.layers());
        assertEquals(SanityChecks.OVERFIT_BUDGET, log.records().size());
        TrainingRecord first = log.records().get(0);
        assertEquals(0L, first.step());
        assertEquals(10, log.meta().numClasses());
        assertNotNull(first.trainAcc());
        assertNull(first.valAcc(), "no validation set in this run");
        for (String stat : new String[] {"grad_norm", "weight_norm", "update_norm", "act_mean", "act_std", "dead_fraction"}) {
            assertTrue(first.layers().get("fc1").containsKey(stat), stat);
        }
        assertFalse(first.layers().get("fc2").containsKey("dead_fraction"), "the logits have no ReLU");
        double ratio = first.layers().get("fc1").get("update_norm") / first.layers().get("fc1").get("grad_norm");
        assertEquals(0.1, ratio, 1e-12, "plain SGD: update = lr * gradient");
    }

    // ---- these need the training-log detectors (TrainingDiagnostics.diagnose)

    @Test
    void learningRateSymptomsAreDiagnosed() {
        SanityCheckResult r = checks.learningRate();
        assertTrue(r.passed(), r.detail());
        assertEquals(Boolean.TRUE, r.numbers().get("high_lr_detected"));
        assertEquals(Boolean.TRUE, r.numbers().get("low_lr_detected"));
    }

    @Test
    void updateRatioOfTheHealthyRun() {
        SanityCheckResult r = checks.updateRatio();
        assertTrue(r.passed(), r.detail());
    }

    @Test
    void trainValidationGapIsDiagnosed() {
        SanityCheckResult r = checks.trainValidationGap();
        assertTrue(r.passed(), r.detail());
    }
}
