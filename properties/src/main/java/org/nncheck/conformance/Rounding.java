package org.nncheck.conformance;

import org.nncheck.cases.Dtype;
import org.nncheck.core.Tensor;

/**
 * Rounding of a double to one of the four precisions of the kit (the SPEC's dtypes), round to
 * nearest, ties to even, with the format's overflow to infinity and gradual underflow (IEEE 754
 * binary64, binary32, binary16; bfloat16 is binary32 with 8 significant bits, as in
 * TensorFlow's and PyTorch's {@code bfloat16}).
 */
public final class Rounding {
    private Rounding() {
    }

    /** {@code v} rounded to {@code p}. */
    public static double round(Dtype p, double v) {
        return switch (p) {
            case FLOAT64 -> v;
            case FLOAT32 -> (float) v;
            case FLOAT16 -> round(v, 11, -14, 65504.0);
            case BFLOAT16 -> round(v, 8, -126, 0x1.FEp127);
        };
    }

    /** Every element of a floating-point tensor rounded to {@code p}; integer tensors unchanged. */
    public static Tensor round(Dtype p, Tensor t) {
        return p == Dtype.FLOAT64 || t.isIntegral() ? t : t.map(v -> round(p, v));
    }

    /**
     * Rounds to a binary format with {@code digits} significant bits, smallest normal exponent
     * {@code minExp} and largest finite value {@code max}.
     */
    static double round(double v, int digits, int minExp, double max) {
        if (!Double.isFinite(v) || v == 0) {
            return v;
        }
        double a = Math.abs(v);
        int e = Math.max(Math.getExponent(a), minExp);
        double ulp = Math.scalb(1.0, e - (digits - 1));
        double r = Math.rint(a / ulp) * ulp;
        return Math.copySign(r > max ? Double.POSITIVE_INFINITY : r, v);
    }
}
