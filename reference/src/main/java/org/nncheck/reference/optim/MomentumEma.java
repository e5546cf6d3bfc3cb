package org.nncheck.reference.optim;

/**
 * Alternative (a documented mistake) for {@code momentum}: momentum read as an exponential
 * moving average, {@code v = momentum * v + (1 - momentum) * g} from {@code v = 0} (so the
 * first step is {@code (1 - momentum)} times too small and every step ten times too small at
 * {@code momentum = 0.9}). This is PyTorch's update with {@code dampening = momentum} applied
 * on the first step too; it is not the SPEC's momentum, whose gradient weight is 1.
 */
public final class MomentumEma extends Momentum {

    @Override
    protected double gradientWeight(int t, double momentum, double dampening) {
        return 1.0 - momentum;
    }
}
