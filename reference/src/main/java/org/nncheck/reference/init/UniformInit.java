package org.nncheck.reference.init;

import org.nncheck.core.Params;

/**
 * {@code uniform}: {@code U(low, high)} with both bounds required and {@code low <= high} (equal bounds: the point mass)
 * (a {@link org.nncheck.core.ContractException} otherwise). Independent of the shape.
 */
public final class UniformInit extends UniformInitializer {

    @Override
    public String id() {
        return "uniform";
    }

    @Override
    protected double[] bounds(int[] shape, Params params) {
        return new double[] {params.getDouble("low"), params.getDouble("high")};
    }
}
