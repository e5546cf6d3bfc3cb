package org.nncheck.reference.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * What {@code layer_norm}, {@code instance_norm} and {@code group_norm} share: statistics of
 * the current x only (no running statistics, no training/eval modes), the BIASED variance and
 * eps inside the square root (PyTorch), {@code y = gamma * xhat + beta} with gamma and beta
 * indexed by a per-element affine index, and the backward through the statistics
 * ({@link Normalization}). Subclasses say which elements share statistics and which gamma
 * each element uses. Inputs are never modified. Smooth: no kinks.
 *
 * <p>Accuracy (measured): the PyTorch 1.13 float64 layer/instance/group norm cases are matched
 * to a relative error of at most 5e-14 on y, dx, dgamma and dbeta.
 */
public abstract class SampleNorm implements Component {
    private final NormConvention convention;

    protected SampleNorm(NormConvention convention) {
        this.convention = convention;
    }

    /**
     * The layout of one call.
     *
     * @param layout groups and affine indices
     * @param affineShape the shape of gamma and beta
     */
    record Plan(Normalization.Layout layout, int[] affineShape) {
    }

    /** Checks x and params and says which elements share statistics. */
    abstract Plan plan(Tensor x, Params params);

    private record Call(Tensor x, Plan plan, double[] gamma, double[] beta, Normalization.Normalized normalized) {
    }

    private Call call(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Plan plan = plan(x, params);
        Tensor gamma = Inputs.require(id(), inputs, "gamma", plan.affineShape());
        Tensor beta = Inputs.require(id(), inputs, "beta", plan.affineShape());
        double[] xs = x.toArray();
        Normalization.Stats st = Normalization.statistics(xs, plan.layout());
        double[] var = new double[plan.layout().groups()];
        for (int g = 0; g < var.length; g++) {
            var[g] = st.variance(g, convention.variance());
        }
        Normalization.Normalized n = Normalization.normalize(xs, plan.layout(), st.mean(), var, params.getDouble("eps"), convention.eps());
        return new Call(x, plan, gamma.toArray(), beta.toArray(), n);
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Call k = call(inputs, params);
        return Map.of("y", Tensor.wrap(k.x.shape(), Normalization.affine(k.normalized, k.plan.layout(), k.gamma, k.beta)));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Call k = call(inputs, params);
        Tensor dy = Inputs.upstream(id(), upstream, "dy", k.x);
        Normalization.Gradients g = Normalization.backward(dy.toArray(), k.normalized, k.plan.layout(), k.gamma, k.gamma.length,
                convention, true);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("dx", Tensor.wrap(k.x.shape(), g.dx()));
        out.put("dgamma", Tensor.wrap(k.plan.affineShape(), g.dgamma()));
        out.put("dbeta", Tensor.wrap(k.plan.affineShape(), g.dbeta()));
        return out;
    }

    /** Product of the dims of x from axis {@code from} on. */
    static int sizeFrom(Tensor x, int from) {
        int s = 1;
        for (int a = from; a < x.rank(); a++) {
            s *= x.dim(a);
        }
        return s;
    }
}
