package org.nncheck.reference.activation;

import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Inputs;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * An activation applied element by element: {@code y = f(x)}, {@code dx = dy * f'(x)}. Input
 * {@code x} of any shape; output {@code y} of the same shape. Subclasses give {@code f} and
 * {@code f'} (which may read parameters).
 */
public abstract class ElementwiseActivation implements Component {

    /** f(x) for the given parameters. */
    protected abstract double value(double x, Params params);

    /** f'(x) for the given parameters (the documented one-sided choice at a kink). */
    protected abstract double derivative(double x, Params params);

    @Override
    public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        return Map.of("y", x.map(v -> value(v, params)));
    }

    @Override
    public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Tensor x = Inputs.require(id(), inputs, "x");
        Tensor dy = Inputs.upstream(id(), upstream, "dy", x);
        double[] dx = new double[x.size()];
        for (int i = 0; i < dx.length; i++) {
            dx[i] = dy.get(i) * derivative(x.get(i), params);
        }
        return Map.of("dx", Tensor.wrap(x.shape(), dx));
    }
}
