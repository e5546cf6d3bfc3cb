package org.nncheck.reference.init;

import org.nncheck.core.Params;

/**
 * {@code he_uniform}: {@code U(-b, b)}, {@code b = sqrt(6 / ((1 + a^2) * fan))}, the uniform
 * distribution with the variance of {@link HeNormal} ({@code b^2/3 = 2/((1+a^2) fan)}),
 * PyTorch's {@code kaiming_uniform_}. Parameters and fans as {@link HeNormal}.
 */
public final class HeUniform extends UniformInitializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "he_uniform";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected double[] bounds(int[] shape, Params params) {
        double b = Math.sqrt(6.0 / HeMode.scaledFan(id(), shape, params));
        return new double[] {-b, b};
    }
}
