package org.nncheck.reference.activation;

import org.nncheck.core.Params;

/**
 * {@code relu}: {@code y = max(0, x)}; {@code dx = dy} where {@code x > 0}, else 0 (SPEC
 * section 1). Input {@code x} of any shape; {@code y}, {@code dx} of the same shape.
 *
 * <p>At the kink {@code x = 0} the derivative is 0, the subgradient PyTorch's
 * {@code threshold_backward} uses ({@code x <= 0 ? 0 : dy}); CS231n and TensorFlow use the same.
 *
 * <p>NaN: {@code relu(NaN) = NaN} (as PyTorch's {@code clamp_min}); the backward is the select
 * {@code x <= 0 ? 0 : dy} like PyTorch, so a NaN input passes {@code dx = dy}, and a non-finite
 * {@code dy} where {@code x <= 0} still gives 0. {@code relu(-0.0) = 0.0}.
 */
public final class Relu extends ElementwiseActivation {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "relu";


    private static final Scalar SCALAR = new Scalar() {
        @Override
        public double value(double x) {
            return x > 0 ? x : (Double.isNaN(x) ? x : 0.0);
        }

        @Override
        public double derivative(double x) {
            return x <= 0 ? 0.0 : 1.0;
        }

        /** A select, not a product (as threshold_backward): dx = 0 where x <= 0 even for dy = inf or NaN. */
        @Override
        public double gradient(double x, double dy) {
            return x <= 0 ? 0.0 : dy;
        }
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    protected Scalar bind(Params params) {
        return SCALAR;
    }

}
