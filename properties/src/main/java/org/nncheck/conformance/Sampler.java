package org.nncheck.conformance;

import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The hook through which the kit asks an implementation of an initializer to draw: a tensor of
 * {@code shape} whose elements follow the initializer's distribution for these parameters,
 * reproducible from {@code seed}. The kit tests the draw statistically
 * ({@link SampleMatchesDistribution}).
 */
@FunctionalInterface
public interface Sampler {
    Tensor sample(int[] shape, Params params, long seed);
}
