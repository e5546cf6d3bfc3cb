package org.nncheck.reference.oracle;

import ch.obermuhlner.math.big.BigDecimalMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Multiprecision oracles (big-math {@link BigDecimalMath}, 50 significant digits, more where a
 * formula needs guard digits) for the activations: every formula is evaluated in a form with
 * no cancellation, so the result is correct to far more digits than a double holds.
 */
public final class BigOracle {
    private BigOracle() {
    }

    public static final MathContext MC = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final MathContext WIDE = new MathContext(80, RoundingMode.HALF_EVEN);
    public static final BigDecimal ONE = BigDecimal.ONE;
    public static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HALF = new BigDecimal("0.5");
    public static final BigDecimal SQRT_PI = BigDecimalMath.sqrt(BigDecimalMath.pi(WIDE), WIDE);
    public static final BigDecimal SQRT2 = BigDecimalMath.sqrt(TWO, WIDE);
    /** sqrt(2/pi), the tanh-GELU constant. */
    public static final BigDecimal BETA = BigDecimalMath.sqrt(TWO.divide(BigDecimalMath.pi(WIDE), WIDE), WIDE);

    public static BigDecimal big(double x) {
        return new BigDecimal(x);
    }

    public static BigDecimal exp(BigDecimal x) {
        return BigDecimalMath.exp(x, MC);
    }

    /** e^x - 1 without cancellation: the series for |x| < 1e-3. */
    public static BigDecimal expm1(BigDecimal x) {
        if (x.abs().compareTo(new BigDecimal("1e-3")) < 0) {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal term = x;
            for (int n = 2; n < 40 && term.signum() != 0; n++) {
                sum = sum.add(term, WIDE);
                term = term.multiply(x, WIDE).divide(BigDecimal.valueOf(n), WIDE);
            }
            return sum.round(MC);
        }
        return BigDecimalMath.exp(x, WIDE).subtract(ONE, MC);
    }

    /** log(1 + r) for r >= 0 without losing a tiny r: the series below 1e-3. */
    public static BigDecimal log1p(BigDecimal r) {
        if (r.compareTo(new BigDecimal("1e-3")) < 0) {
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal pow = r;
            for (int n = 1; n < 40 && pow.signum() != 0; n++) {
                BigDecimal term = pow.divide(BigDecimal.valueOf(n), WIDE);
                sum = n % 2 == 1 ? sum.add(term, WIDE) : sum.subtract(term, WIDE);
                pow = pow.multiply(r, WIDE);
            }
            return sum;
        }
        return BigDecimalMath.log(ONE.add(r, WIDE), WIDE);
    }

    /** 1/(1 + e^-x). */
    public static BigDecimal sigmoid(BigDecimal x) {
        return ONE.divide(ONE.add(BigDecimalMath.exp(x.negate(), WIDE), WIDE), MC);
    }

    /** s(x) s(-x). */
    public static BigDecimal sigmoidDerivative(BigDecimal x) {
        return sigmoid(x).multiply(sigmoid(x.negate()), MC);
    }

    /** tanh x = sign(x) (1 - e) / (1 + e) with e = e^{-2|x|}; the odd series near 0. */
    public static BigDecimal tanh(BigDecimal x) {
        BigDecimal a = x.abs();
        if (a.compareTo(new BigDecimal("1e-3")) < 0) {
            // tanh x = x - x^3/3 + 2x^5/15 - 17x^7/315 + 62x^9/2835 - ..., next term < 1e-33 x
            BigDecimal x2 = x.multiply(x, WIDE);
            BigDecimal[] c = {ONE, new BigDecimal(-1).divide(new BigDecimal(3), WIDE), new BigDecimal(2).divide(new BigDecimal(15), WIDE),
                new BigDecimal(-17).divide(new BigDecimal(315), WIDE), new BigDecimal(62).divide(new BigDecimal(2835), WIDE),
                new BigDecimal(-1382).divide(new BigDecimal(155925), WIDE)};
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal pow = x;
            for (BigDecimal ci : c) {
                sum = sum.add(ci.multiply(pow, WIDE), WIDE);
                pow = pow.multiply(x2, WIDE);
            }
            return sum.round(MC);
        }
        BigDecimal e = BigDecimalMath.exp(a.multiply(TWO).negate(), WIDE);
        BigDecimal t = ONE.subtract(e, WIDE).divide(ONE.add(e, WIDE), MC);
        return x.signum() < 0 ? t.negate() : t;
    }

    /** sech^2 x = 4e/(1+e)^2, e = e^{-2|x|}. */
    public static BigDecimal tanhDerivative(BigDecimal x) {
        BigDecimal e = BigDecimalMath.exp(x.abs().multiply(TWO).negate(), WIDE);
        BigDecimal d = ONE.add(e, WIDE);
        return e.multiply(BigDecimal.valueOf(4), WIDE).divide(d.multiply(d, WIDE), MC);
    }

    /**
     * Depth of the erfc continued fraction; its error at t >= 6 is far below 1e-50 (checked in
     * the ulp test against the series at t = 6, where convergence is slowest).
     */
    public static final int CF_DEPTH = 200;

    /** erfc(t) for t >= 0: Maclaurin series of erf with guard digits for t <= 6, continued fraction beyond. */
    public static BigDecimal erfc(BigDecimal t) {
        if (t.signum() < 0) {
            throw new IllegalArgumentException("t >= 0");
        }
        if (t.compareTo(BigDecimal.valueOf(6)) <= 0) {
            return erfcSeries(t);
        }
        return erfcContinuedFraction(t, CF_DEPTH);
    }

    /** 1 - erf(t), erf by its Maclaurin series 2/sqrt(pi) sum (-1)^n t^{2n+1} / (n! (2n+1)). */
    public static BigDecimal erfcSeries(BigDecimal t) {
        double td = t.doubleValue();
        // terms grow to ~e^{t^2}, and 1 - erf loses ~t^2/ln 10 digits: pay for both
        MathContext mc = new MathContext(70 + (int) Math.ceil(2 * td * td / Math.log(10)), RoundingMode.HALF_EVEN);
        BigDecimal t2 = t.multiply(t, mc).negate();
        BigDecimal p = t; // (-1)^n t^{2n+1} / n!
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() - 5);
        for (int n = 0; n < 100000; n++) {
            BigDecimal term = p.divide(BigDecimal.valueOf(2L * n + 1), mc);
            sum = sum.add(term, mc);
            if (n > 2 * td * td + 5 && term.abs().compareTo(eps) < 0) {
                break;
            }
            p = p.multiply(t2, mc).divide(BigDecimal.valueOf(n + 1), mc);
        }
        BigDecimal sqrtPi = BigDecimalMath.sqrt(BigDecimalMath.pi(mc), mc);
        BigDecimal erf = sum.multiply(TWO, mc).divide(sqrtPi, mc);
        return ONE.subtract(erf, mc).round(MC);
    }

    /**
     * erfc(t) = e^{-t^2}/sqrt(pi) / (t + (1/2)/(t + 1/(t + (3/2)/(t + ...)))), evaluated
     * backward from the given depth.
     */
    public static BigDecimal erfcContinuedFraction(BigDecimal t, int depth) {
        BigDecimal f = t;
        for (int k = depth; k >= 1; k--) {
            f = t.add(BigDecimal.valueOf(k).multiply(HALF).divide(f, WIDE), WIDE);
        }
        BigDecimal g = BigDecimalMath.exp(t.multiply(t, WIDE).negate(), WIDE);
        return g.divide(SQRT_PI.multiply(f, WIDE), MC);
    }

    /** The standard normal cdf Phi(x) = erfc(-x/sqrt 2)/2. */
    public static BigDecimal phiCdf(BigDecimal x) {
        BigDecimal t = x.abs().divide(SQRT2, WIDE);
        BigDecimal tail = erfc(t).multiply(HALF, WIDE);
        return (x.signum() < 0 ? tail : ONE.subtract(tail, WIDE)).round(MC);
    }

    /** The standard normal density e^{-x^2/2}/sqrt(2 pi). */
    public static BigDecimal phiPdf(BigDecimal x) {
        BigDecimal g = BigDecimalMath.exp(x.multiply(x, WIDE).multiply(HALF).negate(), WIDE);
        return g.divide(SQRT_PI.multiply(SQRT2, WIDE), MC);
    }

    /** GELU x Phi(x). */
    public static BigDecimal gelu(BigDecimal x) {
        return x.multiply(phiCdf(x), MC);
    }

    /** Phi(x) + x phi(x). */
    public static BigDecimal geluDerivative(BigDecimal x) {
        return phiCdf(x).add(x.multiply(phiPdf(x), WIDE), MC);
    }

    /** The tanh-GELU 0.5 x (1 + tanh u) = x sigmoid(2u), u = sqrt(2/pi)(x + 0.044715 x^3). */
    public static BigDecimal geluTanh(BigDecimal x) {
        return x.multiply(sigmoid(inner(x).multiply(TWO)), MC);
    }

    /** Its derivative sigmoid(2u) + x * 2 sigmoid(2u) sigmoid(-2u) * u'. */
    public static BigDecimal geluTanhDerivative(BigDecimal x) {
        BigDecimal u2 = inner(x).multiply(TWO);
        BigDecimal s = sigmoid(u2);
        BigDecimal du = BETA.multiply(ONE.add(new BigDecimal("0.134145").multiply(x.multiply(x, WIDE), WIDE), WIDE), WIDE);
        return s.add(x.multiply(TWO, WIDE).multiply(sigmoidDerivative(u2), WIDE).multiply(du, WIDE), MC);
    }

    private static BigDecimal inner(BigDecimal x) {
        BigDecimal x3 = x.multiply(x, WIDE).multiply(x, WIDE);
        return BETA.multiply(x.add(new BigDecimal("0.044715").multiply(x3, WIDE), WIDE), WIDE);
    }

    /** Softmax of a vector: e^{x_k - m} / sum_j e^{x_j - m} (the shift is exact in BigDecimal). */
    public static BigDecimal[] softmax(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        BigDecimal[] e = new BigDecimal[x.length];
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < x.length; i++) {
            e[i] = BigDecimalMath.exp(big(x[i]).subtract(big(m)), WIDE);
            sum = sum.add(e[i], WIDE);
        }
        for (int i = 0; i < x.length; i++) {
            e[i] = e[i].divide(sum, MC);
        }
        return e;
    }

    /** Log-softmax of a vector: (x_k - m) - log(sum_j e^{x_j - m}). */
    public static BigDecimal[] logSoftmax(double[] x) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            m = Math.max(m, v);
        }
        // lse = log(1 + rest), rest = the sum without the maximum's e^0 = 1 (rest may be tiny)
        BigDecimal rest = BigDecimal.ZERO;
        boolean skipped = false;
        for (double v : x) {
            if (!skipped && v == m) {
                skipped = true;
                continue;
            }
            rest = rest.add(BigDecimalMath.exp(big(v).subtract(big(m)), WIDE), WIDE);
        }
        BigDecimal lse = log1p(rest);
        BigDecimal[] y = new BigDecimal[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = big(x[i]).subtract(big(m)).subtract(lse, MC);
        }
        return y;
    }

    /** e^d for d <= 0; 0 below -900 (under 1e-390, nothing next to 1 at 50 digits). */
    public static BigDecimal expNonPositive(BigDecimal d) {
        return d.compareTo(BigDecimal.valueOf(-900)) < 0 ? BigDecimal.ZERO : BigDecimalMath.exp(d, WIDE);
    }

    /** softplus(x) = log(1 + e^x), as log1p(e^x) or x + log1p(e^-x), no cancellation. */
    public static BigDecimal softplus(BigDecimal x) {
        return (x.signum() <= 0 ? log1p(expNonPositive(x)) : x.add(log1p(expNonPositive(x.negate())), WIDE)).round(MC);
    }

    /**
     * The cross-entropy of one row of logits with label {@code y}: log1p(sum_{j != a} e^{z_j - m})
     * + (m - z_y), a the first maximum, every difference exact.
     */
    public static BigDecimal crossEntropy(double[] z, int y) {
        int a = 0;
        for (int j = 1; j < z.length; j++) {
            if (z[j] > z[a]) {
                a = j;
            }
        }
        BigDecimal m = big(z[a]);
        BigDecimal s = BigDecimal.ZERO;
        for (int j = 0; j < z.length; j++) {
            if (j != a) {
                s = s.add(expNonPositive(big(z[j]).subtract(m)), WIDE);
            }
        }
        return log1p(s).add(m.subtract(big(z[y])), MC);
    }
}
