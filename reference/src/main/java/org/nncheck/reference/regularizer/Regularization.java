package org.nncheck.reference.regularizer;

import java.util.Map;
import org.nncheck.core.Inputs;
import org.nncheck.core.Tensor;

/** Helpers shared by the regularizers. */
final class Regularization {
    private Regularization() {
    }

    /** The strength parameter's name. */
    static final String LAMBDA = "lambda";

    static Map<String, Tensor> loss(double v) {
        return Map.of("loss", Tensor.scalar(v));
    }

    /** The scalar upstream {@code dloss}, 1 when absent. */
    static double dloss(String component, Map<String, Tensor> upstream) {
        return Inputs.upstream(component, upstream, "dloss", Tensor.scalar(0)).item();
    }

    static double sumOfSquares(Tensor w) {
        double s = 0;
        for (int i = 0; i < w.size(); i++) {
            s += w.get(i) * w.get(i);
        }
        return s;
    }

    static double sumOfAbs(Tensor w) {
        double s = 0;
        for (int i = 0; i < w.size(); i++) {
            s += Math.abs(w.get(i));
        }
        return s;
    }

    /** sign with sign(0) = 0 (and sign(-0) = 0, sign(NaN) = NaN). */
    static double sign(double v) {
        return v > 0 ? 1 : v < 0 ? -1 : v == 0 ? 0 : v;
    }
}
