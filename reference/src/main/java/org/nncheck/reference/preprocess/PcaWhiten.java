package org.nncheck.reference.preprocess;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code pca_whiten}: {@code y[:, i] = ((x - mean) U[:, i]) / sqrt(lambda_i + eps)} for the top
 * {@code k} components (CS231n {@code Xwhite = Xrot / np.sqrt(S + 1e-5)}), eps default 1e-5,
 * {@code k} required (1..D), eigenvalues of the population covariance {@code xc^T xc / N}
 * ({@link PcaBasis}). The covariance of the output ({@code y^T y / N}) is
 * {@code diag(lambda_i / (lambda_i + eps))}: the identity up to eps. Output (N, k); columns up
 * to sign as {@link Pca}.
 */
public final class PcaWhiten implements Component, ColumnSignAmbiguous {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "pca_whiten";

    private final boolean sampleCovariance;
    private final boolean allComponents;

    /** The SPEC computation. */
    public PcaWhiten() {
        this(false, false);
    }

    /**
     * Variants: {@code sampleCovariance} uses {@code xc^T xc / (N - 1)};
     * {@code allComponents} ignores {@code k} and returns all D components (what a ZCA
     * implementation that forgets to rotate back returns).
     */
    public PcaWhiten(boolean sampleCovariance, boolean allComponents) {
        this.sampleCovariance = sampleCovariance;
        this.allComponents = allComponents;
    }

    @Override
    public String id() {
        return allComponents ? ZcaWhiten.ID : ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        PcaBasis b = PcaBasis.of(id(), x);
        int n = x.dim(0);
        int k = allComponents ? b.features() : PcaBasis.components(id(), params.getInt("k"), b.features());
        double eps = params.getDouble("eps");
        double[] scale = new double[k];
        double f = sampleCovariance && n > 1 ? (double) n / (n - 1) : 1.0;
        for (int i = 0; i < k; i++) {
            scale[i] = 1.0 / Math.sqrt(b.eigenvalues()[i] * f + eps);
        }
        return Map.of("y", Tensor.fromMatrix(b.project(k, scale), n, k));
    }
}
