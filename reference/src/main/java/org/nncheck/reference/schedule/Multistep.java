package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * {@code multistep} schedule: {@code lr(n) = lr * gamma^(number of milestones <= n)}, PyTorch
 * 1.13 {@code MultiStepLR}'s closed form ({@code gamma ** bisect_right(milestones, last_epoch)}):
 * the rate changes at each milestone. Milestones may be given in any order; a milestone given
 * twice counts twice (as PyTorch's {@code Counter} of milestones does).
 *
 * <p>Parameters: {@code lr} (required), {@code gamma} (0.1), {@code milestones} (required,
 * integers).
 */
public final class Multistep extends Schedule {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "multistep";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        double lr = params.getDouble("lr");
        double gamma = params.getDouble("gamma");
        long[] milestones = params.getIntList("milestones").stream().mapToLong(Long::longValue).toArray();
        return n -> {
            int passed = 0;
            for (long m : milestones) {
                if (m <= n) {
                    passed++;
                }
            }
            return lr * Math.pow(gamma, passed);
        };
    }
}
