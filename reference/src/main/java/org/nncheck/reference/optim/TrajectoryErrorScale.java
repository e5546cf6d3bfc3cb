package org.nncheck.reference.optim;

import java.util.Map;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.FormulaScale;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The forward-error scale of an optimizer's trajectory {@code w} ({@link FormulaScale}): the
 * trajectory {@code w_t = w_{t-1} - delta_t} adds one rounded update per step, each computed
 * with a few ulp of relative error, so element {@code t} carries terms of total size
 * {@code |w_t| + sum_{s <= t} |w_s - w_{s-1}|} (the updates read off the reference trajectory).
 * Input perturbation misses this for scale-invariant updates (Adam's {@code m / sqrt(v)} barely
 * moves when g is scaled).
 */
final class TrajectoryErrorScale implements FormulaScale {
    private final String id;

    TrajectoryErrorScale(String id) {
        this.id = id;
    }

    @Override
    public double[] terms(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor w0 = inputs.get("w");
        Tensor traj = Catalogue.get(id).orElseThrow().newReference().forward(inputs, params).get("w");
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
}
