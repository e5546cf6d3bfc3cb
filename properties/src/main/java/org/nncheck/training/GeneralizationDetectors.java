package org.nncheck.training;

import java.util.List;

/**
 * The detectors that compare training and validation (SPEC section 4.2: overfitting,
 * underfitting). They need validation metrics (overfitting) or accuracies (underfitting); without
 * them they say nothing. Thresholds and their reasons: docs/TRAINING-LOGS.md. Advice: CS231n,
 * "Neural Networks Part 3" (train/val accuracy) and the lecture on regularization.
 */
final class GeneralizationDetectors {
    /** overfitting: the validation loss ends this factor above its minimum ... */
    static final double VAL_RISE = 1.2;
    /** overfitting: ... or the validation accuracy ends this far below its maximum ... */
    static final double VAL_ACC_DROP = 0.05;
    /**
     * ... while the training loss went down by at least this fraction since the validation
     * optimum, to below the best validation loss (training fits what validation never reached; a
     * run whose training loss stays above it is unstable, not memorizing).
     */
    static final double TRAIN_STILL_IMPROVES = 0.05;
    /** overfitting: a train/validation accuracy gap at least this large. */
    static final double ACC_GAP = 0.15;
    /** underfitting: training accuracy below this at the end of the run ... */
    static final double LOW_ACC = 0.6;
    /**
     * ... with a train/validation accuracy gap below this (overfitting by a rising validation loss
     * also needs a gap above it when accuracies are logged) ...
     */
    static final double NO_GAP = 0.05;
    /**
     * ... and no more than this gain of accuracy (or twice its standard error, when the
     * minibatch accuracies scatter more) from the middle third of the run to the last (means of
     * each third: minibatch accuracies of 64 examples scatter by about 0.06) ...
     */
    static final double STALLED = 0.05;
    /**
     * ... after the training (or validation) loss fell by at least this fraction (a loss that never moved is not a
     * capacity problem: lr_too_low or a dead network).
     */
    static final double LEARNED = 0.1;
    /**
     * ... and settled at its best: the smoothed loss ends within this factor of its minimum (a loss
     * that bounces back up is a learning rate too high, not a small model).
     */
    static final double SETTLED = 1.2;

    private GeneralizationDetectors() {
    }

    static void detect(RunView run, List<Diagnosis> out) {
        overfitting(run, out);
        underfitting(run, out);
    }

    private static void overfitting(RunView run, List<Diagnosis> out) {
        RunView.Series val = run.series(TrainingRecord::valLoss);
        RunView.Series train = run.series(TrainingRecord::loss);
        RunView.Series vacc = run.series(TrainingRecord::valAcc);
        RunView.Series tacc = run.series(TrainingRecord::trainAcc);
        if (val.size() >= 3 && train.size() >= 3) {
            double[] v = RobustStats.runningMedian(val.values(), val.size() >= 9 ? 3 : 1);
            int best = 0;
            for (int i = 1; i < v.length; i++) {
                if (v[i] < v[best]) {
                    best = i;
                }
            }
            double last = v[v.length - 1];
            double trainAtBest = trainLevelAt(train, val.position(best));
            double trainEnd = trainLevelAt(train, val.position(val.size() - 1));
            if (best < v.length - 1 && v[best] > 0 && last > VAL_RISE * v[best]
                    && trainEnd < (1 - TRAIN_STILL_IMPROVES) * trainAtBest && trainEnd < v[best]
                    && (vacc.size() == 0 || tacc.size() == 0 || endLevel(tacc) - endLevel(vacc) > NO_GAP)) {
                out.add(new Evidence().put("best_val_loss", v[best]).put("end_val_loss", last)
                        .put("val_rise", last / v[best]).put("train_loss_at_best", trainAtBest)
                        .put("end_train_loss", trainEnd)
                        .diagnosis("overfitting", val.position(best), null, "The validation loss rose from "
                                + LogNumbers.format(v[best]) + " to " + LogNumbers.format(last) + " while the training "
                                + "loss kept falling: the network memorizes the training set; raise the "
                                + "regularization (L2, dropout), get more data or augment it, or stop earlier."));
                return;
            }
        }
        if (vacc.size() >= 1 && tacc.size() >= 1) {
            double tEnd = endLevel(tacc);
            double vEnd = endLevel(vacc);
            // the gap is judged on the training accuracy's mean over the last third of its records,
            // less two standard errors: a Lightning log has one minibatch accuracy every 50 steps,
            // and the last one of a batch of 4 is 1.0 for a 0.8-accurate model (held-out healthy_cnn_b4)
            int n = tacc.size();
            int third = Math.max(1, n / 3);
            double tLow = RobustStats.mean(tacc.values(), n - third, n)
                    - 2 * Math.sqrt(variance(tacc.values(), n - third, n) / third);
            if (tLow - vEnd >= ACC_GAP) {
                out.add(new Evidence().put("train_acc", tEnd).put("val_acc", vEnd).put("gap", tEnd - vEnd)
                        .put("train_acc_low", tLow)
                        .diagnosis("overfitting", vacc.position(vacc.size() - 1), null, "Training accuracy "
                                + LogNumbers.format(tEnd) + " is far above validation accuracy " + LogNumbers.format(vEnd)
                                + ": a large train/validation gap is overfitting; raise the regularization (L2, "
                                + "dropout), get more data or augment it."));
                return;
            }
            if (vacc.size() >= 3) {
                double peak = 0;
                int at = 0;
                for (int i = 0; i < vacc.size(); i++) {
                    if (vacc.values()[i] > peak) {
                        peak = vacc.values()[i];
                        at = i;
                    }
                }
                double tAtPeak = accLevelAt(tacc, vacc.position(at));
                if (peak - vEnd >= VAL_ACC_DROP && tEnd > tAtPeak) {
                    out.add(new Evidence().put("best_val_acc", peak).put("end_val_acc", vEnd)
                            .put("train_acc_at_best", tAtPeak).put("end_train_acc", tEnd)
                            .diagnosis("overfitting", vacc.position(at), null, "Validation accuracy fell from "
                                    + LogNumbers.format(peak) + " to " + LogNumbers.format(vEnd) + " while training "
                                    + "accuracy rose: raise the regularization (L2, dropout) or stop earlier."));
                }
            }
        }
    }

    private static void underfitting(RunView run, List<Diagnosis> out) {
        RunView.Series tacc = run.series(TrainingRecord::trainAcc);
        RunView.Series vacc = run.series(TrainingRecord::valAcc);
        if (tacc.size() < 3 || vacc.size() < 1) {
            return;
        }
        int n = tacc.size();
        int third = Math.max(1, n / 3);
        double tEnd = RobustStats.mean(tacc.values(), n - third, n);
        double before = RobustStats.mean(tacc.values(), n - 2 * third, n - third);
        double gain = tEnd - before;
        // the gain's noise: the standard error of a difference of two means of `third` values
        double noise = Math.sqrt((variance(tacc.values(), n - third, n) + variance(tacc.values(), n - 2 * third,
                n - third)) / third);
        int m = vacc.size();
        double vEnd = RobustStats.mean(vacc.values(), m - Math.max(1, m / 3), m);
        RunView.Series loss = run.series(TrainingRecord::loss);
        if (loss.size() < 2) {
            return;
        }
        int w = RobustStats.window(loss.size());
        double lossStart = RobustStats.median(loss.values(), 0, w);
        double lossEnd = RobustStats.median(loss.values(), loss.size() - w, loss.size());
        double lossBest = Double.POSITIVE_INFINITY;
        for (double v : RobustStats.runningMedian(loss.values(), w)) {
            lossBest = Math.min(lossBest, v);
        }
        boolean learned = lossStart > 0 && lossEnd < (1 - LEARNED) * lossStart
                || fell(run.series(TrainingRecord::valLoss));
        boolean settled = lossEnd <= SETTLED * lossBest && settled(run.series(TrainingRecord::valLoss));
        if (learned && settled && tEnd < LOW_ACC && Math.abs(tEnd - vEnd) < NO_GAP
                && gain < Math.max(STALLED, 2 * noise)) {
            Double chance = run.log.meta().numClasses() == null ? null : 1.0 / run.log.meta().numClasses();
            out.add(new Evidence().put("train_acc", tEnd).put("val_acc", vEnd).put("gain_last_third", gain)
                    .put("chance", chance)
                    .diagnosis("underfitting", tacc.position(n - 1), null, "Training accuracy stays low ("
                            + LogNumbers.format(tEnd) + ", validation " + LogNumbers.format(vEnd) + ") and has "
                            + "stopped improving, with no train/validation gap: the model is too small or too "
                            + "regularized; raise its capacity (more or wider layers) or lower the regularization."));
        }
    }

    /** The sample variance of {@code v[from, to)} (0 for fewer than 2 values). */
    private static double variance(double[] v, int from, int to) {
        int a = Math.max(0, from);
        int k = Math.min(v.length, to) - a;
        if (k < 2) {
            return 0;
        }
        double mean = RobustStats.mean(v, a, a + k);
        double ss = 0;
        for (int i = a; i < a + k; i++) {
            ss += (v[i] - mean) * (v[i] - mean);
        }
        return ss / (k - 1);
    }

    /** Whether a loss series fell by {@link #LEARNED} from its first window to its last. */
    private static boolean fell(RunView.Series s) {
        int n = s.size();
        if (n < 2) {
            return false;
        }
        int w = RobustStats.window(n);
        double start = RobustStats.median(s.values(), 0, w);
        return start > 0 && RobustStats.median(s.values(), n - w, n) < (1 - LEARNED) * start;
    }

    /** Whether a series (empty: yes) ends within {@link #SETTLED} of its smoothed minimum. */
    private static boolean settled(RunView.Series s) {
        if (s.size() == 0) {
            return true;
        }
        double[] smooth = RobustStats.runningMedian(s.values(), RobustStats.window(s.size()));
        double best = Double.POSITIVE_INFINITY;
        for (double v : smooth) {
            best = Math.min(best, v);
        }
        return smooth[smooth.length - 1] <= SETTLED * best;
    }

    /** The mean accuracy over the last window of a series: its level at the end of the run. */
    private static double endLevel(RunView.Series acc) {
        int w = RobustStats.window(acc.size());
        return RobustStats.mean(acc.values(), acc.size() - w, acc.size());
    }

    /** The mean accuracy over the window ending at a position. */
    private static double accLevelAt(RunView.Series acc, long position) {
        int w = RobustStats.window(acc.size());
        int end = endIndex(acc, position);
        return RobustStats.mean(acc.values(), end - w, end);
    }

    private static int endIndex(RunView.Series s, long position) {
        int end = 0;
        while (end < s.size() && s.position(end) <= position) {
            end++;
        }
        return Math.max(end, 1);
    }

    /** The smoothed training loss at a position: the median of the window ending there. */
    private static double trainLevelAt(RunView.Series s, long position) {
        int w = RobustStats.window(s.size());
        int end = endIndex(s, position);
        return RobustStats.median(s.values(), end - w, end);
    }
}
