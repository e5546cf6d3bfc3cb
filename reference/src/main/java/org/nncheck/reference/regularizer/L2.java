package org.nncheck.reference.regularizer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code l2}: L2 weight penalty {@code loss = lambda * sum w^2} (SPEC.md section 1,
 * Regularizers), with NO factor 1/2, so {@code dw = dloss * 2 * lambda * w}. SGD weight decay
 * {@code w -= lr * theta * w} is therefore the gradient step of {@code l2} with
 * {@code lambda = theta / 2} (the SPEC states this relation; CS231n's notes write
 * {@code 0.5 * lambda * w^2} instead, available as an alternative). Input {@code w} of any shape;
 * parameter {@code lambda} (required, &gt;= 0); output {@code loss} (shape []). When {@code sum w^2} overflows
 * but the loss does not (tiny lambda, huge w), the loss is recomputed as {@code sum (sqrt(lambda) w)^2}.
 * Inputs are never modified.
 */
public final class L2 implements Component {

    /** The catalogue id. */
    public static final String ID = "l2";

    /** The parameter schema: {@code lambda} required. */
    public static ParamSpec[] params() {
        return new ParamSpec[] {ParamSpec.nonNegative(Regularization.LAMBDA, null, "strength lambda >= 0 of lambda * sum w^2")};
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor w = Inputs.require(ID, inputs, "w");
        double lambda = params.getDouble(Regularization.LAMBDA);
        double loss = lambda * Regularization.sumOfSquares(w);
        if (loss == Double.POSITIVE_INFINITY) {
            // sum w^2 overflowed; lambda * sum w^2 may not: sum (sqrt(lambda) w)^2 overflows only if the result does
            double r = Math.sqrt(lambda);
            loss = 0;
            for (int i = 0; i < w.size(); i++) {
                double v = r * w.get(i);
                loss += v * v;
            }
        }
        return Regularization.loss(loss);
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor w = Inputs.require(ID, inputs, "w");
        double g = Regularization.dloss(ID, upstream) * 2 * params.getDouble(Regularization.LAMBDA);
        return Map.of("dw", w.map(v -> g * v));
    }
}
