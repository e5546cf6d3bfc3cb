package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * {@code one_over_t} schedule: {@code lr(n) = c / n} for {@code n >= 1} (the 1/t decay of
 * stochastic approximation, Robbins and Monro 1951: the sum of the rates diverges, the sum of
 * their squares converges). Undefined at {@code n = 0}: a step 0 is a clear error, not an
 * infinite rate.
 *
 * <p>Parameter: {@code c} (required).
 */
public final class OneOverT extends Schedule {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "one_over_t";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected long minimumStep() {
        return 1;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double c = params.getDouble("c");
        return n -> c / n;
    }
}
