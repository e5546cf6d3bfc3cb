package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * {@code step} schedule: {@code lr(n) = lr * gamma^floor(n / step_size)}, PyTorch 1.13
 * {@code StepLR}'s closed form ({@code base_lr * gamma ** (last_epoch // step_size)}): the rate
 * changes at {@code n = step_size, 2*step_size, ...}. {@code rounding = "ceil"} gives
 * {@code lr * gamma^ceil(n / step_size)}, as one lecture writes it (the first decay already at
 * {@code n = 1}).
 *
 * <p>Parameters: {@code lr} (required), {@code gamma} (0.1), {@code step_size} (required,
 * integer >= 1), {@code rounding} ("floor" or "ceil").
 */
public final class Step extends Schedule {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "step";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double lr = params.getDouble("lr");
        double gamma = params.getDouble("gamma");
        long size = params.getLong("step_size");
        boolean ceil = params.getChoice("rounding").equals("ceil");
        return n -> lr * Math.pow(gamma, ceil ? (n == 0 ? 0 : (n - 1) / size + 1) : n / size);
    }
}
