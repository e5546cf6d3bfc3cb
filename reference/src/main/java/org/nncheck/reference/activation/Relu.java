package org.nncheck.reference.activation;

import org.nncheck.core.Kinks;
import org.nncheck.core.Params;

/**
 * {@code relu}: {@code y = max(0, x)}; {@code dx = dy} where {@code x > 0}, else 0 (the
 * subgradient 0 at the kink {@code x = 0}, as PyTorch's {@code threshold_backward}).
 * NaN propagates: {@code relu(NaN) = NaN}.
 */
public final class Relu extends ElementwiseActivation {

    @Override
    public String id() {
        return "relu";
    }

    @Override
    protected double value(double x, Params params) {
        return x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
    }

    @Override
    protected double derivative(double x, Params params) {
        return x > 0 ? 1.0 : 0.0;
    }

    @Override
    public Kinks kinks() {
        return Kinks.atPoints("x", 0.0);
    }
}
