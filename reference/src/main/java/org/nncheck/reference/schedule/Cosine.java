package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * {@code cosine} schedule: {@code lr(n) = eta_min + (lr - eta_min) * (1 + cos(pi * n / t_max)) / 2}
 * (Loshchilov and Hutter, SGDR, ICLR 2017, eq. 5 without restarts; PyTorch 1.13
 * {@code CosineAnnealingLR}'s closed form). Past {@code t_max} the formula is followed as
 * written, so the rate rises again (period {@code 2 * t_max}), as PyTorch's closed form does;
 * restarts ({@code CosineAnnealingWarmRestarts}) are the alternative {@link CosineWarmRestarts}.
 *
 * <p>Parameters: {@code lr} (required), {@code t_max} (required, &gt; 0; usually an integer, any
 * positive number is accepted since the formula needs none),
 * {@code eta_min} (0).
 */
public final class Cosine extends Schedule {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "cosine";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double lr = params.getDouble("lr");
        double tMax = params.getDouble("t_max");
        double etaMin = params.getDouble("eta_min");
        return n -> etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * n / tMax)) / 2;
    }
}
