package org.nncheck.reference.regularizer;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@code l1}: L1 weight penalty {@code loss = lambda * sum |w|} (SPEC.md section 1,
 * Regularizers). Gradient {@code dw = dloss * lambda * sign(w)} with the subgradient 0 at
 * {@code w = 0} (the kink), as PyTorch's {@code abs} backward ({@code sgn(0) = 0}). Input
 * {@code w} of any shape; {@code lambda} required, &gt;= 0; output {@code loss} (shape []).
 * Inputs are never modified.
 */
public final class L1 implements Component {

    /** The catalogue id. */
    public static final String ID = "l1";

    /** The parameter schema: {@code lambda} required. */
    public static ParamSpec[] params() {
        return new ParamSpec[] {ParamSpec.nonNegative(Regularization.LAMBDA, null, "strength lambda >= 0 of lambda * sum |w|")};
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor w = Inputs.require(ID, inputs, "w");
        return Regularization.loss(params.getDouble(Regularization.LAMBDA) * Regularization.sumOfAbs(w));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor w = Inputs.require(ID, inputs, "w");
        double g = Regularization.dloss(ID, upstream) * params.getDouble(Regularization.LAMBDA);
        return Map.of("dw", w.map(v -> g * Regularization.sign(v)));
    }

}
