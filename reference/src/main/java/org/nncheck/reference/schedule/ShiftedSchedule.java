package org.nncheck.reference.schedule;

import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Params;

/**
 * Alternative for any schedule: the schedule off by one step, {@code lr(n + offset)}
 * ({@code offset = +1}: one step ahead, as when the scheduler is stepped before the first
 * optimizer step or steps are counted from 1; {@code offset = -1}: one step behind). A step
 * that the shift moves below 0 is evaluated at 0.
 */
public final class ShiftedSchedule extends Schedule {
    private final Schedule schedule;
    private final long offset;

    /** {@code schedule} evaluated at {@code n + offset}. */
    public ShiftedSchedule(Schedule schedule, long offset) {
        this.schedule = schedule;
        this.offset = offset;
    }

    @Override
    public String id() {
        return schedule.id();
    }

    @Override
    protected long minimumStep() {
        return Math.max(0, schedule.minimumStep() - Math.max(offset, 0));
    }

    @Override
    protected LongToDoubleFunction rate(Params params) {
        LongToDoubleFunction f = schedule.rate(params);
        long floor = schedule.minimumStep();
        return n -> f.applyAsDouble(Math.max(floor, n + offset));
    }
}
