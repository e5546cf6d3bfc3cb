package org.nncheck.reference.activation;

/**
 * The standard normal cdf {@code Phi} and density {@code phi} in double, accurate to a few ulp
 * over the whole line (Java has no erf; measured against a 50-digit oracle in
 * {@code ActivationUlpProperties}).
 *
 * <p>Method: W. J. Cody, "Rational Chebyshev approximations for the error function", Math.
 * Comp. 23 (1969) 631-637, with the coefficients of Netlib SPECFUN {@code CALERF} (three
 * intervals of {@code t = |x|/sqrt 2}: {@code t <= 0.46875} erf by a rational function of
 * {@code t^2}; {@code t <= 4} {@code erfc = e^{-t^2} C(t)/D(t)}; {@code t > 4} the asymptotic
 * form {@code erfc = e^{-t^2} (1/sqrt(pi) - P/Q(1/t^2)/t^2) / t}). Two changes for accuracy in
 * the normal tail:
 * <ul>
 *   <li>the Gaussian factor {@code e^{-t^2} = e^{-x^2/2}} is computed from x itself, split as
 *       {@code x = xs + (x - xs)} with {@code xs} a multiple of 1/16 so that {@code xs^2/2} is
 *       exact ({@link #expNegHalfSquare}), instead of from the rounded {@code x/sqrt 2} (whose
 *       1-ulp error would be amplified {@code x^2} times, ~1000 ulp at x = -38);</li>
 *   <li>the negative tail {@code Phi(x) = erfc(|x|/sqrt 2)/2} is never formed as
 *       {@code 1 - erf}, so there is no cancellation.</li>
 * </ul>
 */
public final class StandardNormal {
    private StandardNormal() {
    }

    /** 1/sqrt(pi). */
    static final double SQRPI = 5.6418958354775628695e-1;
    /** 1/sqrt(2 pi). */
    public static final double INV_SQRT_2PI = 0.3989422804014326779399460599343819;
    static final double SQRT1_2 = 0.7071067811865475244008443621048490;

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};

    /** Below this, Phi(x) underflows to 0 (Phi(-40) ~ 3.7e-350). */
    private static final double LOW = -40;
    /** Above this, 1 - Phi(x) is below half an ulp of 1. */
    private static final double HIGH = 9;

    /** {@code e^{-x^2/2}} with {@code x^2/2} split exactly (see class doc). */
    public static double expNegHalfSquare(double x) {
        double a = Math.abs(x);
        if (a > 40) {
            return 0.0;
        }
        double xs = Math.floor(a * 16) / 16;
        double del = (a - xs) * (a + xs) * 0.5;
        return Math.exp(-xs * xs * 0.5) * Math.exp(-del);
    }

    /** The density {@code phi(x) = e^{-x^2/2} / sqrt(2 pi)}. */
    public static double pdf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        return INV_SQRT_2PI * expNegHalfSquare(x);
    }

    /** erf(t) for {@code |t| <= 0.46875}: Cody's first interval. */
    static double erfSmall(double t) {
        double ysq = t * t;
        double xnum = A[4] * ysq;
        double xden = ysq;
        for (int i = 0; i < 3; i++) {
            xnum = (xnum + A[i]) * ysq;
            xden = (xden + B[i]) * ysq;
        }
        return t * (xnum + A[3]) / (xden + B[3]);
    }

    /** {@code erfc(t) e^{t^2}} for {@code 0.46875 < t <= 4}: Cody's second interval. */
    static double erfcScaledMid(double t) {
        double xnum = C[8] * t;
        double xden = t;
        for (int i = 0; i < 7; i++) {
            xnum = (xnum + C[i]) * t;
            xden = (xden + D[i]) * t;
        }
        return (xnum + C[7]) / (xden + D[7]);
    }

    /** {@code erfc(t) e^{t^2} t} for {@code t > 4}: Cody's third interval, {@code 1/sqrt(pi) - r}. */
    static double erfcScaledTailTimesT(double t) {
        double ysq = 1.0 / (t * t);
        double xnum = P[5] * ysq;
        double xden = ysq;
        for (int i = 0; i < 4; i++) {
            xnum = (xnum + P[i]) * ysq;
            xden = (xden + Q[i]) * ysq;
        }
        double r = ysq * (xnum + P[4]) / (xden + Q[4]);
        return SQRPI - r;
    }

    /**
     * {@code Q(|x|) = 1 - Phi(|x|) = erfc(|x|/sqrt 2)/2} for {@code |x|/sqrt 2 > 0.46875}: the
     * upper tail, without cancellation.
     */
    static double upperTail(double x) {
        double a = Math.abs(x);
        double t = a * SQRT1_2;
        if (t <= 4) {
            return 0.5 * erfcScaledMid(t) * expNegHalfSquare(a);
        }
        // erfc(t)/2 = e^{-x^2/2} (1/sqrt(pi) - r) / (2t) = e^{-x^2/2} (1/sqrt(pi) - r) / (sqrt 2 |x|)
        return SQRT1_2 * erfcScaledTailTimesT(t) / a * expNegHalfSquare(a);
    }

    /** The standard normal cdf {@code Phi(x) = (1 + erf(x/sqrt 2))/2}; {@code Phi(NaN) = NaN}. */
    public static double cdf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < LOW) {
            return 0.0;
        }
        if (x > HIGH) {
            return 1.0;
        }
        double t = x * SQRT1_2;
        if (Math.abs(t) <= 0.46875) {
            return 0.5 + 0.5 * erfSmall(t);
        }
        double tail = upperTail(x);
        return x < 0 ? tail : 1.0 - tail;
    }

    /** erf(z) (for tests and for GELU's tanh-free paths), accurate to a few ulp. */
    public static double erf(double z) {
        if (Double.isNaN(z)) {
            return z;
        }
        double a = Math.abs(z);
        if (a <= 0.46875) {
            return erfSmall(z);
        }
        double c = erfc(a);
        return z < 0 ? c - 1.0 : 1.0 - c;
    }

    /** erfc(z), accurate to a few ulp (Cody's splitting of e^{-z^2}). */
    public static double erfc(double z) {
        if (Double.isNaN(z)) {
            return z;
        }
        double a = Math.abs(z);
        if (a <= 0.46875) {
            return 1.0 - erfSmall(z);
        }
        double r;
        if (a >= 26.6) {
            r = 0.0;
        } else {
            double ys = Math.floor(a * 16) / 16;
            double del = (a - ys) * (a + ys);
            double e = Math.exp(-ys * ys) * Math.exp(-del);
            r = a <= 4 ? erfcScaledMid(a) * e : erfcScaledTailTimesT(a) / a * e;
        }
        return z < 0 ? 2.0 - r : r;
    }
}
