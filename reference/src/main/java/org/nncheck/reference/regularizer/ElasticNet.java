package org.nncheck.reference.regularizer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code elastic_net}: {@code loss = lambda * sum (beta * w^2 + |w|)} (SPEC.md section 1,
 * Regularizers; the CS231n form "lambda1 |w| + lambda2 w^2" with lambda1 = lambda,
 * lambda2 = lambda * beta, no 1/2 on the square). Gradient
 * {@code dw = dloss * lambda * (2 beta w + sign(w))}, subgradient {@code sign(0) = 0} at the kink
 * {@code w = 0}. Input {@code w} of any shape; {@code lambda} and {@code beta} required, both
 * &gt;= 0; output {@code loss} (shape []). Inputs are never modified.
 */
public final class ElasticNet implements Component {

    /** The catalogue id. */
    public static final String ID = "elastic_net";
    /** The weight of the squared term. */
    public static final String BETA = "beta";

    /** The parameter schema: both required. */
    public static ParamSpec[] params() {
        return new ParamSpec[] {ParamSpec.nonNegative(Regularization.LAMBDA, null, "overall strength lambda >= 0"),
                ParamSpec.nonNegative(BETA, null, "weight beta >= 0 of w^2 relative to |w|")};
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor w = Inputs.require(ID, inputs, "w");
        double beta = params.getDouble(BETA);
        double sum = 0;
        for (int i = 0; i < w.size(); i++) {
            double v = w.get(i);
            sum += beta * v * v + Math.abs(v);
        }
        double lambda = params.getDouble(Regularization.LAMBDA);
        double loss = lambda * sum;
        if (loss == Double.POSITIVE_INFINITY) {
            // the inner sum overflowed; recompute with lambda inside, which overflows only if the loss does
            double r = Math.sqrt(lambda * beta);
            loss = 0;
            for (int i = 0; i < w.size(); i++) {
                double v = w.get(i);
                loss += (r * v) * (r * v) + lambda * Math.abs(v);
            }
        }
        return Regularization.loss(loss);
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor w = Inputs.require(ID, inputs, "w");
        double g = Regularization.dloss(ID, upstream) * params.getDouble(Regularization.LAMBDA);
        double beta = params.getDouble(BETA);
        return Map.of("dw", w.map(v -> g * (2 * beta * v + Regularization.sign(v))));
    }

}
