package org.nncheck.reference.loss;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * ALTERNATIVE (not the reference) to {@code softmax_cross_entropy}: label smoothing that keeps
 * {@code 1 - ls} on the true class and spreads {@code ls / (C - 1)} over the OTHER classes (a
 * common hand-written variant), instead of the SPEC's / PyTorch's {@code (1 - ls) * onehot + ls / C}.
 * It equals the reference with {@code ls' = ls * C / (C - 1)} (capped at 1), which is how it is
 * computed. With C = 1 there are no other classes and nothing changes.
 */
public final class SoftmaxCrossEntropySmoothingOverOthers implements Component {
    private final SoftmaxCrossEntropy base = new SoftmaxCrossEntropy();

    @Override
    public String id() {
        return SoftmaxCrossEntropy.ID;
    }

    private static Params adjusted(Map<String, Tensor> inputs, Params params) {
        Tensor logits = inputs.get("logits");
        double ls = params.getDouble(SoftmaxCrossEntropy.LABEL_SMOOTHING);
        if (logits == null || logits.rank() != 2 || logits.dim(1) < 2 || ls == 0) {
            return params;
        }
        int c = logits.dim(1);
        return params.with(Map.of(SoftmaxCrossEntropy.LABEL_SMOOTHING, Math.min(1.0, ls * c / (c - 1))));
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        return base.forward(inputs, adjusted(inputs, params));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        return base.backward(inputs, upstream, adjusted(inputs, params));
    }
}
