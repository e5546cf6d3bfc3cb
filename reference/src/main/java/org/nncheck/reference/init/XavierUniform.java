package org.nncheck.reference.init;

import org.nncheck.core.Params;

/**
 * {@code xavier_uniform}: {@code U(-b, b)}, {@code b = gain * sqrt(6 / (fan_in + fan_out))},
 * Glorot and Bengio (2010) eq. 16; PyTorch {@code xavier_uniform_}. Variance
 * {@code b^2 / 3 = gain^2 * 2 / (fan_in + fan_out)}. Fans by {@link Fans}.
 */
public final class XavierUniform extends UniformInitializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "xavier_uniform";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected double[] bounds(int[] shape, Params params) {
        double fans = (double) Fans.fanIn(id(), shape, params) + Fans.fanOut(id(), shape, params);
        double b = params.getDouble("gain") * Math.sqrt(6.0 / fans);
        return new double[] {-b, b};
    }
}
