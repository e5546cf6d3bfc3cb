package org.nncheck.reference.init;

import org.nncheck.core.Params;

/**
 * {@code xavier_normal}: {@code N(0, gain^2 * 2 / (fan_in + fan_out))}, Glorot and Bengio
 * (2010), "Understanding the difficulty of training deep feedforward neural networks", eq. 12
 * (the variance of their normalized initialization); PyTorch {@code xavier_normal_}. Fans by
 * {@link Fans}. Not to be confused with the lecture's {@code randn/sqrt(fan_in)}, which is
 * {@link LecunNormal} (equal only when fan_in = fan_out).
 */
public final class XavierNormal extends NormalInitializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "xavier_normal";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected double std(int[] shape, Params params) {
        double fans = (double) Fans.fanIn(id(), shape, params) + Fans.fanOut(id(), shape, params);
        return params.getDouble("gain") * Math.sqrt(2.0 / fans);
    }
}
