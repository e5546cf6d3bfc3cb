package org.nncheck.reference.optim;

/**
 * Alternative for {@code adam} with {@code decoupled_weight_decay}: the decay is not scaled by
 * the learning rate, {@code w = w * (1 - weight_decay)} (Loshchilov and Hutter's Algorithm 2
 * scales it by the schedule multiplier only, not by alpha; PyTorch and the SPEC multiply by
 * {@code lr}).
 */
public final class AdamWDecayNotScaledByLr extends Adam {

    @Override
    protected double decoupledKeep(double lr, double weightDecay) {
        return 1 - weightDecay;
    }
}
