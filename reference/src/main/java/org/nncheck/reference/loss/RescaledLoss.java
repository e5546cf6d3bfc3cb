package org.nncheck.reference.loss;

import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * ALTERNATIVE building block (not a reference): a loss whose value and every gradient are the
 * reference's multiplied by a factor that depends on the inputs and parameters. Used for
 * conventions that differ from the SPEC by a constant: an extra 1/2 ({@code mse} as
 * {@code 0.5 * sum (pred - target)^2}), division by C (PyTorch {@code MultiMarginLoss}), a
 * "mean" over the batch axis instead of over all elements.
 */
public final class RescaledLoss implements Component {
    private final Component base;
    private final ToDoubleBiFunction<Map<String, Tensor>, Params> factor;

    /**
     * @param base the reference loss
     * @param factor the factor for given inputs and parameters
     */
    public RescaledLoss(Component base, ToDoubleBiFunction<Map<String, Tensor>, Params> factor) {
        this.base = base;
        this.factor = factor;
    }

    @Override
    public String id() {
        return base.id();
    }

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        return scaled(base.forward(inputs, params), factor.applyAsDouble(inputs, params));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        return scaled(base.backward(inputs, upstream, params), factor.applyAsDouble(inputs, params));
    }

    private static Map<String, Tensor> scaled(Map<String, Tensor> tensors, double f) {
        Map<String, Tensor> out = new HashMap<>();
        tensors.forEach((k, v) -> out.put(k, v.map(x -> x * f)));
        return Map.copyOf(out);
    }
}
