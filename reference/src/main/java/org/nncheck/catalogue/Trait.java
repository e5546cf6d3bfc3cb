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
    ELEMENTWISE,

    /**
     * Batch-separable along axis 0 of {@code x}: the outputs of sample n (index n on axis 0 of
     * every output whose leading dimension is x's) depend on sample n of {@code x} only, not on
     * the other samples (no batch statistics): activations other than along an axis, affine,
     * conv2d, pooling, instance and group norm, dropout, dropconnect (not layer_norm: its
     * normalized_dims may include axis 0, docs/SPEC-EXTENSIONS.md item 16). Checked by changing the
     * other samples of x and comparing sample 0's outputs.
     */
    PER_SAMPLE
}
