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
 *       the negative tail does not cancel, with u in double-double so that the tail
 *       {@code e^{2u}} keeps its relative accuracy, and results below ~1e-260 computed
 *       scaled by a power of two so they are rounded once, even when subnormal; {@code dy/dx = sigmoid(2u) + x * 2 sigmoid(2u)
 *       sigmoid(-2u) * sqrt(2/pi) (1 + 3 * 0.044715 x^2)}, the derivative term dropped when the
 *       sech^2 factor is 0 (so {@code x = -1e300} gives 0, not {@code 0 * inf = NaN}).</li>
 * </ul>
 *
 * <p>Accuracy (50-digit oracle, |x| <= 40 and the tails down to 1e-300): exact mode value
 * within 6.3 ulp, derivative within 8 ulp of its largest term; tanh mode value within 2.2 ulp,
 * derivative within 4.7 ulp of its largest term (the derivatives have a root near x = -0.75,
 * where no evaluation has a small relative error).
 *
 * <p>Infinities: {@code gelu(+inf) = +inf} with derivative 1, {@code gelu(-inf) = 0} with
 * derivative 0 (the limits; PyTorch's {@code x * 0.5 (1 + erf(x/sqrt 2))} gives NaN at -inf).
 * NaN gives NaN in {@code y} and {@code dx}. Smooth everywhere: no kinks.
 */
public final class Gelu extends ElementwiseActivation {
    /** The SPEC id, stated once (its catalogue entry uses this constant). */
    public static final String ID = "gelu";


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

    /** sqrt(2/pi), rounded to double. */
    static final double BETA = 0.7978845608028654;
    /** sqrt(2/pi) - BETA (sqrt(2/pi) = 0.79788456080286535587989211986876...). */
    private static final double BETA_LO = -4.98465440455546e-17;
    /** The cubic coefficient of the tanh approximation, rounded to double. */
    static final double KAPPA = 0.044715;
    /** 0.044715 - KAPPA (the decimal constant is not a double). */
    private static final double KAPPA_LO = 2.1960211427085595e-18;

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
        TwiceInner z = TwiceInner.of(x);
        if (z.finite() && z.hi() < DEEP) {
            if (z.hi() < -1600) {
                return x * 0.0;
            }
            // sigmoid(2u) = e^{2u} / (1 + e^{2u}) = e^{2u} to double precision here
            int k = tailScale(z);
            return Math.scalb(x * scaledTailExp(z, k), -k);
        }
        return x * sigmoidOfTwiceInner(x)[0];
    }

    /** Derivative of the tanh-approximated GELU. */
    public static double tanhApproxDerivative(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? 1.0 : 0.0;
        }
        double du = BETA * (1 + 3 * KAPPA * x * x);
        TwiceInner z = TwiceInner.of(x);
        if (z.finite() && z.hi() < DEEP) {
            if (z.hi() < -1600) {
                return 0.0;
            }
            // s = e^{2u}, sigmoid(-2u) = 1 to double precision: f' = e^{2u} (1 + 2 x u')
            int k = tailScale(z);
            return Math.scalb((1 + 2 * x * du) * scaledTailExp(z, k), -k);
        }
        double[] sg = sigmoidOfTwiceInner(x);
        double s = sg[0];
        double sech2 = 4 * s * sg[1]; // = 1 - tanh^2(u)
        if (sech2 == 0) {
            return s;
        }
        return s + 0.5 * x * sech2 * du;
    }

    /**
     * {@code 2u = hi + lo} with {@code u = sqrt(2/pi) (x + 0.044715 x^3)}, as an unevaluated
     * double-double sum.
     *
     * <p>In the negative tail {@code sigmoid(2u) ~ e^{2u}} with {@code |2u|} in the hundreds, so
     * a relative error {@code d} in u becomes {@code |2u| d} in the result (1000 ulp at
     * x = -20 if u were rounded once). So u is carried as {@code hi + lo} (error-free products
     * with {@link Math#fma}, both constants split into a double and its remainder).
     */
    private record TwiceInner(double hi, double lo) {
        static TwiceInner of(double x) {
            double x2 = x * x;
            double x2e = Math.fma(x, x, -x2);
            double x3 = x2 * x;
            double x3e = Math.fma(x2, x, -x3) + x2e * x;
            double t = KAPPA * x3;
            double te = Math.fma(KAPPA, x3, -t) + KAPPA * x3e + KAPPA_LO * x3;
            double sum = x + t;
            double bv = sum - x;
            double sumE = ((x - (sum - bv)) + (t - bv)) + te; // two-sum error plus the lower parts
            double u = BETA * sum;
            double ue = Math.fma(BETA, sum, -u) + BETA * sumE + BETA_LO * sum;
            return new TwiceInner(2 * u, 2 * ue);
        }

        boolean finite() {
            return Double.isFinite(hi) && Double.isFinite(lo);
        }
    }

    /** ln 2 split (fdlibm): LN2_HI has 21 trailing zero bits, so k * LN2_HI is exact. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** Below this 2u, {@code e^{2u} < 1e-260}: the deep-tail path scales by a power of two. */
    private static final double DEEP = -600;

    /**
     * {@code e^{2u} 2^k} and k, for {@code 2u < DEEP}: the result is (nearly) subnormal, so it
     * is computed scaled up into the normal range and scaled back by the caller in one final
     * rounding ({@link Math#scalb}); otherwise the subnormal would lose its digits before being
     * multiplied by the large factors of the derivative.
     */
    private static double scaledTailExp(TwiceInner z, int k) {
        double c = k * LN2_HI;
        double zs = z.hi() + c;
        double bv = zs - z.hi();
        double err = (z.hi() - (zs - bv)) + (c - bv);
        // k LN2_LO is up to ~3e-7: too large for exp(d) = 1 + d, so it goes into the argument
        double cl = k * LN2_LO;
        double zs2 = zs + cl;
        double bv2 = zs2 - zs;
        double err2 = (zs - (zs2 - bv2)) + (cl - bv2);
        return Math.exp(zs2) * (1 + (z.lo() + err + err2));
    }

    private static int tailScale(TwiceInner z) {
        return (int) (-z.hi() / LN2_HI) - 64;
    }

    /** {@code {sigmoid(2u), sigmoid(-2u)}}, with {@code e^{2u} = e^{hi} (1 + lo)}. */
    private static double[] sigmoidOfTwiceInner(double x) {
        TwiceInner z = TwiceInner.of(x);
        if (!z.finite()) {
            // |x| beyond ~1e102: u is +-inf (or NaN for NaN)
            return new double[] {Sigmoid.sigmoid(z.hi()), Sigmoid.sigmoid(-z.hi())};
        }
        if (z.hi() >= 0) {
            double e = Math.exp(-z.hi()) * (1 - z.lo());
            return new double[] {1 / (1 + e), e / (1 + e)};
        }
        double e = Math.exp(z.hi()) * (1 + z.lo());
        return new double[] {e / (1 + e), 1 / (1 + e)};
    }

    @Override
    public String id() {
        return ID;
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
