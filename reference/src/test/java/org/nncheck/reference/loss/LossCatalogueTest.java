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
    private static final List<String> IDS = List.of("softmax_cross_entropy", "nll", "multiclass_hinge", "mse",
            "binary_cross_entropy_with_logits", "binary_cross_entropy", "kl_divergence", "l2", "l1", "elastic_net", "max_norm");
    private static final int SEEDS = 6;

    private static List<Entry> entries() {
        return IDS.stream().map(id -> Catalogue.get(id).orElseThrow(() -> new AssertionError(id + " not registered"))).toList();
    }

    @Test
    void everySpecIdOfBothFamiliesIsBuilt() {
        assertEquals(Catalogue.SPEC_IDS.get(Family.LOSS), Catalogue.entries(Family.LOSS).stream().map(Entry::id).toList());
        assertEquals(Catalogue.SPEC_IDS.get(Family.REGULARIZER), Catalogue.entries(Family.REGULARIZER).stream().map(Entry::id).toList());
    }

    @Test
    void samplesAreValidAndGiveFiniteOutputsForEveryParameterSet() {
        for (Entry e : entries()) {
            for (Map<String, Object> raw : e.sampleParams()) {
                Params p = e.params(raw);
                for (int size = 0; size <= 3; size++) {
                    for (int seed = 0; seed < SEEDS; seed++) {
                        Map<String, Tensor> in = e.samples().sample(new SplittableRandom(seed), p, size);
                        for (TensorSpec t : e.inputs()) {
                            assertTrue(t.optional() || in.containsKey(t.name()), e.id() + " sample lacks " + t.name());
                        }
                        Map<String, Tensor> out = e.newReference().forward(in, p);
                        for (String o : e.outputs()) {
                            for (double v : out.get(o).toArray()) {
                                assertTrue(Double.isFinite(v), e.id() + " " + raw + " gave " + v);
                            }
                        }
                        if (e.outputs().contains("loss")) {
                            assertEquals(0, out.get("loss").rank(), "the loss is a scalar of shape []");
                        }
                    }
                }
            }
        }
    }

    @Test
    void kinkyEntriesSampleAwayFromTheirKinks() {
        for (String id : List.of("multiclass_hinge", "l1", "elastic_net")) {
            Entry e = Catalogue.get(id).orElseThrow();
            Component c = e.newReference();
            for (Map<String, Object> raw : e.sampleParams()) {
                Params p = e.params(raw);
                for (int seed = 0; seed < SEEDS; seed++) {
                    Map<String, Tensor> in = e.samples().sample(new SplittableRandom(seed), p, 2);
                    String name = e.differentiableInputs().get(0).name();
                    for (int i = 0; i < in.get(name).size(); i++) {
                        double d = c.kinks().distance(in, p, name, i);
                        assertTrue(d >= 0.049, id + " sample " + i + " is " + d + " from a kink");
                    }
                }
            }
        }
    }

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

    @Test
    void everyAlternativeDiffersFromTheReferenceSomewhere() {
        for (Entry e : entries()) {
            for (Alternative a : e.alternatives()) {
                boolean differs = false;
                for (Map<String, Object> raw : e.sampleParams()) {
                    Params p = e.params(raw);
                    Params ap = a.params().apply(p);
                    Component alt = a.component() == null ? e.newReference() : a.component();
                    for (int seed = 0; seed < SEEDS && !differs; seed++) {
                        Map<String, Tensor> in = e.samples().sample(new SplittableRandom(seed), p, 2);
                        Map<String, Tensor> ref = new HashMap<>(e.newReference().forward(in, p));
                        Map<String, Tensor> got = new HashMap<>(alt.forward(in, ap));
                        if (e.differentiable()) {
                            ref.putAll(e.newReference().backward(in, Map.of(), p));
                            got.putAll(alt.backward(in, Map.of(), ap));
                        }
                        differs = !ref.equals(got);
                    }
                }
                assertTrue(differs, e.id() + ": alternative '" + a.name() + "' never differs from the reference on the samples");
            }
        }
    }
}
