package org.nncheck.reference.preprocess;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code min_max}: {@code y = low + (x - min) (high - low) / (max - min)}, min and max per
 * feature over the batch axis (scikit-learn's {@code MinMaxScaler(feature_range=(low, high))}),
 * defaults low 0, high 1. A constant feature ({@code max == min}) maps to {@code low}, as
 * scikit-learn (which treats a zero range as 1). Input {@code x} (N, ...), output of the same shape.
 */
public final class MinMax implements Component {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "min_max";


    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        int n = BatchStats.rows(id(), x);
        double low = params.getDouble("low");
        double high = params.getDouble("high");
        double[] a = x.toArray();
        int f = a.length / n;
        double[] min = new double[f];
        double[] max = new double[f];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                min[j] = Math.min(min[j], a[i * f + j]);
                max[j] = Math.max(max[j], a[i * f + j]);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                double range = max[j] - min[j];
                a[i * f + j] = range == 0 ? low : low + (a[i * f + j] - min[j]) * ((high - low) / range);
            }
        }
        return Map.of("y", Tensor.wrap(x.shape(), a));
    }
}
