package org.nncheck.properties.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.properties.loss.LossGens.loss;
import static org.nncheck.properties.loss.LossGens.params;
import static org.nncheck.properties.loss.LossGens.reference;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Properties of the binary cross-entropies (QuickTheories, fixed seed printed on failure). */
class BinaryCrossEntropyProperties {
    private static final long SEED = 20261126L;
    private final Component withLogits = reference("binary_cross_entropy_with_logits");
    private final Component bce = reference("binary_cross_entropy");
    private final Params sum = params("binary_cross_entropy", Map.of("reduction", "sum"));
    private final Params logitsSum = params("binary_cross_entropy_with_logits", Map.of("reduction", "sum"));

    /** Pairs (x, t): x from {@code xs}, t hard 0/1 or soft in [0, 1]. */
    private static Gen<double[][]> pairs(Gen<Double> xs) {
        Gen<Double> targets = Generate.oneOf(Generate.pick(List.of(0.0, 1.0)), doubles().between(0, 1));
        return lists().of(xs.zip(targets, (x, t) -> new double[] {x, t})).ofSizeBetween(1, 30)
                .map(l -> new double[][] {l.stream().mapToDouble(v -> v[0]).toArray(), l.stream().mapToDouble(v -> v[1]).toArray()});
    }

    private static Map<String, Tensor> logits(double[][] xt) {
        return Map.of("logits", Tensor.vector(xt[0]), "targets", Tensor.vector(xt[1]));
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** For finite logits up to +-1e300 the true loss is finite (at most |x| + ln 2 per element): no NaN, no overflow. */
    @Test
    void withLogitsNoNanOrOverflowForExtremeFiniteLogits() {
        qt().withFixedSeed(SEED).withExamples(500).forAll(pairs(LossGens.extreme()), Generate.booleans()).checkAssert((xt, summed) -> {
            Params p = params("binary_cross_entropy_with_logits", Map.of("reduction", summed ? "sum" : "mean"));
            double l = loss(withLogits, logits(xt), p);
            assertTrue(Double.isFinite(l) && l >= 0, "loss " + l + ", seed " + SEED);
            double bound = summed ? 1 : 1.0 / xt[0].length;
            for (double g : withLogits.backward(logits(xt), Map.of(), p).get("dlogits").toArray()) {
                assertTrue(Double.isFinite(g) && Math.abs(g) <= bound * (1 + 1e-15), "dlogits " + g + ", seed " + SEED);
            }
        });
    }

    /** For |x| <= 8 (1 - sigmoid(x) keeps 12 digits) the naive -(t log s + (1 - t) log(1 - s)) is safe: equal values. */
    @Test
    void withLogitsMatchesTheNaiveFormulaWhereItIsSafe() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(pairs(doubles().between(-8, 8))).checkAssert(xt -> {
            double naive = 0;
            for (int k = 0; k < xt[0].length; k++) {
                double s = sigmoid(xt[0][k]);
                double t = xt[1][k];
                naive += -(t * Math.log(s) + (1 - t) * Math.log(1 - s));
            }
            assertEquals(naive, loss(withLogits, logits(xt), logitsSum), 1e-11 * Math.max(1, naive), "seed " + SEED);
        });
    }

    /** binary_cross_entropy(sigmoid(x), t) = binary_cross_entropy_with_logits(x, t), and the gradients chain: dx = dp * s (1 - s). */
    @Test
    void probabilitiesAndLogitsAgree() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(pairs(doubles().between(-8, 8))).checkAssert(xt -> {
            double[] probs = new double[xt[0].length];
            for (int k = 0; k < probs.length; k++) {
                probs[k] = sigmoid(xt[0][k]);
            }
            Map<String, Tensor> in = Map.of("probs", Tensor.vector(probs), "targets", Tensor.vector(xt[1]));
            double a = loss(bce, in, sum);
            double b = loss(withLogits, logits(xt), logitsSum);
            assertEquals(b, a, 1e-11 * Math.max(1, b), "loss, seed " + SEED);
            Tensor dp = bce.backward(in, Map.of(), sum).get("dprobs");
            Tensor dx = withLogits.backward(logits(xt), Map.of(), logitsSum).get("dlogits");
            for (int k = 0; k < probs.length; k++) {
                assertEquals(dx.get(k), dp.get(k) * probs[k] * (1 - probs[k]), 1e-11, "gradient " + k + ", seed " + SEED);
            }
        });
    }

    /** Probabilities in (0, 1): finite, non-negative loss (for targets in [0, 1]) and finite gradient. */
    @Test
    void probabilitiesInsideTheDomainGiveFiniteValues() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(pairs(Generate.oneOf(doubles().between(1e-300, 1 - 1e-16), Generate.pick(List.of(1e-300, 0.5, 1 - 1e-16)))))
                .checkAssert(xt -> {
                    Map<String, Tensor> in = Map.of("probs", Tensor.vector(xt[0]), "targets", Tensor.vector(xt[1]));
                    double l = loss(bce, in, sum);
                    assertTrue(Double.isFinite(l) && l >= 0, "loss " + l + ", seed " + SEED);
                    for (double g : bce.backward(in, Map.of(), sum).get("dprobs").toArray()) {
                        assertTrue(Double.isFinite(g), "dprobs " + g + ", seed " + SEED);
                    }
                });
    }
}
