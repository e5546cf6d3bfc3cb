package org.nncheck.reference.loss;

import org.nncheck.numeric.CompensatedSum;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code nll}: negative log-likelihood of class labels given log-probabilities (SPEC.md
 * section 1, Losses; PyTorch {@code NLLLoss} without class weights).
 *
 * <p>Inputs: {@code log_probs} (N, C), C &gt;= 1 (typically a {@code log_softmax} output; not
 * checked to be &lt;= 0, as in PyTorch), {@code labels} (N) class indices in [0, C). Output
 * {@code loss} (shape []): {@code loss_i = -log_probs[i, labels_i]}, summed, or divided by N
 * for {@code reduction = "mean"} (default). Gradient: {@code dlog_probs[i, labels_i] = -dloss * f}
 * with f = 1/N ("mean") or 1 ("sum"), 0 elsewhere. The sum is compensated (Neumaier). Empty batch: 0 ("sum"), NaN ("mean"). Inputs are never modified.
 */
public final class Nll implements Component {

    /** The catalogue id. */
    public static final String ID = "nll";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor lp = LossSupport.matrix(ID, inputs, "log_probs");
        int[] labels = LossSupport.labels(ID, inputs, "log_probs", lp);
        int c = lp.dim(1);
        CompensatedSum sum = new CompensatedSum();
        for (int i = 0; i < labels.length; i++) {
            sum.add(-lp.get(i * c + labels[i]));
        }
        return LossSupport.loss(Reduction.of(params).reduce(sum.value(), labels.length));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor lp = LossSupport.matrix(ID, inputs, "log_probs");
        int[] labels = LossSupport.labels(ID, inputs, "log_probs", lp);
        int c = lp.dim(1);
        double g = -LossSupport.dloss(ID, upstream) * Reduction.of(params).factor(labels.length);
        double[] d = new double[lp.size()];
        for (int i = 0; i < labels.length; i++) {
            d[i * c + labels[i]] = g;
        }
        return Map.of("dlog_probs", Tensor.wrap(lp.shape(), d));
    }
}
