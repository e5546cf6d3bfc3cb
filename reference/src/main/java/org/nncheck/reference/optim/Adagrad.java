package org.nncheck.reference.optim;

import java.util.Arrays;
import org.nncheck.core.Params;

/**
 * {@code adagrad} (Duchi, Hazan and Singer 2011), as PyTorch 1.13 {@code torch.optim.Adagrad}
 * ({@code _single_tensor_adagrad}): {@code g = grads[t] + weight_decay * w};
 * {@code G += g^2}; {@code clr = lr / (1 + (t - 1) * lr_decay)};
 * {@code w -= clr * g / (sqrt(G) + eps)}, with {@code G} starting at
 * {@code initial_accumulator_value}.
 *
 * <p>eps is added <em>outside</em> the square root (PyTorch, CS231n's
 * {@code x += -lr * dx / (np.sqrt(cache) + eps)}); {@link AdagradEpsInsideSqrt} is the other
 * placement. Since {@code G} only grows and {@code clr} only shrinks, the effective per-coordinate
 * step size {@code clr / (sqrt(G) + eps)} never grows.
 *
 * <p>Parameters: {@code lr} (0.01), {@code eps} (1e-10), {@code initial_accumulator_value} (0),
 * {@code lr_decay} (0), {@code weight_decay} (0). Shapes: see {@link Optimizer}.
 */
public class Adagrad extends Optimizer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "adagrad";


    @Override
    public String id() {
        return ID;
    }

    /** The denominator of the step, {@code sqrt(G) + eps} (PyTorch's {@code std}). */
    protected double denominator(double accumulator, double eps) {
        return Math.sqrt(accumulator) + eps;
    }

    @Override
    protected UpdateRule newRule(Params params, int size) {
        double eps = params.getDouble("eps");
        double lrDecay = params.getDouble("lr_decay");
        double weightDecay = params.getDouble("weight_decay");
        double[] sum = new double[size];
        Arrays.fill(sum, params.getDouble("initial_accumulator_value"));
        return (t, lr, g, w) -> {
            addWeightDecay(g, w, weightDecay);
            double clr = lr / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < w.length; i++) {
                sum[i] += g[i] * g[i];
                w[i] -= clr * (g[i] / denominator(sum[i], eps));
            }
        };
    }
}
