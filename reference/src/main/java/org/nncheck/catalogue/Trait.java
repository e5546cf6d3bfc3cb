package org.nncheck.catalogue;

/**
 * Structural facts about a component that generic checks use instead of lists of ids. Each
 * trait is verified for every entry that declares it by the catalogue-wide contract test.
 */
public enum Trait {
    /**
     * One input {@code x}, one output {@code y} of the same shape, {@code y_i = f(x_i)} with the
     * same {@code f} for every element (the activations sigmoid ... gelu): checked element by
     * element against the scalar function, on any rank, by the extremes and OpenCL tests.
     */
    ELEMENTWISE
}
