package org.nncheck.reference.loss;

/**
 * Neumaier's improved Kahan summation (Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren
 * zur Summation endlicher Summen"): the error of a sum of n terms is bounded by about
 * 2 ulp of the result plus n^2 eps^2 sum|x|, independent of n to first order, so a mean of
 * many per-sample losses is accurate to a couple of ulp. Infinities and NaN propagate as in a
 * plain sum.
 */
final class CompensatedSum {
    private double sum;
    private double compensation;

    /** Adds one term. */
    void add(double x) {
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
    double value() {
        return Double.isFinite(sum) ? sum + compensation : sum;
    }
}
