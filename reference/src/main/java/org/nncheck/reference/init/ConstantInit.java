package org.nncheck.reference.init;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ConstantRealDistribution;
import org.apache.commons.math3.distribution.RealDistribution;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code constant} (initializer; {@code constant_init} is its unambiguous alias, the schedule
 * of the same id is another component): every element equals parameter {@code value}
 * (required), a point mass.
 */
public final class ConstantInit implements Initializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "constant";


    @Override
    public String id() {
        return ID;
    }

    @Override
    public Tensor sample(int[] shape, Params params, SplittableRandom rnd) {
        return Tensor.filled(params.getDouble("value"), shape);
    }

    @Override
    public RealDistribution distribution(int[] shape, Params params) {
        return new ConstantRealDistribution(params.getDouble("value"));
    }
}
