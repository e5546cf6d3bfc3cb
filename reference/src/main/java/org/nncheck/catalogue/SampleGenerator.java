package org.nncheck.catalogue;

import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Draws valid inputs for a component (the OpInfo "sample inputs" idea): shapes and values in
 * the component's domain, for the given parameters. Deterministic for a given random
 * source, so a failing sample is reproduced from its seed.
 */
@FunctionalInterface
public interface SampleGenerator {

    /**
     * @param rnd the random source (seeded by the caller)
     * @param params the parameters the inputs are for
     * @param size a size hint, 0 (tiny) to 3 (large); generators scale shapes with it
     * @return every required input (upstream gradients not included: checkers draw those)
     */
    Map<String, Tensor> sample(SplittableRandom rnd, Params params, int size);
}
