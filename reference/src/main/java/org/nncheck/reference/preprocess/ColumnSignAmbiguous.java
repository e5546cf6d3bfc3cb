package org.nncheck.reference.preprocess;

/**
 * Marks a component whose output columns (last axis) are defined only up to sign, because they
 * are coordinates along eigenvectors ({@link Pca}, {@link PcaWhiten}). A checker compares such
 * outputs after {@link Pca#alignSigns(org.nncheck.core.Tensor, org.nncheck.core.Tensor)}.
 */
public interface ColumnSignAmbiguous {
}
