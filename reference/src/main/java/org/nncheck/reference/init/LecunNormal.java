package org.nncheck.reference.init;

import org.nncheck.core.Params;

/**
 * {@code lecun_normal}: {@code N(0, 1 / fan_in)}: the CS231n lecture's
 * {@code np.random.randn(fan_in, fan_out) / np.sqrt(fan_in)} (which the lecture calls
 * "Xavier initialization"); LeCun et al. (1998), "Efficient BackProp", section 4.6. Fans by
 * {@link Fans}.
 */
public final class LecunNormal extends NormalInitializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "lecun_normal";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected double std(int[] shape, Params params) {
        return Math.sqrt(1.0 / Fans.fanIn(id(), shape, params));
    }
}
