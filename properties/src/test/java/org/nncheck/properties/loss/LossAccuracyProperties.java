package org.nncheck.properties.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.properties.loss.LossGens.labelled;
import static org.nncheck.properties.loss.LossGens.loss;
import static org.nncheck.properties.loss.LossGens.params;
import static org.nncheck.properties.loss.LossGens.reference;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.quicktheories.generators.Generate;

/**
 * Accuracy of the cross-entropies against their catalogue entries' 50-digit oracles
 * ({@link org.nncheck.catalogue.Oracle}: big-math, with an exact series for log1p of tiny arguments), bounded by the error a backward-stable
 * double evaluation may make: {@code 8 eps (|L| + sum_j |z_j dL/dz_j|)} (QuickTheories, fixed
 * seed printed on failure). The worst ratio error / bound is printed after the run.
 */
class LossAccuracyProperties {
    private static final long SEED = 20261128L;
    private static final MathContext MC = new MathContext(50);
    private static double worstCe;
    private static double worstBce;

    private final Component ce = reference("softmax_cross_entropy");
    private final Component bce = reference("binary_cross_entropy_with_logits");
    private final Params sum = params("softmax_cross_entropy", Map.of("reduction", "sum"));
    private final Params bceSum = params("binary_cross_entropy_with_logits", Map.of("reduction", "sum"));

    /** The exact loss from the entry's oracle, in sum reduction. */
    private static BigDecimal exact(Component c, Map<String, Tensor> in, Params p) {
        Entry e = Catalogue.get(c.id()).orElseThrow();
        return e.oracle().orElseThrow().exact().outputs(in, p).get("loss")[0];
    }

    /** Every loss with an oracle is measured here (a new oracle needs its property). */
    @Test
    void everyLossOracleIsMeasured() {
        List<String> withOracle = Catalogue.entries(Family.LOSS).stream().filter(e -> e.oracle().isPresent()).map(Entry::id).toList();
        assertEquals(List.of(ce.id(), bce.id()), withOracle, "the losses this property measures against their oracle");
    }

    private static double error(double got, BigDecimal exact) {
        return new BigDecimal(got).subtract(exact, MC).abs().doubleValue();
    }

    private static final double EPS = Math.ulp(1.0);

    /**
     * One row of logits in [-300, 300]: the error is within 8 eps of the result plus the
     * condition term sum_j |z_j| |dL/dz_j| (the bound of a backward-stable evaluation: the
     * rounding of z_j - max alone costs that much, and no double algorithm can avoid it).
     */
    @Test
    void crossEntropyIsBackwardStable() {
        qt().withFixedSeed(SEED).withExamples(150).forAll(labelled(1, 12, doubles().between(-300, 300))).checkAssert(x -> {
            Map<String, Tensor> in = Map.of("logits", x.logits(), "labels", x.labels());
            double got = loss(ce, in, sum);
            BigDecimal exact = exact(ce, in, sum);
            Tensor g = ce.backward(in, Map.of(), sum).get("dlogits");
            double cond = 0;
            for (int j = 0; j < g.size(); j++) {
                cond += Math.abs(x.logits().get(j) * g.get(j));
            }
            double bound = 8 * EPS * (Math.abs(exact.doubleValue()) + cond) + Double.MIN_VALUE;
            double err = error(got, exact);
            worstCe = Math.max(worstCe, err / bound);
            assertTrue(err <= bound, "cross-entropy error " + err + " above " + bound + " (" + got + " vs " + exact + "), seed " + SEED);
        });
    }

    /** Single-element BCE with logits, x in [-700, 700] and hard or soft targets: backward stable in the same sense. */
    @Test
    void bceWithLogitsIsBackwardStable() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(Generate.oneOf(doubles().between(-700, 700), doubles().between(-5, 5)),
                        Generate.oneOf(Generate.pick(List.of(0.0, 1.0)), doubles().between(0, 1)))
                .checkAssert((x, t) -> {
                    Map<String, Tensor> in = Map.of("logits", Tensor.vector(x), "targets", Tensor.vector(t));
                    double got = loss(bce, in, bceSum);
                    // l = t * softplus(-x) + (1 - t) * softplus(x)
                    BigDecimal exact = exact(bce, in, bceSum);
                    double g = bce.backward(in, Map.of(), bceSum).get("dlogits").get(0);
                    // the terms t * sp(-x) and (1 - t) * sp(x) are each rounded: their magnitudes enter the bound
                    double terms = t * softplus(-x) + (1 - t) * softplus(x);
                    double bound = 8 * EPS * (terms + Math.abs(x * g)) + Double.MIN_VALUE;
                    double err = error(got, exact);
                    worstBce = Math.max(worstBce, err / bound);
                    assertTrue(err <= bound, "bce_with_logits(" + x + ", " + t + ") error " + err + " above " + bound + " (" + got
                            + " vs " + exact + "), seed " + SEED);
                });
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @AfterAll
    static void report() {
        System.out.printf("loss accuracy (error / backward-stability bound): softmax_cross_entropy %.3f, "
                + "binary_cross_entropy_with_logits %.3f%n",
                worstCe, worstBce);
    }
}
