package org.nncheck.reference.preprocess;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code pca}: {@code y = (x - mean) U[:, :k]}, the centred data projected on the top-k
 * eigenvectors of the covariance {@code xc^T xc / N} by descending eigenvalue (CS231n,
 * {@code Xrot_reduced = np.dot(X, U[:, :100])}). Input {@code x} (N, D) (or (N, C, H, W), viewed
 * as (N, C*H*W)); parameter {@code k} (required, 1..D); output {@code y} (N, k). Each column is
 * defined up to sign: the reference's sign convention is {@link PcaBasis}'s (largest-|.|
 * entry of each eigenvector positive), and outputs are compared with {@link #alignSigns}.
 * Components with equal eigenvalues are not unique beyond sign: such cases are ill-posed.
 */
public final class Pca implements Component, ColumnSignAmbiguous {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "pca";

    private final boolean centre;

    /** The SPEC computation. */
    public Pca() {
        this(true);
    }

    /** A variant: {@code centre = false} projects the uncentred x on the same axes. */
    public Pca(boolean centre) {
        this.centre = centre;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        PcaBasis b = PcaBasis.of(id(), x);
        int k = PcaBasis.components(id(), params.getInt("k"), b.features());
        double[] ones = new double[k];
        java.util.Arrays.fill(ones, 1.0);
        PcaBasis basis = centre ? b : new PcaBasis(b.mean(), b.eigenvalues(), b.vectors(),
                x.asMatrix(x.dim(0), b.features()));
        return Map.of("y", Tensor.fromMatrix(basis.project(k, ones), x.dim(0), k));
    }

    /**
     * {@code actual} with each column (index of the last axis) multiplied by -1 where that makes
     * it closer to {@code expected}: the sign {@code s_j = sign(sum_i expected_ij actual_ij)}
     * (+1 on a zero dot product). Use it to compare pca / pca_whiten outputs up to sign:
     * {@code compare(expected, alignSigns(expected, actual))}.
     *
     * @throws ContractException when the shapes differ or the tensor has rank 0
     */
    public static Tensor alignSigns(Tensor expected, Tensor actual) {
        if (!expected.sameShape(actual) || actual.rank() == 0) {
            throw new ContractException("alignSigns: shapes " + expected.shapeString() + " and " + actual.shapeString()
                    + " must be equal and of rank >= 1");
        }
        int k = actual.dim(-1);
        int rows = k == 0 ? 0 : actual.size() / k;
        double[] e = expected.toArray();
        double[] a = actual.toArray();
        for (int c = 0; c < k; c++) {
            double dot = 0;
            for (int i = 0; i < rows; i++) {
                double ev = e[i * k + c];
                double av = a[i * k + c];
                if (Double.isFinite(ev) && Double.isFinite(av)) {
                    dot += ev * av;
                }
            }
            if (dot < 0) {
                for (int i = 0; i < rows; i++) {
                    a[i * k + c] = -a[i * k + c];
                }
            }
        }
        return Tensor.wrap(actual.shape(), a);
    }
}
