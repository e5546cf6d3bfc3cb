package org.nncheck.reference.loss;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * ALTERNATIVE (a known mistake, not the reference) to {@code binary_cross_entropy_with_logits}:
 * the naive evaluation {@code s = 1 / (1 + exp(-x))}, {@code l = -(t log s + (1 - t) log(1 - s))},
 * gradient {@code s - t}. For large |x| (beyond about 37 in double, 17 in float) {@code s}
 * rounds to 0 or 1 and the loss becomes infinite or NaN ({@code 0 * log 0}); {@code verify}
 * names this variant when a case reproduces that failure.
 */
public final class BinaryCrossEntropyWithLogitsNaive implements Component {

    @Override
    public String id() {
        return BinaryCrossEntropyWithLogits.ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "logits");
        Tensor t = Inputs.require(id(), inputs, "targets");
        Inputs.requireSameShape(id(), "logits", x, "targets", t);
        double sum = 0;
        for (int k = 0; k < x.size(); k++) {
            double s = 1 / (1 + Math.exp(-x.get(k)));
            double tv = t.get(k);
            sum += -(tv * Math.log(s) + (1 - tv) * Math.log(1 - s));
        }
        return LossSupport.loss(Reduction.of(params).reduce(sum, x.size()));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = Inputs.require(id(), inputs, "logits");
        Tensor t = Inputs.require(id(), inputs, "targets");
        Inputs.requireSameShape(id(), "logits", x, "targets", t);
        double g = LossSupport.dloss(id(), upstream) * Reduction.of(params).factor(x.size());
        double[] d = new double[x.size()];
        for (int k = 0; k < d.length; k++) {
            d[k] = g * (1 / (1 + Math.exp(-x.get(k))) - t.get(k));
        }
        return Map.of("dlogits", Tensor.wrap(x.shape(), d));
    }
}
