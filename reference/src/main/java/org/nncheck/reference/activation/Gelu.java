package org.nncheck.reference.activation;

import java.util.Locale;
import org.nncheck.core.Params;

/**
 * {@code gelu}: the Gaussian error linear unit of Hendrycks and Gimpel 2016, with PyTorch's
 * {@code torch.nn.functional.gelu(approximate=...)} parameter (SPEC section 1). Input
 * {@code x} of any shape; {@code y}, {@code dx} of the same shape.
 *
 * <ul>
 *   <li>{@code approximate = "none"} (default): {@code y = x Phi(x)} with {@code Phi} the
 *       standard normal cdf; {@code dy/dx = Phi(x) + x phi(x)}. {@code Phi} comes from
 *       {@link StandardNormal} (Cody's erfc, evaluated so the negative tail has no
 *       cancellation: {@code Phi(x) = erfc(-x/sqrt 2)/2}); for {@code x/sqrt 2 < -4} the value is
 *       rewritten as {@code y = -e^{-x^2/2} (1/sqrt(pi) - r(x)) / sqrt 2}, which avoids
 *       multiplying a tiny {@code Phi} by a large {@code |x|}.</li>
 *   <li>{@code approximate = "tanh"}: PyTorch's formula
 *       {@code y = 0.5 x (1 + tanh(u))}, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, evaluated as
 *       {@code x * sigmoid(2u)} (the same number: {@code (1 + tanh u)/2 = sigmoid(2u)}) so that
 *       the negative tail does not cancel; {@code dy/dx = sigmoid(2u) + x * 2 sigmoid(2u)
 *       sigmoid(-2u) * sqrt(2/pi) (1 + 3 * 0.044715 x^2)}, the derivative term dropped when the
 *       sech^2 factor is 0 (so {@code x = -1e300} gives 0, not {@code 0 * inf = NaN}).</li>
 * </ul>
 *
 * <p>Infinities: {@code gelu(+inf) = +inf} with derivative 1, {@code gelu(-inf) = 0} with
 * derivative 0 (the limits; PyTorch's {@code x * 0.5 (1 + erf(x/sqrt 2))} gives NaN at -inf).
 * NaN gives NaN in {@code y} and {@code dx}. Smooth everywhere: no kinks.
 */
public final class Gelu extends ElementwiseActivation {

    /** The {@code approximate} parameter. */
    public enum Approximate {
        /** Exact {@code x Phi(x)}. */
        NONE,
        /** PyTorch's tanh approximation. */
        TANH;

        /** Parses the SPEC string ("none" or "tanh"). */
        public static Approximate parse(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** sqrt(2/pi). */
    static final double BETA = 0.7978845608028654;
    /** The cubic coefficient of the tanh approximation. */
    static final double KAPPA = 0.044715;

    /** Exact GELU {@code x Phi(x)}. */
    public static double exact(double x) {
        if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
            return x;
        }
        if (x * StandardNormal.SQRT1_2 < -4) {
            if (x < -40) {
                return -0.0;
            }
            double a = -x;
            double t = a * StandardNormal.SQRT1_2;
            return -StandardNormal.SQRT1_2 * StandardNormal.erfcScaledTailTimesT(t) * StandardNormal.expNegHalfSquare(a);
        }
        return x * StandardNormal.cdf(x);
    }

    /** Derivative of exact GELU, {@code Phi(x) + x phi(x)}. */
    public static double exactDerivative(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 1.0;
        }
        if (x * StandardNormal.SQRT1_2 < -4) {
            if (x < -40) {
                return -0.0;
            }
            // Phi(x) + x phi(x) = e^{-x^2/2}/sqrt 2 * ((1/sqrt(pi) - r)/|x| - |x|/sqrt(pi))
            double a = -x;
            double t = a * StandardNormal.SQRT1_2;
            double bracket = StandardNormal.erfcScaledTailTimesT(t) / a - a * StandardNormal.SQRPI;
            return StandardNormal.SQRT1_2 * bracket * StandardNormal.expNegHalfSquare(a);
        }
        return StandardNormal.cdf(x) + x * StandardNormal.pdf(x);
    }

    /** PyTorch's tanh-approximated GELU. */
    public static double tanhApprox(double x) {
        if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
            return x;
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return -0.0;
        }
        return x * Sigmoid.sigmoid(2 * inner(x));
    }

    /** Derivative of the tanh-approximated GELU. */
    public static double tanhApproxDerivative(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? 1.0 : 0.0;
        }
        double u2 = 2 * inner(x);
        double s = Sigmoid.sigmoid(u2);
        double sech2 = 4 * s * Sigmoid.sigmoid(-u2); // = 1 - tanh^2(u)
        if (sech2 == 0) {
            return s;
        }
        return s + 0.5 * x * sech2 * BETA * (1 + 3 * KAPPA * x * x);
    }

    /** {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, as PyTorch's kernel. */
    private static double inner(double x) {
        return BETA * (x + KAPPA * x * x * x);
    }

    @Override
    public String id() {
        return "gelu";
    }

    @Override
    protected Scalar bind(Params params) {
        Approximate mode = Approximate.parse(params.getChoice("approximate"));
        return switch (mode) {
            case NONE -> new Scalar() {
                @Override
                public double value(double x) {
                    return exact(x);
                }

                @Override
                public double derivative(double x) {
                    return exactDerivative(x);
                }
            };
            case TANH -> new Scalar() {
                @Override
                public double value(double x) {
                    return tanhApprox(x);
                }

                @Override
                public double derivative(double x) {
                    return tanhApproxDerivative(x);
                }
            };
        };
    }
}
