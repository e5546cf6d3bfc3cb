package org.nncheck.reference.activation;

import java.util.Map;
import org.nncheck.catalogue.FormulaScale;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The forward-error scale of softmax's and log_softmax's {@code dx} ({@link FormulaScale}):
 * softmax {@code dx_j = y_j (dy_j - sum_k dy_k y_k)} adds terms of size
 * {@code y_j (|dy_j| + sum_k |dy_k| y_k)}; log_softmax {@code dx_j = dy_j - y_j sum_k dy_k}
 * terms of size {@code |dy_j| + y_j sum_k |dy_k|} (y the softmax along {@code axis}).
 */
final class SoftmaxErrorScale implements FormulaScale {
    private final boolean log;

    SoftmaxErrorScale(boolean log) {
        this.log = log;
    }

    @Override
    public double[] terms(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params p) {
        Tensor x = inputs.get("x");
        Tensor dy = upstream.get("dy");
        if (x == null || dy == null) {
            return null;
        }
        int[] s = x.shape();
        int axis = s.length == 0 ? 0 : x.normalizeAxis(p.getInt("axis"));
        int len = s.length == 0 ? 1 : s[axis];
        int inner = 1;
        for (int i = axis + 1; i < s.length; i++) {
            inner *= s[i];
        }
        int outer = x.size() / Math.max(1, len * inner);
        double[] out = new double[x.size()];
        for (int o = 0; o < outer; o++) {
            for (int q = 0; q < inner; q++) {
                int base = o * len * inner + q;
                double m = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < len; j++) {
                    m = Math.max(m, x.get(base + j * inner));
                }
                double sum = 0;
                for (int j = 0; j < len; j++) {
                    sum += Math.exp(x.get(base + j * inner) - m);
                }
                double absDot = 0;
                double absSum = 0;
                for (int j = 0; j < len; j++) {
                    double y = Math.exp(x.get(base + j * inner) - m) / sum;
                    absDot += Math.abs(dy.get(base + j * inner)) * y;
                    absSum += Math.abs(dy.get(base + j * inner));
                }
                for (int j = 0; j < len; j++) {
                    int i = base + j * inner;
                    double y = Math.exp(x.get(i) - m) / sum;
                    out[i] = log ? Math.abs(dy.get(i)) + y * absSum : y * (Math.abs(dy.get(i)) + absDot);
                }
            }
        }
        return out;
    }
}
