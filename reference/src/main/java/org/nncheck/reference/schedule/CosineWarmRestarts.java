package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * Alternative for {@code cosine}: warm restarts (SGDR with {@code T_mult = 1}, PyTorch
 * {@code CosineAnnealingWarmRestarts(T_0 = t_max)}), {@code n} replaced by {@code n mod t_max},
 * so the rate jumps back to {@code lr} every {@code t_max} steps instead of rising along the
 * cosine. Identical to the SPEC's cosine for {@code n < t_max}.
 */
public final class CosineWarmRestarts extends Schedule {

    @Override
    public String id() {
        return Cosine.ID;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double lr = params.getDouble("lr");
        double tMax = params.getDouble("t_max");
        double etaMin = params.getDouble("eta_min");
        return n -> etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * (n % tMax) / tMax)) / 2;
    }
}
