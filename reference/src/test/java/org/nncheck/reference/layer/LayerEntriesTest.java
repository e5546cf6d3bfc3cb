package org.nncheck.reference.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** The layer entries as a whole: complete, samples valid, inputs unchanged, alternatives not no-ops. */
class LayerEntriesTest {

    @Test
    void everySpecLayerIsBuilt() {
        List<String> built = LayerEntries.entries().stream().map(Entry::id).toList();
        assertEquals(Catalogue.SPEC_IDS.get(Family.LAYER), built);
        for (Entry e : LayerEntries.entries()) {
            assertEquals(e.id(), e.newReference().id());
            assertFalse(e.summary().isEmpty(), e.id());
        }
    }

    /**
     * For every entry, parameter set and size hint: the samples give every required input, the
     * forward returns the declared outputs (in training) with finite values, and forward plus
     * backward leave the inputs exactly as they were.
     */
    @Test
    void samplesAreValidAndInputsStayUnchanged() {
        for (Entry e : LayerEntries.entries()) {
            for (Map<String, Object> raw : e.sampleParams()) {
                Params p = e.params(raw);
                for (int size = 0; size <= 3; size++) {
                    SplittableRandom rnd = new SplittableRandom(31L * size + raw.hashCode());
                    Map<String, Tensor> in = e.samples().sample(rnd, p, size);
                    e.inputs().stream().filter(t -> !t.optional())
                            .forEach(t -> assertTrue(in.containsKey(t.name()), e.id() + " sample lacks " + t.name()));
                    Map<String, double[]> before = new HashMap<>();
                    in.forEach((k, v) -> before.put(k, v.toArray()));
                    Component c = e.newReference();
                    Map<String, Tensor> out = c.forward(in, p);
                    assertTrue(out.containsKey("y"), e.id());
                    Map<String, Tensor> up = new LinkedHashMap<>();
                    out.forEach((k, v) -> {
                        assertTrue(e.outputs().contains(k), e.id() + " undeclared output " + k);
                        for (int i = 0; i < v.size(); i++) {
                            assertTrue(Double.isFinite(v.get(i)), e.id() + " " + raw + " non-finite " + k);
                        }
                        up.put("d" + k, Samples.normal(rnd, 0, 1, v.shape()));
                    });
                    Map<String, Tensor> g = c.backward(in, up, p);
                    e.differentiableInputs().forEach(t -> assertTrue(g.containsKey(t.gradientName()), e.id() + " " + t.gradientName()));
                    in.forEach((k, v) -> assertArrayEquals(before.get(k), v.toArray(), 0, e.id() + " modified " + k));
                }
            }
        }
    }

    /**
     * Each alternative differs from the reference on at least one of the entry's parameter sets
     * and a few seeded samples (otherwise {@code verify} could never name it).
     */
    @Test
    void everyAlternativeChangesSomething() {
        for (Entry e : LayerEntries.entries()) {
            for (Alternative a : e.alternatives()) {
                boolean differs = false;
                for (int trial = 0; trial < 8 && !differs; trial++) {
                    for (Map<String, Object> raw : e.sampleParams()) {
                        differs |= differs(e, a, raw, new SplittableRandom(5 + trial), 1 + trial % 3);
                    }
                }
                assertTrue(differs, e.id() + ": alternative '" + a.name() + "' never differs from the reference");
            }
        }
    }

    /** Whether the alternative's outputs or gradients differ from the reference's on one sample. */
    private static boolean differs(Entry e, Alternative a, Map<String, Object> raw, SplittableRandom rnd, int size) {
        Params p = e.params(raw);
        Map<String, Tensor> in = e.samples().sample(rnd, p, size);
        Component ref = e.newReference();
        Component alt = a.component() == null ? e.newReference() : a.component();
        Params ap = a.params().apply(p);
        Map<String, Tensor> r = new LinkedHashMap<>(ref.forward(in, p));
        Map<String, Tensor> s = new LinkedHashMap<>(alt.forward(in, ap));
        if (!r.equals(s)) {
            return true; // the forward already differs (perhaps in shape: ceil_mode swapped), no backward needed
        }
        Map<String, Tensor> up = new LinkedHashMap<>();
        r.forEach((k, v) -> up.put("d" + k, Tensor.filled(0, v.shape())));
        up.put("dy", Samples.normal(rnd, 0, 1, r.get("y").shape()));
        r.putAll(ref.backward(in, up, p));
        s.putAll(alt.backward(in, up, ap));
        return !r.equals(s);
    }
}
