package org.nncheck.reference.activation;

import java.math.BigDecimal;
import java.util.Map;
import org.nncheck.catalogue.Oracle;
import org.nncheck.catalogue.Oracle.Accuracy;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;
import org.nncheck.reference.oracle.BigOracle;

/**
 * The activations' 50-digit oracles ({@link BigOracle}) with the reference's measured accuracy
 * claims (the bounds the accuracy properties asserted since their first measurement, worst
 * errors printed by {@code ActivationUlpProperties}). Ranges: where the function saturates or
 * overflows (e^745 underflows to 0, tanh is 1 beyond 380 in double); 40 for GELU, whose
 * exact oracle is costly.
 */
final class ActivationOracles {
    private ActivationOracles() {
    }

    private static final Map<String, Object> DEFAULTS = Map.of();

    static Oracle sigmoid() {
        return Oracle.elementWise((x, p) -> BigOracle.sigmoid(x), (x, p) -> BigOracle.sigmoidDerivative(x),
                Accuracy.ulps(DEFAULTS, 745, 1500, 3, 5));
    }

    static Oracle tanh() {
        return Oracle.elementWise((x, p) -> BigOracle.tanh(x), (x, p) -> BigOracle.tanhDerivative(x),
                Accuracy.ulps(DEFAULTS, 380, 1500, 3, 5));
    }

    /** max(0, x) and its derivative (0 at x = 0, the SPEC's subgradient) are exact in double. */
    static Oracle relu() {
        return Oracle.elementWise((x, p) -> x.signum() > 0 ? x : BigDecimal.ZERO,
                (x, p) -> x.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO, Accuracy.ulps(DEFAULTS, 1e300, 500, 0, 0));
    }

    /** alpha x is one rounding (half an ulp); its derivative alpha is exact. */
    static Oracle leakyRelu() {
        return Oracle.elementWise((x, p) -> x.signum() > 0 ? x : alpha(p).multiply(x),
                (x, p) -> x.signum() > 0 ? BigDecimal.ONE : alpha(p),
                Accuracy.ulps(Map.of("alpha", 0.01), 1e300, 500, 0.51, 0),
                Accuracy.ulps(Map.of("alpha", 0.1), 1e300, 500, 0.51, 0),
                Accuracy.ulps(Map.of("alpha", 0.3), 1e300, 500, 0.51, 0));
    }

    static Oracle elu() {
        return Oracle.elementWise((x, p) -> x.signum() > 0 ? x : alpha(p).multiply(BigOracle.expm1(x), Oracle.DIGITS),
                (x, p) -> x.signum() > 0 ? BigDecimal.ONE : alpha(p).multiply(BigOracle.exp(x), Oracle.DIGITS),
                Accuracy.ulps(Map.of("alpha", 1.0), 745, 1500, 2, 2),
                Accuracy.ulps(Map.of("alpha", 0.5), 745, 1500, 2, 2));
    }

    /** lambda and lambda alpha from the doubles the reference uses (Klambauer et al. 2017's constants). */
    static Oracle selu() {
        BigDecimal lambda = new BigDecimal(Selu.LAMBDA);
        BigDecimal la = lambda.multiply(new BigDecimal(Selu.ALPHA));
        return Oracle.elementWise(
                (x, p) -> (x.signum() > 0 ? lambda.multiply(x) : la.multiply(BigOracle.expm1(x))).round(Oracle.DIGITS),
                (x, p) -> x.signum() > 0 ? lambda : la.multiply(BigOracle.exp(x), Oracle.DIGITS),
                Accuracy.ulps(DEFAULTS, 745, 1500, 3, 3));
    }

    /**
     * Exact and tanh GELU. The derivatives vanish near x = -0.75: measured in ulp of the largest
     * term of their sum, {@code (|x| + 1) phi(x)} (within a factor 2 of max(Phi(x), |x| phi(x)))
     * or {@code sigmoid(2u)}.
     */
    static Oracle gelu() {
        return Oracle.elementWise((x, p) -> tanhForm(p) ? BigOracle.geluTanh(x) : BigOracle.gelu(x),
                (x, p) -> tanhForm(p) ? BigOracle.geluTanhDerivative(x) : BigOracle.geluDerivative(x),
                Accuracy.ulps(Map.of("approximate", "none"), 40, 800, 10, 10)
                        .scaledDerivative((v, p) -> (Math.abs(v) + 1) * Math.exp(-v * v / 2) / Math.sqrt(2 * Math.PI)),
                Accuracy.ulps(Map.of("approximate", "tanh"), 40, 1500, 4, 8)
                        .scaledDerivative((v, p) -> 1 / (1 + Math.exp(-2 * 0.7978845608028654 * (v + 0.044715 * v * v * v)))));
    }

    /**
     * Softmax of a vector (rank 1; the oracle covers no other shape). The rounding of x_k - max
     * is compensated in the reference: a few ulp (without it, up to |x - m| 2^-53 relative,
     * ~300 ulp at |x| = 300).
     */
    static Oracle softmax() {
        return Oracle.of((in, p) -> Map.of("y", BigOracle.softmax(vector(in))), Accuracy.ulps(DEFAULTS, 300, 1200, 4, Double.NaN));
    }

    /** Log-softmax of a vector (rank 1), as {@link #softmax()}. */
    static Oracle logSoftmax() {
        return Oracle.of((in, p) -> Map.of("y", BigOracle.logSoftmax(vector(in))), Accuracy.ulps(DEFAULTS, 300, 1200, 4, Double.NaN));
    }

    private static double[] vector(Map<String, Tensor> in) {
        Tensor x = in.get("x");
        if (x == null || x.rank() != 1) {
            throw new ContractException("the softmax oracles cover one vector x, got " + in.keySet());
        }
        return x.toArray();
    }

    private static BigDecimal alpha(org.nncheck.core.Params p) {
        return new BigDecimal(p.getDouble("alpha"));
    }

    private static boolean tanhForm(org.nncheck.core.Params p) {
        return Gelu.Approximate.parse(p.getChoice("approximate")) == Gelu.Approximate.TANH;
    }
}
