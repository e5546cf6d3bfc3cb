package org.nncheck.properties.plugin;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.nncheck.catalogue.Check;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.EntryProvider;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Oracle;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.catalogue.Trait;
import org.nncheck.core.Component;
import org.nncheck.reference.activation.ElementwiseActivation;

/**
 * A throw-away element-wise component that exists only in the test tree, registered the way
 * every family is (test resources' {@code META-INF/services/org.nncheck.catalogue.EntryProvider}):
 * softsign {@code y = x / (1 + |x|)}, {@code dy/dx = 1 / (1 + |x|)^2} (Glorot and Bengio 2010,
 * section 2.3 / "Quadratic Polynomials Learn Better Image Features", Elliott's sigmoid). This
 * class (its component and its entry) is the whole of it: the catalogue-wide tests pick it up
 * with no other edit (ThrowawayComponentTest shows which).
 */
public final class ThrowawaySoftsign implements EntryProvider {
    /** The id; not a SPEC id. */
    public static final String ID = "test_softsign";

    /** For {@link java.util.ServiceLoader}. */
    public ThrowawaySoftsign() {
    }

    /** The component: softsign and its derivative. */
    static Component component() {
        return ElementwiseActivation.of(ID, x -> x / (1 + Math.abs(x)), x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));
    }

    @Override
    public List<Entry> entries() {
        return List.of(Entry.builder(ID, Family.ACTIVATION).summary("x / (1 + |x|) (test-only component)")
                .inputs(TensorSpec.diff("x")).outputs("y").traits(Trait.ELEMENTWISE)
                .reference(ThrowawaySoftsign::component)
                .samples((rnd, p, size) -> Map.of("x", Samples.normal(rnd, 0, 3, 1 + size, 2 + 3 * size)))
                .skip(Check.GPU, "a throw-away component of the test tree: no OpenCL kernel is registered for it")
                .oracle(oracle())
                .build());
    }

    /**
     * The exact softsign and its derivative (BigDecimal division to 50 digits). Bounds from the
     * roundings of the double formula: y has two (1 + |x|, the division), each at most u = 2^-53
     * relative, so at most 2u|y| <= 2 ulp; dy/dx has three (the sum, the square, the division),
     * at most 3 ulp. Measured up to |x| = 1e150: beyond ~1e154 the square (1 + |x|)^2 overflows
     * and the double formula returns 0 for a subnormal derivative (measured: 1.8e14 ulp of the
     * subnormal at x = 3.3e154), a limit of this throw-away formula, not of the oracle.
     */
    static Oracle oracle() {
        return Oracle.elementWise(
                (x, p) -> x.divide(BigDecimal.ONE.add(x.abs()), Oracle.DIGITS),
                (x, p) -> {
                    BigDecimal d = BigDecimal.ONE.add(x.abs());
                    return BigDecimal.ONE.divide(d.multiply(d), Oracle.DIGITS);
                },
                Oracle.Accuracy.ulps(Map.of(), 1e150, 500, 2, 3));
    }
}
