package org.nncheck.reference.loss;

import org.nncheck.numeric.CompensatedSum;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.activation.Sigmoid;

/**
 * {@code binary_cross_entropy_with_logits}: binary cross-entropy of {@code sigmoid(logits)}
 * against {@code targets}, computed from the logits (SPEC.md section 1, Losses; PyTorch
 * {@code BCEWithLogitsLoss} without weights).
 *
 * <p>Inputs: {@code logits} and {@code targets} of the same shape (any rank). Targets are
 * usually 0/1 or soft labels in [0, 1]; other finite values are accepted (the formula is
 * defined for them, PyTorch does not check either). Output {@code loss} (shape []): the sum
 * of the element losses, or their mean over all elements ({@code reduction = "mean"}, default).
 *
 * <p>Element loss {@code l = -(t log s(x) + (1 - t) log(1 - s(x)))}, s the logistic function,
 * evaluated in the stable form {@code l = t * softplus(-x) + (1 - t) * softplus(x)} with
 * {@code softplus(x) = max(x, 0) + log1p(exp(-|x|))}; this equals the SPEC's (and PyTorch's)
 * {@code max(x, 0) - x t + log1p(exp(-|x|))} algebraically, never overflows for finite x, and
 * avoids the cancellation of {@code x - x t} when t is near 1. Gradient:
 * {@code dlogits = dloss * f * ((1 - t) s(x) - t s(-x))} (= {@code s(x) - t}, without the
 * cancellation of {@code s(x) - 1} in the tails), f = 1/size or 1. Inputs are never modified.
 */
public final class BinaryCrossEntropyWithLogits implements Component {

    /** The catalogue id. */
    public static final String ID = "binary_cross_entropy_with_logits";

    /** {@code log(1 + e^x)}, stable for every finite x. */
    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** The element loss in the stable form. */
    static double elementLoss(double x, double t) {
        double a = t == 0 ? 0 : t * softplus(-x);
        double b = t == 1 ? 0 : (1 - t) * softplus(x);
        return a + b;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(ID, inputs, "logits");
        Tensor t = Inputs.require(ID, inputs, "targets");
        Inputs.requireSameShape(ID, "logits", x, "targets", t);
        CompensatedSum sum = new CompensatedSum();
        for (int k = 0; k < x.size(); k++) {
            sum.add(elementLoss(x.get(k), t.get(k)));
        }
        return LossSupport.loss(Reduction.of(params).reduce(sum.value(), x.size()));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = Inputs.require(ID, inputs, "logits");
        Tensor t = Inputs.require(ID, inputs, "targets");
        Inputs.requireSameShape(ID, "logits", x, "targets", t);
        double g = LossSupport.dloss(ID, upstream) * Reduction.of(params).factor(x.size());
        double[] d = new double[x.size()];
        for (int k = 0; k < d.length; k++) {
            double xv = x.get(k);
            double tv = t.get(k);
            d[k] = g * ((1 - tv) * Sigmoid.sigmoid(xv) - tv * Sigmoid.sigmoid(-xv));
        }
        return Map.of("dlogits", Tensor.wrap(x.shape(), d));
    }
}
