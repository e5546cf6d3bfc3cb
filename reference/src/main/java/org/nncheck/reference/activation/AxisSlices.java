package org.nncheck.reference.activation;

import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/**
 * The 1-D slices of a tensor along one axis: {@code outer * inner} slices of length {@code n};
 * element {@code k} of slice {@code (o, i)} is at flat index {@code (o n + k) inner + i}
 * (row-major).
 *
 * @param outer product of the dimensions before the axis
 * @param n length of the axis
 * @param inner product of the dimensions after the axis
 */
record AxisSlices(int outer, int n, int inner) {

    /** The slices of {@code t} along {@code axis} (negative counts from the end). */
    static AxisSlices of(String component, Tensor t, long axis) {
        int rank = t.rank();
        if (rank == 0) {
            throw new ContractException(component + ": tensor 'x' must have rank >= 1 to apply along an axis, got a scalar");
        }
        if (axis < -rank || axis >= rank) {
            throw new ContractException(component + ": parameter 'axis' = " + axis + " is out of range for 'x' of shape "
                    + t.shapeString() + " (valid: " + (-rank) + " .. " + (rank - 1) + ")");
        }
        int a = (int) (axis < 0 ? axis + rank : axis);
        int[] shape = t.shape();
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= shape[i];
        }
        int inner = 1;
        for (int i = a + 1; i < rank; i++) {
            inner *= shape[i];
        }
        return new AxisSlices(outer, shape[a], inner);
    }

    /**
     * {@code e^{x - m}} with the rounding error of {@code x - m} compensated: {@code d = x - m}
     * is rounded, its error {@code r} is recovered exactly (two-sum) and
     * {@code e^{x - m} = e^d (1 + r)}. Without this, softmax inherits up to
     * {@code |x - m| 2^-53} relative error (30 ulp at |x - m| = 60).
     */
    static double expDiff(double x, double m) {
        double d = x - m;
        double e = Math.exp(d);
        if (!Double.isFinite(d) || e == 0) {
            return e;
        }
        double nm = -m;
        double bv = d - x;
        double r = (x - (d - bv)) + (nm - bv);
        return e * (1 + r);
    }

    /** Number of slices. */
    int count() {
        return outer * inner;
    }

    /** Flat index of element {@code k} of slice {@code s}. */
    int index(int s, int k) {
        int o = s / inner;
        int i = s % inner;
        return (o * n + k) * inner + i;
    }
}
