package org.nncheck.sanity;

import java.time.Duration;
import java.util.List;
import org.nncheck.training.TrainingLog;

/**
 * What one training run of the sanity checks produced.
 *
 * @param spec what was run
 * @param net the trained net
 * @param log the training log (SPEC section 4.2), one record per step, per-layer statistics
 *     included; validation figures on the evaluation steps
 * @param losses the minibatch loss (data + regularization) before each step
 * @param evaluations the evaluations, in step order
 * @param nonFinite whether training stopped at a NaN or infinite loss
 * @param duration wall time
 */
public record TrainingRun(TrainSpec spec, Mlp net, TrainingLog log, double[] losses, List<EvalPoint> evaluations,
                          boolean nonFinite, Duration duration) {

    /**
     * One evaluation during training, after {@code step} updates.
     *
     * @param step updates done
     * @param train on (a prefix of) the training set
     * @param validation on (a prefix of) the validation set, or {@code null}
     */
    public record EvalPoint(int step, Evaluation train, Evaluation validation) {
    }

    /** The last evaluation. */
    public EvalPoint last() {
        return evaluations.get(evaluations.size() - 1);
    }

    /** Steps actually run (fewer than asked when a loss was not finite). */
    public int stepsRun() {
        return losses.length;
    }
}
