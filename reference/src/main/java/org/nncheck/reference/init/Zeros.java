package org.nncheck.reference.init;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ConstantRealDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code zeros}: every element is 0 (a point mass). CS231n warns that it makes every unit of a
 * layer compute the same thing (no symmetry breaking); it is still the usual bias init.
 */
public final class Zeros implements Initializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "zeros";


    @Override
    public String id() {
        return ID;
    }

    @Override
    public Tensor sample(int[] shape, Params params, SplittableRandom rnd) {
        return Tensor.zeros(shape);
    }

    @Override
    public RealDistribution distribution(int[] shape, Params params) {
        return new ConstantRealDistribution(0.0);
    }
}
