package org.nncheck.reference.preprocess;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code gcn}, global contrast normalization per sample (Goodfellow et al., "Deep Learning",
 * section 12.2.1.1, eq. 12.3 with lambda = 0; pylearn2 {@code global_contrast_normalize}):
 * for each sample {@code i} (all its elements {@code x_i}),
 * {@code y_i = scale (x_i - mean(x_i)) / max(eps, sqrt(mean((x_i - mean(x_i))^2)))}, defaults
 * scale 1, eps 1e-8. Input {@code x} (N, ...), output of the same shape. A constant sample
 * gives 0.
 */
public final class Gcn implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "gcn";

    private final boolean epsAdded;

    /** The SPEC computation. */
    public Gcn() {
        this(false);
    }

    /** A variant: {@code sqrt(eps + mean(...))} instead of {@code max(eps, sqrt(...))}. */
    public Gcn(boolean epsAdded) {
        this.epsAdded = epsAdded;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        int n = BatchStats.rows(id(), x);
        double scale = params.getDouble("scale");
        double eps = params.getDouble("eps");
        double[] a = x.toArray();
        int f = a.length / n;
        for (int i = 0; i < n; i++) {
            double m = BatchStats.mean(a, i * f, f);
            double ss = 0;
            for (int j = 0; j < f; j++) {
                double d = a[i * f + j] - m;
                ss += d * d;
            }
            double den = epsAdded ? Math.sqrt(eps + ss / f) : Math.max(eps, Math.sqrt(ss / f));
            for (int j = 0; j < f; j++) {
                double d = a[i * f + j] - m;
                // a constant sample with eps = 0: 0 / 0 is taken as 0 (the centred value is exactly 0)
                a[i * f + j] = d == 0 && den == 0 ? 0 : scale * d / den;
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), a));
    }
}
