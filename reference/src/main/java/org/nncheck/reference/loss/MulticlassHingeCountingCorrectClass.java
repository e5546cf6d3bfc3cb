package org.nncheck.reference.loss;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * ALTERNATIVE (a known mistake, not the reference) to {@code multiclass_hinge}: the sum runs
 * over ALL classes, the correct one included, so every sample gets the extra term
 * {@code max(0, s_y - s_y + margin) = max(0, margin)} (CS231n's SVM notes warn that the sum is
 * over {@code j != y_i}). The gradient is unchanged (the extra term is constant in the scores).
 */
public final class MulticlassHingeCountingCorrectClass implements Component {
    private final MulticlassHinge base = new MulticlassHinge();

    @Override
    public String id() {
        return MulticlassHinge.ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        MulticlassHinge.Problem p = MulticlassHinge.problem(inputs, params);
        double reference = base.forward(inputs, params).get(LossSupport.LOSS).item();
        double extra = p.reduction().reduce(p.n() * Math.max(0, p.margin()), p.n());
        return LossSupport.loss(reference + extra);
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        return base.backward(inputs, upstream, params);
    }
}
