package org.nncheck.properties.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.properties.loss.LossGens.loss;
import static org.nncheck.properties.loss.LossGens.params;
import static org.nncheck.properties.loss.LossGens.reference;
import static org.quicktheories.QuickTheory.qt;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.quicktheories.core.Gen;

/** Properties of {@code kl_divergence} (QuickTheories, fixed seed printed on failure). */
class KlDivergenceProperties {
    private static final long SEED = 20261124L;
    private final Component kl = reference("kl_divergence");
    private final Params sum = params("kl_divergence", Map.of("reduction", "sum"));

    /** Two distributions of the same (N, C) shape. */
    private record Pair(Tensor p, Tensor q) {
        @Override
        public String toString() {
            return "p " + p + " " + java.util.Arrays.toString(p.toArray()) + ", q " + java.util.Arrays.toString(q.toArray());
        }
    }

    private static Gen<Pair> pairs() {
        return LossGens.distributions(8, 12).flatMap(p -> LossGens.distributionsOfShape(p.dim(0), p.dim(1)).map(q -> new Pair(p, q)));
    }

    /**
     * Gibbs' inequality KL >= 0, sharpened by Pinsker's inequality KL(p||q) >= ||p - q||_1^2 / 2
     * per row, so KL > 0 whenever p != q (by more than rounding).
     */
    @Test
    void nonNegativeAndAtLeastPinskersBound() {
        qt().withFixedSeed(SEED).withExamples(400).forAll(pairs()).checkAssert(x -> {
            double l = loss(kl, Map.of("p", x.p(), "log_q", LossGens.log(x.q())), sum);
            int n = x.p().dim(0);
            int c = x.p().dim(1);
            double bound = 0;
            for (int i = 0; i < n; i++) {
                double l1 = 0;
                for (int j = 0; j < c; j++) {
                    l1 += Math.abs(x.p().at(i, j) - x.q().at(i, j));
                }
                bound += l1 * l1 / 2;
            }
            assertTrue(l >= 0 || Math.abs(l) < 1e-14, "KL = " + l + " < 0, seed " + SEED);
            assertTrue(l >= bound - 1e-13, "KL = " + l + " below Pinsker's bound " + bound + ", seed " + SEED);
            if (bound > 1e-10) {
                assertTrue(l > 0, "p != q but KL = " + l + ", seed " + SEED);
            }
        });
    }

    /** KL(p||p) = 0 exactly, zeros of p included (0 log 0 = 0 against log q = -infinity). */
    @Test
    void zeroWhenQEqualsP() {
        qt().withFixedSeed(SEED).withExamples(300).forAll(LossGens.distributions(8, 12)).checkAssert(p -> {
            Map<String, Tensor> in = Map.of("p", p, "log_q", LossGens.log(p));
            for (String r : new String[] {"batchmean", "sum", "mean"}) {
                assertEquals(0.0, loss(kl, in, params("kl_divergence", Map.of("reduction", r))), 0, r + ", seed " + SEED);
            }
            // and the gradient -p / N is finite everywhere
            for (double v : kl.backward(in, Map.of(), params("kl_divergence", Map.of())).get("dlog_q").toArray()) {
                assertTrue(Double.isFinite(v) && v <= 0, "dlog_q " + v + ", seed " + SEED);
            }
        });
    }
}
