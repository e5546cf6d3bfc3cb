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
