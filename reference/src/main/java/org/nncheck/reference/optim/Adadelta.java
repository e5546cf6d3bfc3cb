package org.nncheck.reference.optim;

import org.nncheck.core.Params;

/**
 * {@code adadelta} (Zeiler 2012, Algorithm 1), as PyTorch 1.13 {@code torch.optim.Adadelta}
 * ({@code _single_tensor_adadelta}), which adds a learning rate:
 * {@code g = grads[t] + weight_decay * w}; {@code E = rho * E + (1 - rho) * g^2};
 * {@code u = sqrt(D + eps) / sqrt(E + eps) * g}; {@code D = rho * D + (1 - rho) * u^2};
 * {@code w -= lr * u}; {@code E} and {@code D} start at 0. eps sits inside both square roots
 * (Zeiler's {@code RMS[x] = sqrt(E[x^2] + eps)}); with {@code lr = 1} (the default) this is the
 * paper's method, which has no learning rate.
 *
 * <p>Parameters: {@code lr} (1.0), {@code rho} (0.9), {@code eps} (1e-6), {@code weight_decay}
 * (0). Shapes: see {@link Optimizer}.
 */
public class Adadelta extends Optimizer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "adadelta";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected UpdateRule newRule(Params params, int size) {
        double rho = params.getDouble("rho");
        double eps = params.getDouble("eps");
        double weightDecay = params.getDouble("weight_decay");
        double[] squareAvg = new double[size];
        double[] accDelta = new double[size];
        return (t, lr, g, w) -> {
            addWeightDecay(g, w, weightDecay);
            for (int i = 0; i < w.length; i++) {
                squareAvg[i] = rho * squareAvg[i] + (1 - rho) * (g[i] * g[i]);
                double std = Math.sqrt(squareAvg[i] + eps);
                double delta = Math.sqrt(accDelta[i] + eps) / std * g[i];
                accDelta[i] = rho * accDelta[i] + (1 - rho) * (delta * delta);
                w[i] -= lr * delta;
            }
        };
    }
}
