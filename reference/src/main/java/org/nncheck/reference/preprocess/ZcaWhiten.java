package org.nncheck.reference.preprocess;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code zca_whiten}: {@code y = (x - mean) U diag(1 / sqrt(lambda + eps)) U^T}, eps default
 * 1e-5, over all D components of the population covariance {@code xc^T xc / N}
 * ({@link PcaBasis}); Bell and Sejnowski (1997), CS231n/UFLDL "ZCA whitening" (PCA whitening
 * rotated back to the input axes). Unique (no sign ambiguity). The output covariance is
 * {@code U diag(lambda / (lambda + eps)) U^T}: the identity up to eps on the span of the data.
 * Input {@code x} (N, D) or (N, C, H, W) (viewed as (N, C*H*W)); output of the same shape.
 */
public final class ZcaWhiten implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "zca_whiten";

    private final boolean sampleCovariance;

    /** The SPEC computation. */
    public ZcaWhiten() {
        this(false);
    }

    /** A variant with the sample covariance {@code xc^T xc / (N - 1)}. */
    public ZcaWhiten(boolean sampleCovariance) {
        this.sampleCovariance = sampleCovariance;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        PcaBasis b = PcaBasis.of(id(), x);
        int n = x.dim(0);
        int d = b.features();
        double eps = params.getDouble("eps");
        double f = sampleCovariance && n > 1 ? (double) n / (n - 1) : 1.0;
        DMatrixRMaj scaled = b.vectors().copy();
        for (int c = 0; c < d; c++) {
            double s = 1.0 / Math.sqrt(b.eigenvalues()[c] * f + eps);
            for (int r = 0; r < d; r++) {
                scaled.set(r, c, scaled.get(r, c) * s);
            }
        }
        DMatrixRMaj w = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, b.vectors(), w);
        DMatrixRMaj y = new DMatrixRMaj(n, d);
        CommonOps_DDRM.mult(b.centred(), w, y);
        return Map.of("y", Tensor.fromMatrix(y, x.shape()));
    }
}
