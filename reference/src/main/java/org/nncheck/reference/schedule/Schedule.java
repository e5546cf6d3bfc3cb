package org.nncheck.reference.schedule;

import java.util.Map;
import java.util.function.LongToDoubleFunction;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Base of the learning-rate schedules (SPEC.md section 1, "Learning-rate schedules"): input
 * {@code steps}, shape {@code (T)}, integers {@code n >= 0} (a schedule is a closed-form
 * function of the step number, so the steps may come in any order and repeat); output
 * {@code lr}, shape {@code (T)}, {@code lr[i] = lr(steps[i])}.
 *
 * <p>Step numbers count from 0 as PyTorch's {@code last_epoch} does: {@code lr(0)} is the rate of
 * the first epoch or iteration (the value before any {@code scheduler.step()}). Every formula
 * is PyTorch's closed form ({@code _get_closed_form_lr}) where PyTorch has the schedule.
 *
 * <p>Schedules are not differentiable and have no kinks. A step that is negative, not a whole
 * number, or (for {@code one_over_t}) zero is a {@link ContractException} naming its index.
 */
public abstract class Schedule implements Component {

    /** The closed form {@code n -> lr(n)} for these parameters (parsed once). */
    protected abstract LongToDoubleFunction rate(Params params);

    /** The smallest valid step (1 for {@code one_over_t}, else 0). */
    protected long minimumStep() {
        return 0;
    }

    @Override
    public final Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor steps = Inputs.require(id(), inputs, "steps");
        Inputs.requireRank(id(), "steps", steps, 1);
        long min = minimumStep();
        LongToDoubleFunction f = rate(params);
        double[] out = new double[steps.size()];
        for (int i = 0; i < out.length; i++) {
            double v = steps.get(i);
            if (v != Math.rint(v) || Double.isInfinite(v) || Math.abs(v) > 1L << 53) {
                throw new ContractException(id() + ": tensor 'steps'[" + i + "] = " + v + " is not a step number (an integer >= "
                        + min + ")");
            }
            if (v < min) {
                throw new ContractException(id() + ": tensor 'steps'[" + i + "] = " + (long) v + " is out of range: steps must be >= "
                        + min + (min > 0 ? " (" + id() + " is undefined at step 0)" : ""));
            }
            out[i] = f.applyAsDouble((long) v);
        }
        return Map.of("lr", Tensor.wrap(new int[] {out.length}, out));
    }
}
