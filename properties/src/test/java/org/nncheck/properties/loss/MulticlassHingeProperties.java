package org.nncheck.properties.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.properties.loss.LossGens.labelled;
import static org.nncheck.properties.loss.LossGens.loss;
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
import org.quicktheories.generators.Generate;

/** Properties of {@code multiclass_hinge} (QuickTheories, fixed seed printed on failure). */
class MulticlassHingeProperties {
    private static final long SEED = 20261125L;
    private final Component hinge = reference("multiclass_hinge");

    @Test
    void nonNegative() {
        qt().withFixedSeed(SEED).withExamples(400)
                .forAll(labelled(10, 12, LossGens.extreme()), doubles().between(-2, 5), Generate.booleans())
                .checkAssert((x, margin, summed) -> {
                    Params p = params("multiclass_hinge", Map.of("margin", margin, "reduction", summed ? "sum" : "mean"));
                    double l = loss(hinge, Map.of("scores", x.logits(), "labels", x.labels()), p);
                    assertTrue(l >= 0, "loss " + l + ", seed " + SEED);
                });
    }

    /** When the correct score beats every other by more than the margin, the loss and its gradient are 0. */
    @Test
    void zeroWhenTheCorrectClassWinsByTheMargin() {
        qt().withFixedSeed(SEED).withExamples(400)
                .forAll(labelled(10, 12, moderate(100)), doubles().between(0, 5), doubles().between(1e-6, 3))
                .checkAssert((x, margin, slack) -> {
                    int n = x.n();
                    int c = x.c();
                    double[] s = x.logits().toArray();
                    for (int i = 0; i < n; i++) {
                        int y = (int) x.labels().get(i);
                        double best = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < c; j++) {
                            if (j != y) {
                                best = Math.max(best, s[i * c + j]);
                            }
                        }
                        s[i * c + y] = c == 1 ? s[i * c + y] : best + margin + slack;
                    }
                    Map<String, Tensor> in = Map.of("scores", Tensor.wrap(new int[] {n, c}, s), "labels", x.labels());
                    Params p = params("multiclass_hinge", Map.of("margin", margin));
                    assertEquals(0.0, loss(hinge, in, p), 0, "seed " + SEED);
                    for (double g : hinge.backward(in, Map.of(), p).get("dscores").toArray()) {
                        assertEquals(0.0, g, 0, "seed " + SEED);
                    }
                });
    }

    /** Each row's gradient sums to 0 (every active term adds +1 and -1). */
    @Test
    void gradientRowsSumToZero() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(labelled(10, 12, moderate(3)), doubles().between(0, 3))
                .checkAssert((x, margin) -> {
                    Params p = params("multiclass_hinge", Map.of("margin", margin, "reduction", "sum"));
                    Tensor g = hinge.backward(Map.of("scores", x.logits(), "labels", x.labels()), Map.of(), p).get("dscores");
                    for (int i = 0; i < x.n(); i++) {
                        double s = 0;
                        for (int j = 0; j < x.c(); j++) {
                            s += g.at(i, j);
                        }
                        assertEquals(0.0, s, 0, "row " + i + ", seed " + SEED);
                    }
                });
    }
}
