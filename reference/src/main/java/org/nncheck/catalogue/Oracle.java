package org.nncheck.catalogue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * A component's high-precision oracle, declared on its {@link Entry}: the exact outputs at
 * double inputs, to {@link #DIGITS} significant digits (evaluated in forms without
 * cancellation), and for an element-wise component also {@code dy/dx}. The accuracy properties
 * iterate {@link Catalogue#entries()} and measure every entry that has one against its
 * {@link Accuracy} claims, so adding an oracle to an entry adds its measurement.
 *
 * @param exact the exact outputs (element by element, in the tensor's order) at the given inputs
 * @param derivative {@code dy/dx} at one element, for an element-wise component; empty otherwise
 * @param accuracy the measured accuracy claims of the reference, each with the points it is
 *     measured at (empty where the property states its own bound, as the losses' backward
 *     stability)
 */
public record Oracle(Exact exact, Optional<ElementFunction> derivative, List<Accuracy> accuracy) {

    /** The oracles' working precision: 50 significant digits, far more than a double holds. */
    public static final MathContext DIGITS = new MathContext(50, RoundingMode.HALF_EVEN);

    public Oracle {
        Objects.requireNonNull(exact);
        derivative = derivative == null ? Optional.empty() : derivative;
        accuracy = List.copyOf(accuracy);
    }

    /** The exact outputs of a component. */
    @FunctionalInterface
    public interface Exact {
        /**
         * The exact value of every output element; an oracle may cover only some inputs or
         * parameters (documented where declared) and throws {@link ContractException} elsewhere.
         */
        Map<String, BigDecimal[]> outputs(Map<String, Tensor> inputs, Params params);
    }

    /** An exact function of one element. */
    @FunctionalInterface
    public interface ElementFunction {
        BigDecimal at(BigDecimal x, Params params);
    }

    /** The magnitude an error is measured against, at one point (see {@link Accuracy#derivativeScale}). */
    @FunctionalInterface
    public interface Scale {
        double at(double x, Params params);
    }

    /**
     * A measured accuracy claim of the reference at one parameter set.
     *
     * @param params raw parameter values (as in a case file)
     * @param range largest |x| measured (element-wise: a log grid of +-10^e from 1e-300 up to
     *     it; vectors: the largest entry scale)
     * @param randomPoints how many uniform random points (or vectors) are added
     * @param outputUlps the bound on the output's error in ulp of the exact value
     * @param derivativeUlps the bound on dy/dx's error in ulp; NaN: not measured
     * @param derivativeScale where dy/dx has a root, the error is measured in ulp of
     *     {@code max(|dy/dx|, scale(x))}, the largest term of its sum (no double evaluation has a
     *     small relative error near a root); null: in ulp of dy/dx itself
     */
    public record Accuracy(Map<String, Object> params, double range, int randomPoints, double outputUlps,
                           double derivativeUlps, Scale derivativeScale) {
        public Accuracy {
            params = Map.copyOf(params);
        }

        /** A claim in ulp of the exact output and derivative. */
        public static Accuracy ulps(Map<String, Object> params, double range, int randomPoints, double outputUlps,
                double derivativeUlps) {
            return new Accuracy(params, range, randomPoints, outputUlps, derivativeUlps, null);
        }

        /** The same claim with the derivative's error measured against {@code scale} near its roots. */
        public Accuracy scaledDerivative(Scale scale) {
            return new Accuracy(params, range, randomPoints, outputUlps, derivativeUlps, scale);
        }
    }

    /** The oracle of an element-wise component with input {@code x} and output {@code y}. */
    public static Oracle elementWise(ElementFunction y, ElementFunction dydx, Accuracy... claims) {
        Exact exact = (inputs, params) -> {
            Tensor x = inputs.get("x");
            if (x == null) {
                throw new ContractException("the element-wise oracle needs input x, got " + inputs.keySet());
            }
            BigDecimal[] out = new BigDecimal[x.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = y.at(new BigDecimal(x.get(i)), params);
            }
            return Map.of("y", out);
        };
        return new Oracle(exact, Optional.of(dydx), List.of(claims));
    }

    /** The oracle of a component given by its exact outputs. */
    public static Oracle of(Exact exact, Accuracy... claims) {
        return new Oracle(exact, Optional.empty(), List.of(claims));
    }

    /**
     * Error of {@code got} in units in the last place of the correctly rounded exact value (the
     * ulp of a subnormal result is {@link Double#MIN_VALUE}); infinite for a non-finite
     * {@code got} unless the exact value rounds to the same infinity.
     */
    public static double ulps(double got, BigDecimal exact) {
        double e = exact.doubleValue();
        if (Double.isInfinite(e)) {
            return got == e ? 0 : Double.POSITIVE_INFINITY;
        }
        if (!Double.isFinite(got)) {
            return Double.POSITIVE_INFINITY;
        }
        return ulpsOf(got, exact, Math.abs(e));
    }

    /** Error of {@code got} in ulp of {@code scale} (a magnitude). */
    public static double ulpsOf(double got, BigDecimal exact, double scale) {
        if (!Double.isFinite(got)) {
            return Double.POSITIVE_INFINITY;
        }
        double ulp = Math.ulp(scale == 0 ? Double.MIN_VALUE : scale);
        return new BigDecimal(got).subtract(exact).abs().divide(new BigDecimal(ulp), MathContext.DECIMAL64).doubleValue();
    }
}
