package org.nncheck.reference.loss;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * ALTERNATIVE (a known mistake, not the reference) for any loss with a {@code reduction}
 * parameter: the loss is reduced as asked (e.g. averaged over N), but the gradient is that of
 * the SUM, i.e. it was not divided by N (or by the number of elements). A classic bug of
 * hand-written backward passes (CS231n assignment 1 softmax/SVM gradients must be divided by
 * num_train like the loss).
 */
public final class GradientNotDividedByN implements Component {
    private final Component base;

    /** The variant of {@code base}, whose parameters must include {@code reduction}. */
    public GradientNotDividedByN(Component base) {
        this.base = base;
    }

    @Override
    public String id() {
        return base.id();
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        return base.forward(inputs, params);
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        return base.backward(inputs, upstream, params.with(Map.of(Reduction.PARAM, "sum")));
    }
}
