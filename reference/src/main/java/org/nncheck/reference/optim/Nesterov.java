package org.nncheck.reference.optim;

import org.nncheck.core.Params;

/**
 * {@code nesterov}: SGD with Nesterov momentum (Nesterov 1983; Sutskever et al. 2013), in
 * PyTorch 1.13's form by default ({@code SGD(nesterov=True)}): {@code g = grads[t] +
 * weight_decay * w}; {@code v = g} at {@code t = 1}, else {@code v = momentum * v + g};
 * {@code w -= lr * (g + momentum * v)}. With {@code form = "cs231n"} (CS231n's "Nesterov
 * Momentum" in the changed variable): {@code v_prev = v; v = momentum * v - lr * g;
 * w += -momentum * v_prev + (1 + momentum) * v}. Both forms agree for a constant learning rate
 * (see {@link HeavyBall}).
 *
 * <p>Parameters: {@code lr} (no default: required unless an {@code lr} tensor is given),
 * {@code momentum} (0.9), {@code weight_decay} (0), {@code form} ("pytorch" or "cs231n"). There
 * is no dampening (PyTorch requires zero dampening for Nesterov). Unlike PyTorch, which refuses
 * {@code momentum = 0} with nesterov, the SPEC's formula is followed and gives plain SGD.
 * Shapes: see {@link Optimizer}.
 */
public class Nesterov extends HeavyBall {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "nesterov";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected boolean lookahead() {
        return true;
    }

    @Override
    protected double dampening(Params params) {
        return 0.0;
    }
}
