package org.nncheck.training;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The detectors that read the training-loss curve (SPEC section 4.2: nan_or_inf, diverging,
 * lr_too_low, initial_loss_off, oscillating, plateau_at_start). The curve is smoothed by running
 * medians over {@link RobustStats#window(int)} records; the start level {@code L0} is the median
 * of the first window, the end level the median of the last. Thresholds and their reasons:
 * docs/TRAINING-LOGS.md. Advice: CS231n, "Neural Networks Part 3: babysitting the learning
 * process" (https://cs231n.github.io/neural-networks-3/).
 */
final class LossDetectors {
    /** diverging: the smoothed loss rises above {@code L0 + DIVERGE_RISE * |L0|} (three times its start). */
    static final double DIVERGE_RISE = 2.0;
    /** lr_too_low: the smoothed loss moves by less than this fraction of its start from start to end. */
    static final double BARELY_MOVES = 0.02;
    /** lr_too_low: at least this many optimizer steps logged (or 3 epochs in an epoch-level log). */
    static final long LOW_LR_MIN_STEPS = 100;
    /** initial_loss_off: the first loss is more than this factor above ln C. */
    static final double INITIAL_FACTOR = 2.0;
    /** plateau_at_start: the smoothed loss stays within this fraction of its start ... */
    static final double PLATEAU_BAND = 0.10;
    /** ... for at least this fraction of the logged run, ... */
    static final double PLATEAU_MIN_FRACTION = 0.15;
    /** ... and ends below this fraction of its start. */
    static final double PLATEAU_DROP = 0.7;
    /** oscillating: the median jump between consecutive losses exceeds this fraction of the median loss. */
    static final double JUMPINESS = 0.3;
    /** oscillating: no progress: the end level is above this fraction of the start level. */
    static final double NO_PROGRESS = 0.9;

    private static final Set<String> SOFTMAX_LOSSES = Set.of("softmax_cross_entropy", "cross_entropy",
            "categorical_crossentropy", "sparse_categorical_crossentropy", "nll", "nll_loss", "crossentropyloss");

    private LossDetectors() {
    }

    static void detect(RunView run, List<Diagnosis> out) {
        nanOrInf(run, out);
        RunView.Series loss = run.series(TrainingRecord::loss);
        if (loss.size() == 0) {
            return;
        }
        int n = loss.size();
        int w = RobustStats.window(n);
        double[] smooth = RobustStats.runningMedian(loss.values(), w);
        double start = RobustStats.median(loss.values(), 0, w);
        double end = RobustStats.median(loss.values(), n - w, n);
        diverging(loss, smooth, start, w, out);
        if (out.stream().noneMatch(d -> d.id().equals("diverging"))) {
            validationDiverging(run, loss, out);
        }
        lrTooLow(run, loss, start, end, out);
        initialLossOff(run, out);
        oscillating(run, loss, start, end, out);
        plateauAtStart(loss, smooth, start, end, w, out);
    }

    private static void nanOrInf(RunView run, List<Diagnosis> out) {
        TrainingRecord bad = run.firstNonFinite;
        if (bad == null) {
            return;
        }
        String what = RunView.nonFinite(bad);
        RunView.Series loss = run.series(TrainingRecord::loss);
        String layer = what.contains("/") ? what.substring(what.indexOf('/') + 1) : null;
        Evidence e = new Evidence()
                .put("first_loss", loss.size() > 0 ? loss.values()[0] : null)
                .put("last_finite_loss", loss.size() > 0 ? loss.values()[loss.size() - 1] : null)
                .put("lr", bad.lr())
                .put("line", bad.line());
        out.add(e.diagnosis("nan_or_inf", run.position(bad), layer, what + " is NaN or infinite at "
                + where(bad) + ". This is almost always a learning rate too high: lower it (by 3 to 10 times) and "
                + "check the loss for log(0) or division by zero."));
    }

    /**
     * The start is the lower of the first window's median and the first loss: a learning rate far
     * too high can blow the loss up within the first window, and the first record (often the loss
     * before any update) is then the only sane level.
     */
    private static void diverging(RunView.Series loss, double[] smooth, double firstWindow, int w,
                                  List<Diagnosis> out) {
        double start = Math.min(firstWindow, loss.values()[0]);
        double limit = start + DIVERGE_RISE * Math.abs(start);
        boolean recovered = smooth[smooth.length - 1] < start;
        for (int i = w - 1; i < smooth.length; i++) {
            if (smooth[i] > limit && start != 0) {
                if (recovered && lrRoseBefore(loss, i)) {
                    // a bump after a warmup or a learning-rate restart, from which the run recovered
                    // (its smoothed loss ends below its start), is the schedule, not divergence
                    continue;
                }
                double peak = 0;
                for (int j = i; j < smooth.length; j++) {
                    peak = Math.max(peak, smooth[j]);
                }
                out.add(new Evidence().put("start_loss", start).put("smoothed_loss", smooth[i])
                        .put("peak_smoothed_loss", peak).put("ratio", smooth[i] / start)
                        .put("lr", loss.records().get(i).lr())
                        .diagnosis("diverging", loss.position(i), null, "The loss grows far above its start"
                                + (w > 1 ? " (median of " + w + " records)" : "") + ": the learning rate is too high; lower it "
                                + "(by 3 to 10 times) or add warmup or gradient clipping."));
                return;
            }
        }
    }

    /**
     * The validation loss grows above three times its minimum (the rule of {@link #DIVERGE_RISE})
     * and above the first training loss (the model ends worse than it started: a validation loss
     * near 0 that goes from 0.003 to 0.012 on an easy task is none), while the training loss ends
     * above that minimum: an epoch-level log of a run that blew up in
     * its first epoch has a first training loss that is already an average over the blow-up, so its
     * training curve can fall while the model gets worse; a network that memorizes (overfitting)
     * has its training loss below the best validation loss.
     */
    private static void validationDiverging(RunView run, RunView.Series loss, List<Diagnosis> out) {
        RunView.Series val = run.series(TrainingRecord::valLoss);
        if (val.size() < 2) {
            return;
        }
        double[] v = RobustStats.runningMedian(val.values(), val.size() >= 9 ? 3 : 1);
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        double last = v[v.length - 1];
        int n = loss.size();
        double trainEnd = RobustStats.median(loss.values(), n - RobustStats.window(n), n);
        if (v[best] > 0 && last > v[best] + DIVERGE_RISE * v[best] && trainEnd > v[best] && last > loss.values()[0]) {
            out.add(new Evidence().put("best_val_loss", v[best]).put("end_val_loss", last)
                    .put("ratio", last / v[best]).put("end_train_loss", trainEnd)
                    .put("lr", val.records().get(val.size() - 1).lr())
                    .diagnosis("diverging", val.position(best), null, "The validation loss grows to "
                            + LogNumbers.format(last / v[best]) + " times its minimum while the training loss "
                            + "stays above that minimum: the learning rate is too high; lower it (by 3 to 10 "
                            + "times) or add warmup or gradient clipping."));
        }
    }

    private static void lrTooLow(RunView run, RunView.Series loss, double start, double end, List<Diagnosis> out) {
        int n = loss.size();
        boolean stepped = loss.records().get(0).step() != null;
        long span = loss.position(n - 1) - loss.position(0);
        if (n < 3 || (stepped ? span < LOW_LR_MIN_STEPS || n < 5 : span < 2) || start <= 0) {
            return;
        }
        double moved = (start - end) / start;
        if (Math.abs(moved) >= BARELY_MOVES || alreadyConverged(run, start)) {
            return;
        }
        out.add(new Evidence().put("start_loss", start).put("end_loss", end).put("relative_change", moved)
                .put("records", n).put("span", span).put("lr", loss.records().get(0).lr())
                .diagnosis("lr_too_low", loss.position(0), null, "The loss barely moves (by "
                        + percent(moved) + " from start to end): the learning rate is probably too low; raise it "
                        + "(search it in log space, e.g. 10 times up at a time)."));
    }

    /**
     * Whether a flat loss is a finished run rather than one that does not learn: the loss is below
     * half of ln C, or the training accuracy is above 0.9, or the training accuracy at the start
     * (mean of the first window) is already more than halfway from chance to 1. A random
     * initialization predicts at chance, 1/C, and chance is at most 1/2 for any classification, so
     * without {@code num_classes} halfway is 0.75: a run that starts there was trained before the
     * log began (fine-tuning, a resumed run; the held-out fine-tuning run at learning rate 1e-4
     * starts at 0.86 and moves its loss by 1.6% over 3 epochs).
     */
    static boolean alreadyConverged(RunView run, double start) {
        Double expected = expectedInitialLoss(run.log.meta());
        if (expected != null && start < 0.5 * expected) {
            return true;
        }
        RunView.Series acc = run.series(TrainingRecord::trainAcc);
        if (acc.size() == 0) {
            return false;
        }
        Integer c = run.log.meta().numClasses();
        double chance = c == null || c < 2 ? 0.5 : 1.0 / c;
        double startAcc = RobustStats.mean(acc.values(), 0, RobustStats.window(acc.size()));
        return RobustStats.median(acc.values()) > 0.9 || startAcc > (1 + chance) / 2;
    }

    private static void initialLossOff(RunView run, List<Diagnosis> out) {
        Double expected = expectedInitialLoss(run.log.meta());
        if (expected == null) {
            return;
        }
        TrainingRecord first = null;
        for (TrainingRecord r : run.log.records()) {
            if (r.loss() != null) {
                first = r;
                break;
            }
        }
        if (first == null || first.step() == null || first.step() > 1 || !Double.isFinite(first.loss())) {
            return;
        }
        double l = first.loss();
        // only above: a first loss far below ln C is a pretrained start (fine-tuning, a resumed run),
        // which no random initialization can give (the held-out fine-tuning runs start at 0.16 and 0.23 ln C)
        if (l > INITIAL_FACTOR * expected) {
            out.add(new Evidence().put("first_loss", l).put("expected_loss", expected).put("ratio", l / expected)
                    .put("num_classes", run.log.meta().numClasses() == null ? null
                            : run.log.meta().numClasses().doubleValue())
                    .diagnosis("initial_loss_off", first.step(), null, String.format(Locale.ROOT,
                            "The first loss %s is far from the expected %s (ln C for C classes with small "
                                    + "weights, regularization off): check the initialization (weights too large "
                                    + "make confident wrong predictions) and the loss (its reduction, the labels).",
                            LogNumbers.format(l), LogNumbers.format(expected))));
        }
    }

    /** ln C for a softmax cross-entropy over C classes, ln 2 for a binary cross-entropy; else null. */
    static Double expectedInitialLoss(LogMeta meta) {
        String loss = meta.loss() == null ? "softmax_cross_entropy" : meta.loss().toLowerCase(Locale.ROOT);
        if (loss.equals("binary_cross_entropy") || loss.equals("binary_crossentropy") || loss.equals("bce")) {
            return Math.log(2);
        }
        if (SOFTMAX_LOSSES.contains(loss) && meta.numClasses() != null && meta.numClasses() >= 2) {
            return Math.log(meta.numClasses());
        }
        return null;
    }

    /**
     * A loss that jumps without progress. A run that starts already trained (see
     * {@link #alreadyConverged}) makes no progress by design, and its minibatch losses scatter by
     * their own noise: it is not judged.
     */
    private static void oscillating(RunView run, RunView.Series loss, double start, double end,
                                    List<Diagnosis> out) {
        int n = loss.size();
        boolean stepped = loss.records().get(0).step() != null;
        if (n < (stepped ? 10 : 5) || start <= 0 || end < NO_PROGRESS * start || alreadyConverged(run, start)) {
            return;
        }
        double[] jumps = new double[n - 1];
        for (int i = 1; i < n; i++) {
            jumps[i - 1] = Math.abs(loss.values()[i] - loss.values()[i - 1]);
        }
        double level = RobustStats.median(loss.values());
        double jump = RobustStats.median(jumps);
        if (level > 0 && jump > JUMPINESS * level) {
            out.add(new Evidence().put("median_jump", jump).put("median_loss", level).put("jump_ratio", jump / level)
                    .put("start_loss", start).put("end_loss", end).put("lr", loss.records().get(0).lr())
                    .diagnosis("oscillating", loss.position(0), null, "The loss jumps up and down (median jump "
                            + percent(jump / level) + " of its level) without progress: the learning rate is too "
                            + "high, or the batch too small; lower the learning rate or raise the batch size."));
        }
    }

    private static void plateauAtStart(RunView.Series loss, double[] smooth, double start, double end, int w,
                                       List<Diagnosis> out) {
        int n = loss.size();
        if (n < 4 || start <= 0 || end > PLATEAU_DROP * start) {
            return;
        }
        int k = w - 1;
        while (k < n && Math.abs(smooth[k] - start) <= PLATEAU_BAND * start) {
            k++;
        }
        // k: the first record whose smoothed loss left the band; the window ending there starts at
        // `left`, and the plateau is known to last until the record before it (a log that records
        // every 10 steps cannot say more)
        int left = Math.max(0, k - w + 1);
        long span = loss.position(n - 1) - loss.position(0);
        long flat = loss.position(Math.min(Math.max(0, left - 1), n - 1)) - loss.position(0);
        if (k < n && smooth[k] < start && span > 0 && flat >= PLATEAU_MIN_FRACTION * span && left >= 2
                && steadyIfUnsmoothed(loss, w, k, start) && !warmingUp(loss, k)) {
            out.add(new Evidence().put("start_loss", start).put("flat_until", loss.position(left))
                    .put("flat_fraction", (double) flat / span).put("end_loss", end)
                    .diagnosis("plateau_at_start", loss.position(0), null, "The loss stays flat (within "
                            + percent(PLATEAU_BAND) + " of its start) for " + percent((double) flat / span)
                            + " of the run, then drops: a bad initialization (weights too small or too large "
                            + "for the depth); use Xavier/He initialization or batch normalization."));
        }
    }

    /**
     * Unsmoothed minibatch losses (a step-level log of fewer than 20 records, such as Lightning's
     * one row every 50 steps) scatter by their own noise, which can keep a few of them within the
     * band of a loss that falls: the flat records must then be steadier than half the band. A
     * network stuck at its start predicts the same for every example, so its minibatch losses barely
     * scatter (0.6% in the calibration run's Lightning log); a learning one's scatter by 10% (the
     * held-out overfit_long_3classes Lightning log, whose first 3 rows stayed within the band).
     * Epoch averages and smoothed series are not noisy in this way.
     */
    private static boolean steadyIfUnsmoothed(RunView.Series loss, int w, int k, double start) {
        if (w > 1 || loss.records().get(0).step() == null) {
            return true;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            lo = Math.min(lo, loss.values()[i]);
            hi = Math.max(hi, loss.values()[i]);
        }
        return hi - lo <= PLATEAU_BAND / 2 * start;
    }

    /**
     * Whether the logged learning rate at record {@code i} is more than twice its minimum over the
     * records before (a warmup, a cyclic schedule, or a restart raised it). With a constant or
     * decaying learning rate, or none logged, no.
     */
    private static boolean lrRoseBefore(RunView.Series loss, int i) {
        Double now = loss.records().get(i).lr();
        if (now == null) {
            return false;
        }
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < i; j++) {
            Double lr = loss.records().get(j).lr();
            if (lr != null && lr >= 0) {
                min = Math.min(min, lr);
            }
        }
        return now > 2 * min;
    }

    /**
     * Whether the logged learning rate rose during the flat start (a warmup: the lr where the loss
     * left the band is more than twice the first one). The loss of a warmup stays flat while the
     * learning rate is still tiny; that is the schedule, not the initialization.
     */
    private static boolean warmingUp(RunView.Series loss, int k) {
        Double first = loss.records().get(0).lr();
        Double atDrop = loss.records().get(Math.min(k, loss.size() - 1)).lr();
        return first != null && atDrop != null && first >= 0 && atDrop > 2 * first;
    }

    private static String where(TrainingRecord r) {
        return (r.step() != null ? "step " + r.step() : r.epoch() != null ? "epoch " + LogNumbers.format(r.epoch())
                : "the record") + " (line " + r.line() + ")";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }
}
