package org.nncheck.catalogue;

import org.nncheck.core.Tensor;

/**
 * How an output that the SPEC defines only up to a symmetry (PCA components up to sign) is
 * brought into line with another implementation's before comparing: the reference's value is
 * mapped to the representative nearest the case's.
 */
public interface OutputAlignment {

    /**
     * @param caseValue the other implementation's output
     * @param reference the reference's output (same shape)
     * @return the reference's output aligned to {@code caseValue}
     */
    Tensor align(Tensor caseValue, Tensor reference);

    /** The symmetry in words, e.g. "each column up to sign". */
    String describe();
}
