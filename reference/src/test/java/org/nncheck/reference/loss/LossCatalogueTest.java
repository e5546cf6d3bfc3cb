package org.nncheck.reference.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The loss and regularizer entries as the generic checks will use them: registered under the
 * SPEC ids, samples valid for every parameter set, analytic gradients equal to central
 * differences on the samples, and every alternative distinguishable from the reference.
 */
class LossCatalogueTest {
    private static final int SEEDS = 6;

    @Test
    void hingeSamplesHaveActiveAndInactiveTerms() {
        Entry e = Catalogue.get("multiclass_hinge").orElseThrow();
        Params p = e.params(Map.of());
        int active = 0;
        int inactive = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Map<String, Tensor> in = e.samples().sample(new SplittableRandom(seed), p, 2);
            Tensor s = in.get("scores");
            int c = s.dim(1);
            for (int i = 0; i < s.dim(0); i++) {
                int y = (int) in.get("labels").get(i);
                for (int j = 0; j < c; j++) {
                    if (j != y) {
                        if (s.at(i, j) - s.at(i, y) + 1 > 0) {
                            active++;
                        } else {
                            inactive++;
                        }
                    }
                }
            }
        }
        assertTrue(active > 10 && inactive > 10, active + " active, " + inactive + " inactive terms");
    }

    @Test
    void klSamplesAreDistributionsWithExactZeros() {
        Entry e = Catalogue.get("kl_divergence").orElseThrow();
        int zeros = 0;
        for (int seed = 0; seed < SEEDS; seed++) {
            Tensor p = e.samples().sample(new SplittableRandom(seed), e.params(Map.of()), 3).get("p");
            for (int i = 0; i < p.dim(0); i++) {
                double sum = 0;
                for (int j = 0; j < p.dim(1); j++) {
                    sum += p.at(i, j);
                    zeros += p.at(i, j) == 0 ? 1 : 0;
                }
                assertEquals(1.0, sum, 1e-12);
            }
        }
        assertTrue(zeros > 0, "some p are exactly 0");
    }
}
