package org.nncheck.reference.activation;

import org.nncheck.core.Params;

/**
 * {@code selu}: {@code y = lambda * elu(x, alpha)} with the fixed constants of Klambauer et
 * al. 2017 ("Self-Normalizing Neural Networks"), as PyTorch's {@code torch.nn.SELU}:
 * {@code lambda = 1.0507009873554805}, {@code alpha = 1.6732632423543772}. No parameters.
 * Input {@code x} of any shape; {@code y}, {@code dx} of the same shape.
 *
 * <p>Accuracy (50-digit oracle, |x| <= 745): value within 1.5 ulp, derivative within 1.6 ulp
 * (lambda alpha is one rounded constant).
 *
 * <p>{@code y = lambda x} for {@code x > 0}, {@code (lambda alpha) expm1(x)} otherwise;
 * derivative {@code lambda} for {@code x > 0}, {@code (lambda alpha) e^x} for {@code x <= 0}
 * (PyTorch's {@code elu_backward} with scale lambda: at {@code x = 0} the left slope
 * {@code lambda alpha} ~ 1.758). Always a kink at 0. NaN gives {@code y = NaN}, {@code dx =
 * lambda dy} (PyTorch's branch).
 */
public final class Selu extends ElementwiseActivation {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "selu";


    /** SELU's scale lambda. */
    public static final double LAMBDA = 1.0507009873554805;
    /** SELU's alpha. */
    public static final double ALPHA = 1.6732632423543772;
    private static final double LAMBDA_ALPHA = LAMBDA * ALPHA;

    private static final Scalar SCALAR = new Scalar() {
        @Override
        public double value(double x) {
            return selu(x);
        }

        @Override
        public double derivative(double x) {
            return Selu.derivative(x);
        }
    };

    /** SELU. */
    public static double selu(double x) {
        return x > 0 ? LAMBDA * x : LAMBDA_ALPHA * Math.expm1(x);
    }

    /** SELU's derivative. */
    public static double derivative(double x) {
        return x <= 0 ? LAMBDA_ALPHA * Math.exp(x) : LAMBDA;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    protected Scalar bind(Params params) {
        return SCALAR;
    }

}
