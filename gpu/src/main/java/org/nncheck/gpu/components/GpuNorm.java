package org.nncheck.gpu.components;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Kernels;
import org.nncheck.gpu.Precision;
import org.nncheck.gpu.kernel.NormKernelF;
import org.nncheck.gpu.kernel.ReduceKernelF;

/**
 * batch_norm, layer_norm, instance_norm, group_norm: statistics by the segmented reduction
 * kernel in two passes (mean, then the mean of squared deviations from it: the biased
 * variance), the element-wise parts by {@link NormKernelF}. y = gamma (x - mean) rstd + beta with
 * rstd = 1/sqrt(var + eps). Backward (statistics of the batch): dx = rstd (dxhat - mean(dxhat)
 * - xhat mean(dxhat xhat)), dgamma = sum dy xhat, dbeta = sum dy over the affine channel.
 * batch_norm in evaluation uses the running statistics (dx = dy gamma rstd). The O(C) running
 * statistics update of batch_norm (momentum = weight of the new batch statistic, unbiased
 * variance by default) and the O(segments) mean/rstd divisions run on the host, rounded to the
 * kernel precision. The updated running statistics are state, not differentiated outputs
 * (as the reference and PyTorch): upstream {@code drunning_mean} / {@code drunning_var} are
 * ignored.
 */
public final class GpuNorm extends GpuComponent {
    /** Which normalization. */
    public enum Kind { BATCH, LAYER, INSTANCE, GROUP }

    private final Kind kind;

    public GpuNorm(Kind kind, Precision p) {
        super(switch (kind) {
            case BATCH -> "batch_norm";
            case LAYER -> "layer_norm";
            case INSTANCE -> "instance_norm";
            case GROUP -> "group_norm";
        }, p);
        this.kind = kind;
    }

    /**
     * Layout: statistics segment s covers (segLen) elements at (j / segInner) * segs * segInner
     * + s * segInner + j % segInner; the affine channel of flat i is (i / gInner) % gCount; the
     * gamma sums view the tensor as (len / gInner, gCount, gInner).
     */
    private record Layout(int segs, int segInner, int segLen, int gCount, int gInner, int[] gShape) {
    }

    private Layout layout(Tensor x, Params p) {
        int[] s = x.shape();
        int n = s.length == 0 ? 1 : s[0];
        switch (kind) {
            case BATCH -> {
                if (s.length != 2 && s.length != 4) {
                    throw new ContractException("batch_norm: tensor 'x' must be (N,D) or (N,C,H,W), got " + x.shapeString());
                }
                int c = s[1];
                int hw = tail(s, 2);
                return new Layout(c, hw, n * hw, c, hw, new int[] {c});
            }
            case LAYER -> {
                int nd = p.has("normalized_dims") ? p.getInt("normalized_dims") : s.length - 1;
                if (nd < 1 || nd > s.length) {
                    throw new ContractException("layer_norm: normalized_dims " + nd + " does not fit x " + x.shapeString());
                }
                int from = s.length - nd;
                int len = tail(s, from);
                int segs = x.size() / Math.max(1, len);
                return new Layout(segs, len, len, len, 1, Arrays.copyOfRange(s, from, s.length));
            }
            case INSTANCE -> {
                Inputs.requireRank(id(), "x", x, 4);
                int c = s[1];
                int hw = tail(s, 2);
                return new Layout(n * c, hw, hw, c, hw, new int[] {c});
            }
            default -> {
                if (s.length < 2) {
                    throw new ContractException("group_norm: tensor 'x' must be (N,C,...), got " + x.shapeString());
                }
                int c = s[1];
                int g = p.getInt("groups");
                if (g < 1 || c % g != 0) {
                    throw new ContractException("group_norm: parameter 'groups' (" + g + ") must divide the channels C = " + c);
                }
                int hw = tail(s, 2);
                int len = (c / g) * hw;
                return new Layout(n * g, len, len, c, hw, new int[] {c});
            }
        }
    }

    private record Stats(double[] mean, double[] var, double[] rstd) {
    }

    private Stats stats(double[] x, Layout l, double eps) {
        double[] sums = Kernels.reduce(precision, r -> r.reduce(ReduceKernelF.SUM, x, null, null, l.segs, l.segLen, l.segInner));
        double[] mean = new double[l.segs];
        for (int s = 0; s < l.segs; s++) {
            mean[s] = precision.round(sums[s] / l.segLen);
        }
        double[] ss = Kernels.reduce(precision, r -> r.reduce(ReduceKernelF.SUM_SQ_DEV, x, null, mean, l.segs, l.segLen, l.segInner));
        double[] var = new double[l.segs];
        double[] rstd = new double[l.segs];
        for (int s = 0; s < l.segs; s++) {
            var[s] = precision.round(ss[s] / l.segLen);
            rstd[s] = precision.round(1.0 / Math.sqrt(precision.round(var[s] + eps)));
        }
        return new Stats(mean, var, rstd);
    }

    private boolean training(Params p) {
        return kind != Kind.BATCH || p.getBool("training");
    }

    private Stats running(Map<String, Tensor> inputs, int c, double eps) {
        Tensor rm = in(inputs, "running_mean");
        Tensor rv = in(inputs, "running_var");
        Inputs.requireShape(id(), "running_mean", rm, c);
        Inputs.requireShape(id(), "running_var", rv, c);
        double[] mean = new double[c];
        double[] var = new double[c];
        double[] rstd = new double[c];
        for (int i = 0; i < c; i++) {
            mean[i] = precision.round(rm.get(i));
            var[i] = precision.round(rv.get(i));
            rstd[i] = precision.round(1.0 / Math.sqrt(precision.round(var[i] + eps)));
        }
        return new Stats(mean, var, rstd);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = in(inputs, "x");
        Layout l = layout(x, params);
        Tensor gamma = in(inputs, "gamma");
        Tensor beta = in(inputs, "beta");
        Inputs.requireShape(id(), "gamma", gamma, l.gShape);
        Inputs.requireShape(id(), "beta", beta, l.gShape);
        double eps = params.getDouble("eps");
        boolean train = training(params);
        double[] xs = x.toArray();
        Stats st = train ? stats(xs, l, eps) : running(inputs, l.gCount, eps);
        double[] y = Kernels.norm(precision, k -> k.norm(NormKernelF.FORWARD, xs, null, st.mean, st.rstd, gamma.toArray(),
                beta.toArray(), null, null, l.segs, l.segInner, l.gCount, l.gInner, l.segLen));
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("y", out(x.shape(), y));
        if (kind == Kind.BATCH && train) {
            Stats old = running(inputs, l.gCount, 0);
            double m = params.getDouble("momentum");
            boolean unbiased = params.getBool("running_var_unbiased");
            int cnt = l.segLen;
            double[] rm = new double[l.gCount];
            double[] rv = new double[l.gCount];
            for (int c = 0; c < l.gCount; c++) {
                double v = unbiased ? (cnt > 1 ? st.var[c] * cnt / (cnt - 1) : Double.NaN) : st.var[c];
                rm[c] = precision.round((1 - m) * old.mean[c] + m * st.mean[c]);
                rv[c] = precision.round((1 - m) * old.var[c] + m * v);
            }
            out.put("running_mean", out(new int[] {l.gCount}, rm));
            out.put("running_var", out(new int[] {l.gCount}, rv));
        }
        return out;
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = in(inputs, "x");
        Layout l = layout(x, params);
        Tensor gamma = in(inputs, "gamma");
        Inputs.requireShape(id(), "gamma", gamma, l.gShape);
        Tensor dyT = dy(upstream, "dy", x);
        Inputs.requireSameShape(id(), "x", x, "dy", dyT);
        double eps = params.getDouble("eps");
        boolean train = training(params);
        double[] xs = x.toArray();
        double[] dy = dyT.toArray();
        double[] g = gamma.toArray();
        Stats st = train ? stats(xs, l, eps) : running(inputs, l.gCount, eps);
        double[] xhat = Kernels.norm(precision, k -> k.norm(NormKernelF.XHAT, xs, null, st.mean, st.rstd, g, null, null, null,
                l.segs, l.segInner, l.gCount, l.gInner, l.segLen));
        double[] dx;
        if (train) {
            double[] dxhat = Kernels.norm(precision, k -> k.norm(NormKernelF.DXHAT, xs, dy, st.mean, st.rstd, g, null, null, null,
                    l.segs, l.segInner, l.gCount, l.gInner, l.segLen));
            double[] s1 = Kernels.reduce(precision, r -> r.reduce(ReduceKernelF.SUM, dxhat, null, null, l.segs, l.segLen, l.segInner));
            double[] s2 = Kernels.reduce(precision, r -> r.reduce(ReduceKernelF.SUM_PRODUCT, dxhat, xhat, null, l.segs, l.segLen,
                    l.segInner));
            dx = Kernels.norm(precision, k -> k.norm(NormKernelF.BACKWARD, xs, dy, st.mean, st.rstd, g, null, s1, s2, l.segs,
                    l.segInner, l.gCount, l.gInner, l.segLen));
        } else {
            dx = Kernels.norm(precision, k -> k.norm(NormKernelF.BACKWARD_FIXED, xs, dy, st.mean, st.rstd, g, null, null, null,
                    l.segs, l.segInner, l.gCount, l.gInner, l.segLen));
        }
        int glen = x.size() / l.gCount;
        double[] dgamma = Kernels.reduce(precision, r -> r.reduce(ReduceKernelF.SUM_PRODUCT, dy, xhat, null, l.gCount, glen, l.gInner));
        double[] dbeta = Kernels.reduce(precision, r -> r.reduce(ReduceKernelF.SUM, dy, null, null, l.gCount, glen, l.gInner));
        return Map.of("dx", out(x.shape(), dx), "dgamma", out(l.gShape, dgamma), "dbeta", out(l.gShape, dbeta));
    }
}
