package org.nncheck.reference.optim;

import org.nncheck.core.Params;

/**
 * {@code momentum}: SGD with heavy-ball momentum (Polyak 1964), in PyTorch 1.13's form by
 * default: {@code g = grads[t] + weight_decay * w}; {@code v = g} at {@code t = 1}, else
 * {@code v = momentum * v + (1 - dampening) * g}; {@code w -= lr * v}. With
 * {@code form = "cs231n"}: {@code v = momentum * v - lr * g; w += v}. See {@link HeavyBall} for
 * both forms, why they agree for a constant learning rate, and where they differ.
 *
 * <p>{@code momentum} is the weight of the old velocity (not an EMA coefficient: the gradient
 * is not scaled by {@code 1 - momentum}); with a constant lr and no dampening the step is
 * {@code w_t - w_(t-1) = -lr * sum_(k=1..t) momentum^(t-k) g_k}.
 *
 * <p>Parameters: {@code lr} (no default: required unless an {@code lr} tensor is given),
 * {@code momentum} (0.9), {@code dampening} (0), {@code weight_decay} (0), {@code form}
 * ("pytorch" or "cs231n"). Shapes: see {@link Optimizer}.
 */
public class Momentum extends HeavyBall {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "momentum";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected boolean lookahead() {
        return false;
    }

    @Override
    protected double dampening(Params params) {
        return params.getDouble("dampening");
    }
}
