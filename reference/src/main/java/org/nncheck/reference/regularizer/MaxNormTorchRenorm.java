package org.nncheck.reference.regularizer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * ALTERNATIVE (not the reference) to {@code max_norm}: {@code torch.renorm(w, p=2, dim=axis,
 * maxnorm=c)} semantics. Each SLICE {@code w[..., i, ...]} at a fixed index i of {@code axis}
 * (the norm over all the OTHER axes; for a (D, H) matrix and axis 0, each row) whose norm
 * exceeds c is scaled by {@code c / (norm + 1e-7)} (the epsilon of ATen's renorm kernel).
 */
public final class MaxNormTorchRenorm implements Component {

    /** ATen renorm's epsilon. */
    public static final double EPSILON = 1e-7;

    @Override
    public String id() {
        return MaxNorm.ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        MaxNorm.Problem p = MaxNorm.problem(id(), inputs, params);
        double[] d = p.w().toArray();
        int len = p.length();
        int inner = p.inner();
        int outer = p.outer();
        for (int k = 0; k < len; k++) {
            double s = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    double v = d[o * len * inner + k * inner + i];
                    s += v * v;
                }
            }
            double n = Math.sqrt(s);
            if (n > p.c()) {
                double f = p.c() / (n + EPSILON);
                for (int o = 0; o < outer; o++) {
                    for (int i = 0; i < inner; i++) {
                        d[o * len * inner + k * inner + i] *= f;
                    }
                }
            }
        }
        return Map.of("w", Tensor.wrap(p.w().shape(), d));
    }
}
