package org.nncheck.reference.init;

import org.nncheck.core.Params;

/**
 * {@code normal}: {@code N(mean, std^2)}, defaults mean 0 and std 0.01: the CS231n lecture's
 * "small random numbers" {@code 0.01 * np.random.randn(D, M)}. Independent of the shape.
 */
public final class NormalInit extends NormalInitializer {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "normal";


    @Override
    public String id() {
        return ID;
    }

    @Override
    protected double mean(int[] shape, Params params) {
        return params.getDouble("mean");
    }

    @Override
    protected double std(int[] shape, Params params) {
        return params.getDouble("std");
    }
}
