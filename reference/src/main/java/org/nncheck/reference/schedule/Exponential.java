package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * {@code exponential} schedule: {@code lr(n) = lr * gamma^n}, PyTorch 1.13
 * {@code ExponentialLR}'s closed form ({@code base_lr * gamma ** last_epoch}): {@code lr(0) = lr}.
 * Computed with {@code Math.pow} (within 1 ulp) rather than by repeated multiplication, which
 * drifts by up to n/2 ulp.
 *
 * <p>Parameters: {@code lr} (required), {@code gamma} (required).
 */
public final class Exponential extends Schedule {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "exponential";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double lr = params.getDouble("lr");
        double gamma = params.getDouble("gamma");
        return n -> lr * Math.pow(gamma, n);
    }
}
