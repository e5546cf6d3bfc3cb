package org.nncheck.properties.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.properties.loss.LossGens.labelled;
import static org.nncheck.properties.loss.LossGens.loss;
import static org.nncheck.properties.loss.LossGens.matrix;
import static org.nncheck.properties.loss.LossGens.moderate;
import static org.nncheck.properties.loss.LossGens.params;
import static org.nncheck.properties.loss.LossGens.reference;
import static org.quicktheories.QuickTheory.qt;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Properties of {@code mse} and {@code nll} (QuickTheories, fixed seed printed on failure). */
class MseAndNllProperties {
    private static final long SEED = 20261129L;
    private final Component mse = reference("mse");
    private final Component nll = reference("nll");
    private final Component ce = reference("softmax_cross_entropy");

    /** mean = sum / number of elements; dtarget = -dpred exactly; both symmetric in pred and target. */
    @Test
    void mseReductionsAndGradients() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(matrix(8, 8, moderate(1e6)), matrix(8, 8, moderate(1e6))).checkAssert((a, b) -> {
            Tensor target = a.sameShape(b) ? b : a.map(v -> v / 3 + 1);
            Map<String, Tensor> in = Map.of("pred", a, "target", target);
            Map<String, Tensor> swapped = Map.of("pred", target, "target", a);
            Params mean = params("mse", Map.of());
            Params sum = params("mse", Map.of("reduction", "sum"));
            double s = loss(mse, in, sum);
            assertTrue(s >= 0, "seed " + SEED);
            assertEquals(s / a.size(), loss(mse, in, mean), 1e-15 * s / a.size(), "seed " + SEED);
            assertEquals(s, loss(mse, swapped, sum), 0, "symmetric, seed " + SEED);
            Map<String, Tensor> g = mse.backward(in, Map.of(), mean);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(-g.get("dpred").get(i), g.get("dtarget").get(i), 0, "seed " + SEED);
            }
        });
    }

    /** nll of the log-softmax is the softmax cross-entropy of the logits (loss and the chained gradient's label entries). */
    @Test
    void nllOfLogSoftmaxIsCrossEntropy() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(labelled(10, 12, moderate(50))).checkAssert(x -> {
            Params p = params("nll", Map.of());
            double a = loss(nll, Map.of("log_probs", org.nncheck.reference.loss.LossEntries.logSoftmax(x.logits()), "labels", x.labels()), p);
            double b = loss(ce, Map.of("logits", x.logits(), "labels", x.labels()), params("softmax_cross_entropy", Map.of()));
            assertEquals(b, a, 1e-13 * Math.max(1, b), "seed " + SEED);
        });
    }
}
