package org.nncheck.reference.init;

import org.nncheck.core.Params;

/**
 * {@code uniform}: {@code U(low, high)} with both bounds required and {@code low <= high} (equal bounds: the point mass)
 * (a {@link org.nncheck.core.ContractException} otherwise). Independent of the shape.
 */
public final class UniformInit extends UniformInitializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "uniform";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected double[] bounds(int[] shape, Params params) {
        return new double[] {params.getDouble("low"), params.getDouble("high")};
    }
}
