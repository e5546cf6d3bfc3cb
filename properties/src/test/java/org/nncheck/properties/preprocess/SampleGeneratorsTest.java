package org.nncheck.properties.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Every entry of the initializer, preprocessing and augmentation families: its sample
 * generator gives valid inputs for every sample parameter set and size hint, the reference
 * runs on them, outputs are finite and deterministic, and the inputs are not modified.
 */
class SampleGeneratorsTest {
    private static final long SEED = 77L;

    @Test
    void everySampleRunsThroughTheReference() {
        int runs = 0;
        for (Family f : new Family[] {Family.INITIALIZER, Family.PREPROCESSING, Family.AUGMENTATION}) {
            assertEquals(Catalogue.SPEC_IDS.get(f).size(), Catalogue.entries(f).size(), "every SPEC id of " + f + " is built");
            for (Entry e : Catalogue.entries(f)) {
                assertTrue(e.skipReason(Entry.CHECK_GRADIENT).isPresent(), e.id() + " says why it has no gradient check");
                for (Map<String, Object> raw : e.sampleParams()) {
                    Params p = e.params(raw);
                    for (int size = 0; size <= 3; size++) {
                        for (int rep = 0; rep < 5; rep++) {
                            long seed = SEED + 1000L * size + rep;
                            Map<String, Tensor> in = e.samples().sample(new SplittableRandom(seed), p, size);
                            Map<String, Tensor> copy = Map.copyOf(in);
                            Map<String, double[]> before = new java.util.HashMap<>();
                            in.forEach((k, v) -> before.put(k, v.toArray()));
                            Map<String, Tensor> out = e.newReference().forward(in, p);
                            Map<String, Tensor> again = e.newReference().forward(in, p);
                            assertEquals(out, again, e.id() + " deterministic (seed " + seed + ")");
                            assertFalse(out.isEmpty());
                            for (String o : e.outputs()) {
                                Tensor t = out.get(o);
                                assertTrue(t != null, e.id() + " gives output " + o);
                                assertTrue(Arrays.stream(t.toArray()).allMatch(Double::isFinite), e.id() + " " + raw + " finite (seed " + seed + ")");
                            }
                            copy.forEach((k, v) -> assertTrue(Arrays.equals(before.get(k), v.toArray()), e.id() + " input " + k + " unchanged"));
                            runs++;
                        }
                    }
                }
            }
        }
        System.out.println("sample runs: " + runs);
    }
}
