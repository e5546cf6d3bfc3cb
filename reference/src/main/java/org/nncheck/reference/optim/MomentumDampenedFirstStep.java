package org.nncheck.reference.optim;

/**
 * Alternative for {@code momentum}: dampening applied on the first step as well,
 * {@code v = (1 - dampening) * g} at {@code t = 1} (from a zero buffer), where PyTorch 1.13
 * copies the undamped gradient into a new buffer. Differs only when {@code dampening != 0}.
 */
public final class MomentumDampenedFirstStep extends Momentum {

    @Override
    protected double gradientWeight(int t, double momentum, double dampening) {
        return 1.0 - dampening;
    }
}
