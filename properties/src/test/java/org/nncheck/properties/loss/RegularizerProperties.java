package org.nncheck.properties.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.properties.loss.LossGens.loss;
import static org.nncheck.properties.loss.LossGens.matrix;
import static org.nncheck.properties.loss.LossGens.moderate;
import static org.nncheck.properties.loss.LossGens.params;
import static org.nncheck.properties.loss.LossGens.reference;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Properties of the regularizers (QuickTheories, fixed seed printed on failure). */
class RegularizerProperties {
    private static final long SEED = 20261127L;
    private final Component l2 = reference("l2");
    private final Component l1 = reference("l1");
    private final Component elastic = reference("elastic_net");
    private final Component maxNorm = reference("max_norm");

    /** SPEC: SGD weight decay theta (w -= lr * theta * w) is the gradient of l2 with lambda = theta / 2: dw = theta * w exactly. */
    @Test
    void l2WithHalfThetaIsWeightDecay() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(matrix(8, 8, moderate(1e3)), doubles().between(1e-6, 10)).checkAssert((w, theta) -> {
            Tensor dw = l2.backward(Map.of("w", w), Map.of(), params("l2", Map.of("lambda", theta / 2))).get("dw");
            for (int i = 0; i < w.size(); i++) {
                assertEquals(theta * w.get(i), dw.get(i), 0, "element " + i + ", seed " + SEED);
            }
        });
    }

    /** elastic_net(lambda, beta) = l2(lambda * beta) + l1(lambda); all three non-negative; l1's gradient is lambda * sign(w). */
    @Test
    void elasticNetIsL2PlusL1() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(matrix(8, 8, moderate(10)), doubles().between(0, 5), doubles().between(0, 5)).checkAssert((w, lambda, beta) -> {
                    Map<String, Tensor> in = Map.of("w", w);
                    double a = loss(elastic, in, params("elastic_net", Map.of("lambda", lambda, "beta", beta)));
                    double b = loss(l2, in, params("l2", Map.of("lambda", lambda * beta)));
                    double c = loss(l1, in, params("l1", Map.of("lambda", lambda)));
                    assertTrue(a >= 0 && b >= 0 && c >= 0, "seed " + SEED);
                    assertEquals(b + c, a, 1e-13 * Math.max(1, a), "seed " + SEED);
                    Tensor g = l1.backward(in, Map.of(), params("l1", Map.of("lambda", lambda))).get("dw");
                    for (int i = 0; i < w.size(); i++) {
                        assertEquals(lambda * Math.signum(w.get(i)), g.get(i), 0, "seed " + SEED);
                    }
                });
    }

    /**
     * max_norm is a projection onto {columns of norm <= c}: the result is inside, columns already
     * inside are unchanged, others keep their direction, and projecting twice changes nothing
     * more (up to rounding).
     */
    @Test
    void maxNormIsAProjection() {
        qt().withFixedSeed(SEED).withExamples(300)
                .forAll(matrix(8, 8, LossGens.extreme()), doubles().between(1e-3, 1e3), org.quicktheories.generators.SourceDSL.integers().between(-2, 1))
                .checkAssert((w, c, axis) -> {
                    Params p = params("max_norm", Map.of("c", c, "axis", axis));
                    Tensor y = maxNorm.forward(Map.of("w", w), p).get("w");
                    int ax = axis < 0 ? axis + 2 : axis;
                    int lines = w.dim(1 - ax);
                    int len = w.dim(ax);
                    for (int k = 0; k < lines; k++) {
                        double before = 0;
                        double after = 0;
                        double scaleW = 0;
                        for (int i = 0; i < len; i++) {
                            double wi = ax == 0 ? w.at(i, k) : w.at(k, i);
                            scaleW = Math.max(scaleW, Math.abs(wi));
                        }
                        for (int i = 0; i < len; i++) {
                            double wi = (ax == 0 ? w.at(i, k) : w.at(k, i)) / scaleW;
                            double yi = ax == 0 ? y.at(i, k) : y.at(k, i);
                            before += wi * wi;
                            after += yi * yi;
                        }
                        double normBefore = scaleW == 0 ? 0 : scaleW * Math.sqrt(before);
                        double normAfter = Math.sqrt(after);
                        if (normBefore <= c) {
                            for (int i = 0; i < len; i++) {
                                int[] at = ax == 0 ? new int[] {i, k} : new int[] {k, i};
                                assertEquals(w.at(at), y.at(at), 0, "a column inside the ball is unchanged, seed " + SEED);
                            }
                        } else {
                            assertEquals(c, normAfter, 1e-14 * c, "a column outside lands on the sphere, seed " + SEED);
                            double f = c / normBefore;
                            for (int i = 0; i < len; i++) {
                                int[] at = ax == 0 ? new int[] {i, k} : new int[] {k, i};
                                assertEquals(w.at(at) * f, y.at(at), 1e-14 * c, "direction kept, seed " + SEED);
                            }
                        }
                    }
                    Tensor twice = maxNorm.forward(Map.of("w", y), p).get("w");
                    for (int i = 0; i < y.size(); i++) {
                        assertEquals(y.get(i), twice.get(i), 1e-14 * c, "idempotent, seed " + SEED);
                    }
                });
    }
}
