package org.nncheck.reference.preprocess;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/**
 * The principal axes of a batch (CS231n "PCA and Whitening"): the data {@code x} viewed as
 * {@code N x D} ({@code D} = product of the trailing dimensions) is centred per feature,
 * {@code xc = x - mean}, and the covariance {@code C = xc^T xc / N} (population, divide by N) is
 * decomposed as {@code C = U diag(lambda) U^T} with eigenvalues in descending order.
 *
 * <p>Computed from the SVD of {@code xc} (EJML, full {@code V}): {@code xc = P S V^T} gives
 * {@code U = V} and {@code lambda_i = s_i^2 / N} ({@code 0} beyond {@code min(N, D)}), which
 * is the eigendecomposition of {@code C} without squaring the condition number.
 *
 * <p>Sign convention (eigenvectors are defined up to sign): each column of {@code U} is
 * flipped so that its entry of largest absolute value is positive (the first such entry on a
 * tie). Another implementation may pick other signs, so pca / pca_whiten outputs are compared
 * column by column up to sign ({@link Pca#alignSigns(Tensor, Tensor)}).
 *
 * @param mean per-feature means (length D)
 * @param eigenvalues descending, length D
 * @param vectors D x D, column i the eigenvector of eigenvalue i
 * @param centred the centred data, N x D
 */
public record PcaBasis(double[] mean, double[] eigenvalues, DMatrixRMaj vectors, DMatrixRMaj centred) {

    /** The basis of a batch {@code x} of shape (N, ...). */
    public static PcaBasis of(String component, Tensor x) {
        int n = BatchStats.rows(component, x);
        double[] a = x.toArray();
        int d = a.length / n;
        if (d == 0) {
            throw new ContractException(component + ": tensor 'x' has no features, shape " + x.shapeString());
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new ContractException(component + ": tensor 'x' holds a non-finite value " + a[i] + " at flat index " + i);
            }
        }
        double[] m = BatchStats.columnMeans(a, n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                a[i * d + j] -= m[j];
            }
        }
        DMatrixRMaj xc = DMatrixRMaj.wrap(n, d, a);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, false);
        if (!svd.decompose(xc.copy())) {
            throw new ContractException(component + ": the SVD of the centred data did not converge");
        }
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(null, false, w, v, false);
        double[] lambda = new double[d];
        int r = Math.min(n, d);
        for (int i = 0; i < r; i++) {
            double s = w.get(i, i);
            lambda[i] = s * s / n;
        }
        for (int col = 0; col < d; col++) {
            int best = 0;
            double bestAbs = -1;
            for (int row = 0; row < d; row++) {
                double abs = Math.abs(v.get(row, col));
                if (abs > bestAbs) {
                    bestAbs = abs;
                    best = row;
                }
            }
            if (v.get(best, col) < 0) {
                for (int row = 0; row < d; row++) {
                    v.set(row, col, -v.get(row, col));
                }
            }
        }
        return new PcaBasis(m, lambda, v, xc);
    }

    /** Number of features D. */
    public int features() {
        return mean.length;
    }

    /** {@code xc U[:, :k] diag(f(lambda))} as an N x k array, {@code scale[i]} multiplying column i. */
    DMatrixRMaj project(int k, double[] scale) {
        int n = centred.numRows;
        int d = features();
        DMatrixRMaj out = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += centred.get(i, j) * vectors.get(j, c);
                }
                out.set(i, c, s * scale[c]);
            }
        }
        return out;
    }

    /** The number of components {@code k}, checked against D. */
    static int components(String component, int k, int d) {
        if (k > d) {
            throw new ContractException(component + ": parameter 'k' = " + k + " exceeds the number of features D = " + d);
        }
        return k;
    }
}
