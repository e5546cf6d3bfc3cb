package org.nncheck.cases;

/**
 * Element-wise closeness: {@code |actual - expected| <= atol + rtol * |expected|}; NaN equals
 * only NaN, and an infinity only the same infinity (SPEC.md section 2).
 */
public record Tolerance(double rtol, double atol) {

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || Double.isInfinite(rtol) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException("tolerance needs finite rtol >= 0 and atol >= 0");
        }
    }

    /** Whether {@code actual} is within tolerance of {@code expected}. */
    public boolean accepts(double actual, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    @Override
    public String toString() {
        return "rtol " + rtol + ", atol " + atol;
    }
}
