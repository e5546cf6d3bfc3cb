package org.nncheck.reference.optim;

import org.nncheck.core.Params;

/**
 * {@code sgd}: plain stochastic gradient descent, {@code g = grads[t] + weight_decay * w;
 * w -= lr * g} (PyTorch 1.13 {@code torch.optim.SGD} with {@code momentum = 0}; CS231n
 * "Vanilla update" {@code x += -learning_rate * dx}).
 *
 * <p>Parameters: {@code lr} (no default: required unless an {@code lr} tensor is given, as
 * PyTorch 1.13's {@code SGD} has {@code lr=required}), {@code weight_decay} (0). Weight decay
 * {@code theta} is the gradient of the SPEC's {@code l2} regularizer {@code lambda * sum w^2}
 * with {@code lambda = theta / 2}. Shapes and trajectory semantics: see {@link Optimizer}.
 */
public class Sgd extends Optimizer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "sgd";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected UpdateRule newRule(Params params, int size) {
        double weightDecay = params.getDouble("weight_decay");
        return (t, lr, g, w) -> {
            addWeightDecay(g, w, weightDecay);
            for (int i = 0; i < w.length; i++) {
                w[i] -= lr * g[i];
            }
        };
    }
}
