package org.nncheck.reference.optim;

import java.util.Arrays;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Base of the optimizers (SPEC.md section 1, "Optimizers"): runs one update rule along a
 * whole trajectory, so that a call holds no state from one call to the next.
 *
 * <p>Inputs:
 * <ul>
 *   <li>{@code w}: the initial parameters, any shape {@code S} (a scalar included);</li>
 *   <li>{@code grads}: shape {@code (T, S...)}, the gradient handed to step {@code t = 1..T}
 *       ({@code grads[t-1]}); the gradients are given, not computed, so a trajectory is a pure
 *       function of its inputs;</li>
 *   <li>{@code lr} (optional): shape {@code (T)}, the learning rate of each step; when given it
 *       replaces the parameter {@code lr} at every step (this is how a schedule meets an
 *       optimizer; PyTorch's {@code scheduler.step()} sets the lr used by the next
 *       {@code optimizer.step()}). Values must be finite and {@code >= 0}, as PyTorch's
 *       {@code "Invalid learning rate"} check demands of the parameter.</li>
 * </ul>
 * Output {@code w}: shape {@code (T, S...)}, the parameters after each step ({@code T = 0}
 * gives an empty trajectory of shape {@code (0, S...)}). Optimizer state (velocities,
 * accumulators, moments) starts at zero unless a parameter says otherwise, and the step
 * counter {@code t} starts at 1, as in PyTorch 1.13's {@code torch.optim}.
 *
 * <p>Weight decay, where an optimizer has the parameter, is PyTorch's L2 form: the gradient
 * used by step {@code t} is {@code g = grads[t-1] + weight_decay * w} with {@code w} the
 * parameters before the step (Adam's {@code decoupled_weight_decay} is the exception, see
 * {@link Adam}).
 *
 * <p>Accuracy: each rule follows the order of operations of PyTorch 1.13's single-tensor
 * implementation, so trajectories agree with PyTorch's float64 ones to a few ulp per step
 * (measured on the shared PyTorch cases: largest relative error 2.8e-15 over 12 steps).
 *
 * <p>Inputs are never modified. Optimizers are not differentiable (no backward) and have no
 * kinks.
 */
public abstract class Optimizer implements Component {

    /**
     * The update of one optimizer, holding its own state (fresh for each trajectory).
     * Implementations are small closures over typed state arrays.
     */
    @FunctionalInterface
    protected interface UpdateRule {
        /**
         * One step.
         *
         * @param t the step number, 1-based (PyTorch's {@code state['step']} after increment)
         * @param lr this step's learning rate
         * @param grad this step's gradient (a scratch copy: the rule may overwrite it, e.g. to
         *     add weight decay)
         * @param w the parameters before the step, updated in place to the parameters after it
         */
        void step(int t, double lr, double[] grad, double[] w);
    }

    /** A fresh update rule (zero state) for parameters of {@code size} elements. */
    protected abstract UpdateRule newRule(Params params, int size);

    @Override
    public final Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor w = Inputs.require(id(), inputs, "w");
        Tensor grads = Inputs.require(id(), inputs, "grads");
        int[] shape = w.shape();
        int[] gShape = grads.shape();
        if (gShape.length != shape.length + 1 || !Arrays.equals(Arrays.copyOfRange(gShape, 1, gShape.length), shape)) {
            int[] want = new int[shape.length + 1];
            System.arraycopy(shape, 0, want, 1, shape.length);
            String wantText = Arrays.toString(want).replaceFirst("^\\[0", "[T");
            throw new ContractException(id() + ": tensor 'grads' must have shape " + wantText
                    + " (T steps of the shape of 'w' " + w.shapeString() + "), got " + grads.shapeString());
        }
        int steps = gShape[0];
        double[] lrs = learningRates(inputs, params, steps);
        int n = w.size();
        double[] cur = w.toArray();
        double[] g = new double[n];
        double[] out = new double[steps * n];
        UpdateRule rule = newRule(params, n);
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < n; i++) {
                g[i] = grads.get((t - 1) * n + i);
            }
            rule.step(t, lrs[t - 1], g, cur);
            System.arraycopy(cur, 0, out, (t - 1) * n, n);
        }
        return Map.of("w", Tensor.wrap(gShape, out));
    }

    /**
     * The learning rate of each step: the {@code lr} tensor when given (shape {@code (T)},
     * finite values {@code >= 0}), else the parameter {@code lr}; a clear error when neither
     * exists (sgd, momentum and nesterov have no SPEC default for {@code lr}).
     */
    private double[] learningRates(Map<String, Tensor> inputs, Params params, int steps) {
        double[] lrs = new double[steps];
        Tensor lr = inputs.get("lr");
        if (lr != null) {
            if (lr.rank() != 1 || lr.dim(0) != steps) {
                throw new ContractException(id() + ": tensor 'lr' must have shape [" + steps
                        + "] (one learning rate per step, T = grads.shape[0] = " + steps + "), got " + lr.shapeString());
            }
            for (int i = 0; i < steps; i++) {
                double v = lr.get(i);
                if (!(v >= 0) || Double.isInfinite(v)) {
                    throw new ContractException(id() + ": tensor 'lr'[" + i + "] = " + v
                            + " is not a valid learning rate (finite, >= 0)");
                }
                lrs[i] = v;
            }
            return lrs;
        }
        if (!params.has("lr")) {
            throw new ContractException(id() + ": no learning rate: give the parameter 'lr' or an input tensor 'lr' of shape ["
                    + steps + "] (" + id() + " has no default learning rate)");
        }
        Arrays.fill(lrs, params.getDouble("lr"));
        return lrs;
    }

    /** {@code g += weightDecay * w} (PyTorch's {@code grad.add(param, alpha=weight_decay)}). */
    protected static void addWeightDecay(double[] g, double[] w, double weightDecay) {
        if (weightDecay != 0) {
            for (int i = 0; i < g.length; i++) {
                g[i] += weightDecay * w[i];
            }
        }
    }
}
