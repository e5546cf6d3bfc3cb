package org.nncheck.reference.loss;

import org.nncheck.numeric.CompensatedSum;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code binary_cross_entropy}: binary cross-entropy of probabilities (SPEC.md section 1,
 * Losses; PyTorch {@code BCELoss} without weights, apart from the clamp described below).
 *
 * <p>Inputs: {@code probs} in [0, 1] (checked, as PyTorch does) and {@code targets} of the same
 * shape (any rank; usually 0/1 or soft labels in [0, 1], other values accepted). Output
 * {@code loss} (shape []): the sum, or the mean over all elements ({@code reduction = "mean"},
 * default), of {@code l = -(t log p + (1 - t) log(1 - p))}, with {@code log(1 - p)} evaluated as
 * {@code log1p(-p)}. Gradient {@code dprobs = dloss * f * (-t / p + (1 - t) / (1 - p))}, evaluated
 * as {@code ((p - t) / p) / (1 - p)} for p in (0, 1) (no cancellation when p is near t, no
 * underflow of {@code p (1 - p)}), f = 1/size or 1.
 *
 * <p>Probabilities at exactly 0 or 1: the reference gives the TRUE value. A term whose
 * coefficient is exactly 0 is 0 ({@code 0 * log 0 = 0}, the limit, so {@code p = 0, t = 0} and
 * {@code p = 1, t = 1} cost nothing, with gradients 1 and -1, the one-sided derivatives); a
 * term with a non-zero coefficient at {@code log 0} makes the loss {@code +Infinity} (and the
 * gradient infinite), which is the mathematical value. PyTorch instead clamps each log at -100
 * (so such an element costs 100 * coefficient) and clamps the gradient's denominator
 * {@code p (1 - p)} at 1e-12; that convention is the alternative
 * {@link BinaryCrossEntropyTorchClamp}, which {@code verify} names when a case matches it.
 * Inputs are never modified.
 */
public final class BinaryCrossEntropy implements Component {

    /** The catalogue id. */
    public static final String ID = "binary_cross_entropy";

    /** Element loss, true value (0 * log 0 = 0, +Infinity at log 0 with a non-zero coefficient). */
    static double elementLoss(double p, double t) {
        double a = t == 0 ? 0 : t * Math.log(p);
        double b = t == 1 ? 0 : (1 - t) * Math.log1p(-p);
        return -(a + b);
    }

    /** d l / d p, true value (one-sided at p = 0 or 1). */
    static double elementGradient(double p, double t) {
        if (p > 0 && p < 1) {
            return ((p - t) / p) / (1 - p);
        }
        double a = t == 0 ? 0 : -t / p;
        double b = t == 1 ? 0 : (1 - t) / (1 - p);
        return a + b;
    }

    static Tensor[] validated(String id, Map<String, Tensor> inputs) {
        Tensor p = Inputs.require(id, inputs, "probs");
        Tensor t = Inputs.require(id, inputs, "targets");
        Inputs.requireSameShape(id, "probs", p, "targets", t);
        LossSupport.requireRange(id, "probs", p, 0, 1, "probabilities");
        return new Tensor[] {p, t};
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor[] pt = validated(ID, inputs);
        CompensatedSum sum = new CompensatedSum();
        for (int k = 0; k < pt[0].size(); k++) {
            sum.add(elementLoss(pt[0].get(k), pt[1].get(k)));
        }
        return LossSupport.loss(Reduction.of(params).reduce(sum.value(), pt[0].size()));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor[] pt = validated(ID, inputs);
        double g = LossSupport.dloss(ID, upstream) * Reduction.of(params).factor(pt[0].size());
        double[] d = new double[pt[0].size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = g * elementGradient(pt[0].get(k), pt[1].get(k));
        }
        return Map.of("dprobs", Tensor.wrap(pt[0].shape(), d));
    }
}
