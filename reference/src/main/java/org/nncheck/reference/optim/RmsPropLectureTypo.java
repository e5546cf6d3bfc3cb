package org.nncheck.reference.optim;

/**
 * Alternative (a documented mistake) for {@code rmsprop}: the cache update as printed in one
 * version of the CS231n lecture notes, {@code cache += decay_rate * cache + (1 - decay_rate) *
 * dx**2}, i.e. {@code c = c + alpha * c + (1 - alpha) * g^2} (the cache roughly doubles each
 * step). The intended update is {@code cache = decay_rate * cache + ...}; every other part
 * (eps placement, centered, momentum, weight decay) is as in {@link RmsProp}.
 */
public final class RmsPropLectureTypo extends RmsProp {

    @Override
    protected double accumulate(double cache, double g, double alpha) {
        return cache + (alpha * cache + (1 - alpha) * (g * g));
    }
}
