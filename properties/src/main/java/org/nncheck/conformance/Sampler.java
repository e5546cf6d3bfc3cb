package org.nncheck.conformance;

import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The hook through which the kit asks an implementation of an initializer to draw: a tensor of
 * {@code shape} whose elements follow the initializer's distribution for these parameters
 * (for dropout and dropconnect: the mask, 1 = keep), reproducible from {@code seed}. The kit
 * tests the draw statistically ({@link SampleMatchesDistribution}).
 */
@FunctionalInterface
public interface Sampler {
    Tensor sample(int[] shape, Params params, long seed);

    /** Independent Bernoulli draws with keep probability {@code 1 - p} (parameter {@code p}, the drop probability). */
    static Sampler bernoulliMask() {
        return (shape, params, seed) -> {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
            double keep = 1 - params.getDouble("p");
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            double[] m = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = rnd.nextDouble() < keep ? 1 : 0;
            }
            return Tensor.wrap(shape, m);
        };
    }
}
