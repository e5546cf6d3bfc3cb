package org.nncheck.training;

import java.util.Arrays;

/**
 * Statistics that one noisy minibatch cannot move: medians, over windows of consecutive records.
 */
final class RobustStats {
    private RobustStats() {
    }

    /** The median (mean of the two middle values for an even count); NaN for no values. */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double[] s = v.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }

    /** Median of {@code v[from, to)}. */
    static double median(double[] v, int from, int to) {
        return median(Arrays.copyOfRange(v, Math.max(0, from), Math.min(v.length, to)));
    }

    /**
     * The mean of {@code v[from, to)}, for accuracies: they are bounded (no outlier can move the
     * mean far), and the median of minibatch accuracies is biased (a batch of 4 examples has
     * accuracy 0, 0.25, 0.5, 0.75 or 1: at a true accuracy of 0.8 the median is 1).
     */
    static double mean(double[] v, int from, int to) {
        int a = Math.max(0, from);
        int b = Math.min(v.length, to);
        double sum = 0;
        for (int i = a; i < b; i++) {
            sum += v[i];
        }
        return b > a ? sum / (b - a) : Double.NaN;
    }

    /**
     * The window for smoothing a series of {@code n} values: a tenth of the series, at least 1 and
     * at most 25 values. An epoch-level log of a few records is not smoothed (each value is
     * already an average); a step-level log of hundreds of minibatch losses is smoothed over a
     * tenth of the run, which a single outlier cannot move.
     */
    static int window(int n) {
        return Math.max(1, Math.min(25, n / 10));
    }

    /** The running median: value i is the median of the w values ending at i (fewer at the start). */
    static double[] runningMedian(double[] v, int w) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = median(v, i - w + 1, i + 1);
        }
        return out;
    }
}
