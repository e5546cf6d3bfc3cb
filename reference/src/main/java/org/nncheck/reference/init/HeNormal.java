package org.nncheck.reference.init;

import org.nncheck.core.Params;

/**
 * {@code he_normal}: {@code N(0, 2 / ((1 + a^2) * fan))}, {@code a = negative_slope} (default
 * 0, ReLU), {@code fan} = fan_in (default {@code mode}) or fan_out. He et al. (2015), "Delving
 * Deep into Rectifiers", eq. 10 (fan_in, forward pass) and eq. 14 (fan_out, backward pass);
 * the {@code (1 + a^2)} factor for leaky/PReLU units is their eq. 15, as PyTorch's
 * {@code kaiming_normal_}. With the defaults this is the lecture's
 * {@code randn(fan_in, fan_out) / sqrt(fan_in / 2)}. Fans by {@link Fans} (note PyTorch reads
 * fan_in from axis 1 of a 2-D weight, its (out, in) layout).
 */
public final class HeNormal extends NormalInitializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "he_normal";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected double std(int[] shape, Params params) {
        return Math.sqrt(2.0 / HeMode.scaledFan(id(), shape, params));
    }
}
