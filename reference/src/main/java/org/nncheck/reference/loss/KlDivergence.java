package org.nncheck.reference.loss;

import org.nncheck.numeric.CompensatedSum;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code kl_divergence}: the Kullback-Leibler divergence KL(p || q) of a target distribution
 * {@code p} from a model given by its log-probabilities {@code log_q} (SPEC.md section 1,
 * Losses; PyTorch {@code kl_div(input=log_q, target=p)} with {@code log_target=False}).
 *
 * <p>Inputs: {@code p} (N, C), probabilities (&gt;= 0, checked; rows are not required to sum to
 * 1), data without a gradient; {@code log_q} (N, C), differentiable. Any rank &gt;= 1 is
 * accepted, N being the size of axis 0. Output {@code loss} (shape []):
 * {@code sum_k p_k (log p_k - log_q_k)} with the convention {@code 0 * log 0 = 0}: an element
 * with {@code p_k = 0} contributes exactly 0, whatever {@code log_q_k} is (even -Infinity), as
 * the limit and as PyTorch's {@code xlogy}. Reductions: "batchmean" (default, divide by N),
 * "sum", "mean" (divide by the number of elements) - see {@link KlReduction}.
 *
 * <p>Gradient: only {@code dlog_q = -dloss * p / divisor} ({@code p} is data). A positive
 * {@code p_k} with {@code log_q_k = -Infinity} gives {@code +Infinity} (the true value).
 * Inputs are never modified.
 */
public final class KlDivergence implements Component {

    /** The catalogue id. */
    public static final String ID = "kl_divergence";

    @Override
    public String id() {
        return ID;
    }

    private static Tensor[] validated(Map<String, Tensor> inputs) {
        Tensor p = Inputs.require(ID, inputs, "p");
        Tensor lq = Inputs.require(ID, inputs, "log_q");
        if (p.rank() < 1) {
            throw new ContractException(ID + ": tensor 'p' must have shape (N, C) (rank >= 1, N = axis 0), got a scalar");
        }
        Inputs.requireSameShape(ID, "p", p, "log_q", lq);
        LossSupport.requireRange(ID, "p", p, 0, Double.MAX_VALUE, "probabilities (non-negative, finite)");
        return new Tensor[] {p, lq};
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor[] pq = validated(inputs);
        Tensor p = pq[0];
        Tensor lq = pq[1];
        CompensatedSum sum = new CompensatedSum();
        for (int k = 0; k < p.size(); k++) {
            double pk = p.get(k);
            if (pk != 0) {
                sum.add(pk * (Math.log(pk) - lq.get(k)));
            }
        }
        return LossSupport.loss(sum.value() / KlReduction.of(params).divisor(p.dim(0), p.size()));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor[] pq = validated(inputs);
        Tensor p = pq[0];
        double g = -LossSupport.dloss(ID, upstream) / KlReduction.of(params).divisor(p.dim(0), p.size());
        double[] d = new double[p.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = g * p.get(k);
        }
        return Map.of("dlog_q", Tensor.wrap(p.shape(), d));
    }
}
