package org.nncheck.properties.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.properties.loss.LossGens.extreme;
import static org.nncheck.properties.loss.LossGens.labelled;
import static org.nncheck.properties.loss.LossGens.loss;
import static org.nncheck.properties.loss.LossGens.moderate;
import static org.nncheck.properties.loss.LossGens.params;
import static org.nncheck.properties.loss.LossGens.reference;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.quicktheories.generators.Generate;

/**
 * Properties of {@code softmax_cross_entropy} (QuickTheories, fixed seed; QuickTheories prints
 * "Seed was ..." with the smallest falsifying example on failure).
 */
class SoftmaxCrossEntropyProperties {
    private static final long SEED = 20261123L;
    private final Component ce = reference("softmax_cross_entropy");
    private final Params mean = params("softmax_cross_entropy", Map.of());
    private final Params sum = params("softmax_cross_entropy", Map.of("reduction", "sum"));

    /** CS231n / DESIGN.md sanity check "initial loss = ln C": equal logits give exactly -log(1/C). */
    @Test
    void uniformLogitsGiveLnC() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(integers().between(1, 20), integers().between(1, 5000), extreme(), integers().between(0, 1 << 20))
                .checkAssert((n, c, v, lab) -> {
                    long[] labels = new long[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = (lab + 7L * i) % c;
                    }
                    Map<String, Tensor> in = Map.of("logits", Tensor.filled(v, n, c), "labels", Tensor.ofIntegers(new int[] {n}, labels));
                    double lnC = Math.log(c);
                    assertEquals(lnC, loss(ce, in, mean), 2 * Math.ulp(lnC), "mean, seed " + SEED);
                    // the batch sum is compensated: within 2 ulp of the exact n ln C
                    assertEquals(n * lnC, loss(ce, in, sum), 2 * Math.ulp(n * lnC), "sum, seed " + SEED);
                });
    }

    @Test
    void oneHotTargetsEqualLabels() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(labelled(12, 15, moderate(30)), Generate.pick(java.util.List.of(0.0, 0.1, 0.5, 1.0)), Generate.booleans())
                .checkAssert((x, ls, summed) -> {
                    Params p = params("softmax_cross_entropy", Map.of("label_smoothing", ls, "reduction", summed ? "sum" : "mean"));
                    Map<String, Tensor> withLabels = Map.of("logits", x.logits(), "labels", x.labels());
                    Map<String, Tensor> withTargets = Map.of("logits", x.logits(), "targets", x.oneHot());
                    double a = loss(ce, withLabels, p);
                    assertEquals(a, loss(ce, withTargets, p), 1e-14 * Math.max(1, a), "loss, seed " + SEED);
                    Tensor ga = ce.backward(withLabels, Map.of(), p).get("dlogits");
                    Tensor gb = ce.backward(withTargets, Map.of(), p).get("dlogits");
                    for (int i = 0; i < ga.size(); i++) {
                        assertEquals(ga.get(i), gb.get(i), 1e-15, "dlogits[" + i + "], seed " + SEED);
                    }
                });
    }

    /** For labels or normalised targets, sum_c dlogits_ic = sum_c p_ic - sum_c t_ic = 0 (up to rounding). */
    @Test
    void gradientRowsSumToZero() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(labelled(12, 40, extreme()), LossGens.targeted(12, 40, extreme()), Generate.booleans(), doubles().between(0, 1))
                .checkAssert((x, y, useTargets, ls) -> {
                    Map<String, Tensor> in = useTargets ? Map.of("logits", y.logits(), "targets", y.targets())
                            : Map.of("logits", x.logits(), "labels", x.labels());
                    Params p = params("softmax_cross_entropy", Map.of("label_smoothing", ls, "reduction", "sum"));
                    Tensor g = ce.backward(in, Map.of(), p).get("dlogits");
                    int n = g.dim(0);
                    int c = g.dim(1);
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        for (int j = 0; j < c; j++) {
                            s += g.at(i, j);
                        }
                        assertTrue(Math.abs(s) <= 8 * c * Math.ulp(1.0), "row " + i + " sums to " + s + ", seed " + SEED);
                    }
                });
    }

    /** Finite logits up to +-1e300 (range 2e300, so every true loss is finite): no NaN, no overflow, bounded gradient. */
    @Test
    void noNanOrOverflowForExtremeFiniteLogits() {
        qt().withFixedSeed(SEED).withExamples(500).forAll(labelled(10, 12, extreme()), Generate.booleans())
                .checkAssert((x, summed) -> {
                    Params p = summed ? sum : mean;
                    Map<String, Tensor> in = Map.of("logits", x.logits(), "labels", x.labels());
                    double l = loss(ce, in, p);
                    assertTrue(Double.isFinite(l) && l >= 0, "loss " + l + ", seed " + SEED);
                    // the loss of each row is at most max - z_y <= 2e300, plus ln C
                    assertTrue(l <= (summed ? x.n() : 1) * (2e300 + Math.log(x.c()) + 1), "loss " + l);
                    Tensor g = ce.backward(in, Map.of(), p).get("dlogits");
                    double bound = summed ? 1 : 1.0 / x.n();
                    for (double v : g.toArray()) {
                        assertTrue(Double.isFinite(v) && Math.abs(v) <= bound * (1 + 1e-15), "dlogits " + v + ", seed " + SEED);
                    }
                });
    }

    /** Where exp cannot overflow (|z| <= 30), the loss equals the textbook -log(e^{z_y} / sum e^{z_c}). */
    @Test
    void matchesTheNaiveFormulaWhereItIsSafe() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(labelled(10, 20, moderate(30))).checkAssert(x -> {
            double naive = 0;
            for (int i = 0; i < x.n(); i++) {
                double s = 0;
                for (int j = 0; j < x.c(); j++) {
                    s += Math.exp(x.logits().at(i, j));
                }
                naive += -Math.log(Math.exp(x.logits().at(i, (int) x.labels().get(i))) / s);
            }
            double got = loss(ce, Map.of("logits", x.logits(), "labels", x.labels()), sum);
            assertEquals(naive, got, 1e-13 * Math.max(1, naive), "seed " + SEED);
        });
    }

}
