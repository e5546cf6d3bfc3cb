package org.nncheck.cases;

/**
 * Element-wise closeness: {@code |actual - expected| <= atol * s + rtol * |expected|}; NaN
 * equals only NaN, and an infinity only the same infinity (SPEC.md section 2).
 *
 * <p>{@code s} is 1 for a tolerance a case gives itself (the SPEC's formula exactly). For the
 * per-dtype defaults ({@link Dtype}) it is the scale of the tensor being compared,
 * {@code s = max(1, max_i |expected_i|)}: a low-precision implementation's absolute rounding
 * error grows with the magnitude of the quantities it computes, so an absolute tolerance that
 * does not grow with them would reject correct float32 results of large tensors (see
 * docs/TOLERANCES.md).
 *
 * @param rtol relative tolerance
 * @param atol absolute tolerance (per unit of scale when {@code scaled})
 * @param scaled whether {@code atol} is multiplied by the tensor's scale
 */
public record Tolerance(double rtol, double atol, boolean scaled) {

    public Tolerance {
        if (!(rtol >= 0) || !(atol >= 0) || Double.isInfinite(rtol) || Double.isInfinite(atol)) {
            throw new IllegalArgumentException("tolerance needs finite rtol >= 0 and atol >= 0");
        }
    }

    /** The SPEC's literal tolerance (a case's own). */
    public Tolerance(double rtol, double atol) {
        this(rtol, atol, false);
    }

    /** The scale {@code s} for a tensor of expected values. */
    public double scale(org.nncheck.core.Tensor expected) {
        if (!scaled) {
            return 1;
        }
        double m = 1;
        for (int i = 0; i < expected.size(); i++) {
            double v = Math.abs(expected.get(i));
            if (Double.isFinite(v) && v > m) {
                m = v;
            }
        }
        return m;
    }

    /** Allowed error at one element, for a tensor of scale {@code s}. */
    public double allowed(double expected, double s) {
        return atol * s + rtol * Math.abs(expected);
    }

    /** Whether {@code actual} is within tolerance of {@code expected}, for a tensor of scale {@code s}. */
    public boolean accepts(double actual, double expected, double s) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return actual == expected;
        }
        return Math.abs(actual - expected) <= allowed(expected, s);
    }

    /** Whether {@code actual} is within tolerance of {@code expected}, with scale 1 (the SPEC's formula). */
    public boolean accepts(double actual, double expected) {
        return accepts(actual, expected, 1);
    }

    @Override
    public String toString() {
        return "rtol " + rtol + ", atol " + atol + (scaled ? " x scale" : "");
    }
}
