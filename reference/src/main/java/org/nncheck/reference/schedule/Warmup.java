package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * {@code warmup} schedule: for {@code n < warmup_steps}, {@code mode = "linear"} gives
 * {@code lr * (f + (1 - f) * n / warmup_steps)} (PyTorch 1.13 {@code LinearLR} with
 * {@code start_factor = f}, {@code end_factor = 1}, {@code total_iters = warmup_steps}; Goyal
 * et al. 2017's gradual warmup) and {@code mode = "constant"} gives {@code lr * f} (PyTorch
 * {@code ConstantLR}; Goyal et al.'s constant warmup); from {@code n = warmup_steps} on the rate
 * is {@code lr}. {@code warmup_steps = 0} means no warmup.
 *
 * <p>Parameters: {@code lr} (required), {@code warmup_steps} (required, integer >= 0),
 * {@code mode} ("linear" or "constant"), {@code warmup_factor} f (0.1, in [0, 1]).
 */
public final class Warmup extends Schedule {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "warmup";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double lr = params.getDouble("lr");
        long steps = params.getLong("warmup_steps");
        boolean linear = params.getChoice("mode").equals("linear");
        double f = params.getDouble("warmup_factor");
        return n -> {
            if (n >= steps) {
                return lr;
            }
            return linear ? lr * (f + (1 - f) * n / steps) : lr * f;
        };
    }
}
