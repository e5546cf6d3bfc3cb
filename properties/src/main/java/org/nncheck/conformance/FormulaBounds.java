package org.nncheck.conformance;

import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Forward-error scales of the gradients whose formulas cancel internally, where a kernel is
 * accurate but not backward stable (its error is not explained by perturbing the inputs). The
 * standard bound for evaluating a sum of terms t_i in floating point is c u sum |t_i| (Higham,
 * Accuracy and Stability, 3.1 and 4.2): these methods return sum |t_i| of the formula the kernel
 * evaluates, per gradient element; {@link Allowance} C u times it is added to the tolerance.
 * <ul>
 *   <li>softmax: dx_j = y_j (dy_j - sum_k dy_k y_k): y_j (|dy_j| + sum_k |dy_k| y_k).</li>
 *   <li>log_softmax: dx_j = dy_j - y_j sum_k dy_k: |dy_j| + y_j sum_k |dy_k| (y the softmax).</li>
 *   <li>batch/layer/instance/group norm in training: dx_j = rstd (dxhat_j - mean(dxhat)
 *       - xhat_j mean(dxhat xhat)): rstd (|dxhat_j| + |mean(dxhat)| + |xhat_j| |mean(dxhat xhat)|)
 *       (for two values per group, e.g., dx is O(eps/var) while each term is O(1)).</li>
 *   <li>optimizers: the trajectory w_t = w_{t-1} - delta_t adds one rounded update per step,
 *       each computed with a few ulp of relative error: |w_t| + sum_{s <= t} |w_s - w_{s-1}|
 *       (the updates read off the reference trajectory). Input perturbation misses this for
 *       scale-invariant updates (Adam's m / sqrt(v) barely moves when g is scaled).</li>
 * </ul>
 */
final class FormulaBounds {
    private FormulaBounds() {
    }

    /** sum |terms| per element of gradient {@code name}, if the component has such a formula. */
    static Optional<double[]> gradientTerms(String id, String name, Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
        if (!name.equals("dx") || !up.containsKey("dy")) {
            return Optional.empty();
        }
        Tensor x = in.get("x");
        Tensor dy = up.get("dy");
        return switch (id) {
            case "softmax", "log_softmax" -> Optional.of(softmax(id.equals("log_softmax"), x, dy, p));
            case "batch_norm", "layer_norm", "instance_norm", "group_norm" -> norm(id, x, dy, in.get("gamma"), p);
            default -> Optional.empty();
        };
    }

    /** |w_t| + sum of the absolute step sizes up to t, per element of the (T, ...) trajectory. */
    static double[] trajectoryTerms(Tensor w0, Tensor traj) {
        int p = w0.size();
        int steps = p == 0 ? 0 : traj.size() / p;
        double[] out = new double[traj.size()];
        for (int i = 0; i < p; i++) {
            double prev = w0.get(i);
            double acc = 0;
            for (int t = 0; t < steps; t++) {
                double cur = traj.get(t * p + i);
                acc += Math.abs(cur - prev);
                out[t * p + i] = Math.abs(cur) + acc;
                prev = cur;
            }
        }
        return out;
    }

    private static Object raw(Params p, String n) {
        return p.asMap().get(n);
    }

    private static double[] softmax(boolean log, Tensor x, Tensor dy, Params p) {
        int[] s = x.shape();
        Object ax = raw(p, "axis");
        int axis = s.length == 0 ? 0 : x.normalizeAxis(ax == null ? -1 : ((Number) ax).intValue());
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

    private static Optional<double[]> norm(String id, Tensor x, Tensor dy, Tensor gamma, Params p) {
        Object tr = raw(p, "training");
        if (id.equals("batch_norm") && tr instanceof Boolean b && !b) {
            return Optional.empty();
        }
        int[] s = x.shape();
        int n = x.size();
        int c = s.length > 1 ? s[1] : 1;
        int hw = 1;
        for (int i = 2; i < s.length; i++) {
            hw *= s[i];
        }
        int h = hw;
        int segs;
        int len;
        IntUnaryOperator seg;
        IntUnaryOperator gam;
        switch (id) {
            case "batch_norm" -> {
                segs = c;
                len = n / c;
                seg = i -> (i / h) % c;
                gam = seg;
            }
            case "layer_norm" -> {
                Object nd = raw(p, "normalized_dims");
                int d = nd == null ? s.length - 1 : ((Number) nd).intValue();
                int l = 1;
                for (int i = s.length - d; i < s.length; i++) {
                    l *= s[i];
                }
                int ll = l;
                segs = n / l;
                len = l;
                seg = i -> i / ll;
                gam = i -> i % ll;
            }
            case "instance_norm" -> {
                segs = n / hw;
                len = hw;
                seg = i -> i / h;
                gam = i -> (i / h) % c;
            }
            default -> {
                int g = ((Number) raw(p, "groups")).intValue();
                int l = (c / g) * hw;
                segs = n / l;
                len = l;
                seg = i -> i / l;
                gam = i -> (i / h) % c;
            }
        }
        double eps = raw(p, "eps") instanceof Number e ? e.doubleValue() : 1e-5;
        double[] mean = new double[segs];
        double[] var = new double[segs];
        for (int i = 0; i < n; i++) {
            mean[seg.applyAsInt(i)] += x.get(i) / len;
        }
        for (int i = 0; i < n; i++) {
            double d = x.get(i) - mean[seg.applyAsInt(i)];
            var[seg.applyAsInt(i)] += d * d / len;
        }
        double[] mdx = new double[segs];
        double[] mdxx = new double[segs];
        double[] xhat = new double[n];
        double[] dxhat = new double[n];
        for (int i = 0; i < n; i++) {
            int sg = seg.applyAsInt(i);
            xhat[i] = (x.get(i) - mean[sg]) / Math.sqrt(var[sg] + eps);
            dxhat[i] = dy.get(i) * gamma.get(gam.applyAsInt(i));
            mdx[sg] += dxhat[i] / len;
            mdxx[sg] += dxhat[i] * xhat[i] / len;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            int sg = seg.applyAsInt(i);
            out[i] = (Math.abs(dxhat[i]) + Math.abs(mdx[sg]) + Math.abs(xhat[i]) * Math.abs(mdxx[sg])) / Math.sqrt(var[sg] + eps);
        }
        return Optional.of(out);
    }
}
