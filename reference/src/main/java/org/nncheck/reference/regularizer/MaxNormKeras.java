package org.nncheck.reference.regularizer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * ALTERNATIVE (not the reference) to {@code max_norm}: Keras {@code constraints.MaxNorm}
 * ({@code keras/constraints.py}): {@code w * clip(norm, 0, c) / (epsilon + norm)} with
 * {@code epsilon = 1e-7}, the norm taken along {@code axis} as in the reference. Every column
 * is scaled, even those with norm &lt;= c (by {@code norm / (1e-7 + norm)}).
 */
public final class MaxNormKeras implements Component {

    /** Keras' backend epsilon. */
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
        for (int o = 0; o < p.outer(); o++) {
            for (int i = 0; i < inner; i++) {
                int start = o * len * inner + i;
                double n = MaxNorm.norm(d, start, inner, len);
                double f = Math.min(n, p.c()) / (EPSILON + n);
                for (int k = 0; k < len; k++) {
                    d[start + k * inner] *= f;
                }
            }
        }
        return Map.of("w", Tensor.wrap(p.w().shape(), d));
    }
}
