package org.nncheck.numeric;

/**
 * Neumaier's improved Kahan summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren
 * zur Summation endlicher Summen", ZAMM 54; Higham, Accuracy and Stability of Numerical
 * Algorithms, 2nd ed., section 4.3): the error of a sum of n terms is bounded by about 2 ulp of
 * the result plus n^2 eps^2 sum|x|, independent of n to first order, so a mean of many
 * per-sample losses is accurate to a couple of ulp. Infinities and NaN propagate as in a plain
 * sum (the compensation is dropped once the running sum is not finite). The one compensated sum
 * of the project: the reference, the statistics and the checkers use it.
 */
public final class CompensatedSum {
    private double sum;
    private double compensation;

    /** Adds one term. */
    public void add(double x) {
        double t = sum + x;
        if (Double.isFinite(t)) {
            if (Math.abs(sum) >= Math.abs(x)) {
                compensation += (sum - t) + x;
            } else {
                compensation += (x - t) + sum;
            }
        }
        sum = t;
    }

    /** The compensated total. */
    public double value() {
        return Double.isFinite(sum) ? sum + compensation : sum;
    }

    /** The compensated sum of {@code v}. */
    public static double of(double... v) {
        CompensatedSum s = new CompensatedSum();
        for (double x : v) {
            s.add(x);
        }
        return s.value();
    }

    /** {@code n} fresh sums, one per group (per channel, per segment). */
    public static CompensatedSum[] array(int n) {
        CompensatedSum[] s = new CompensatedSum[n];
        for (int i = 0; i < n; i++) {
            s[i] = new CompensatedSum();
        }
        return s;
    }
}
