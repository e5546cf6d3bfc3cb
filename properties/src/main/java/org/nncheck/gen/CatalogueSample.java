package org.nncheck.gen;

import java.util.Map;
import java.util.TreeMap;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * One generated input of a catalogue entry: which parameter set, size hint and seed made it,
 * so that a failure is reproduced with {@code entry.samples().sample(new SplittableRandom(seed),
 * params, size)}.
 *
 * @param entry the catalogue entry
 * @param paramSet index into {@link Entry#sampleParams()}
 * @param params the validated parameters
 * @param size the size hint 0..3
 * @param seed the seed of the sample generator
 * @param inputs the generated inputs
 */
public record CatalogueSample(Entry entry, int paramSet, Params params, int size, long seed, Map<String, Tensor> inputs) {

    public CatalogueSample {
        inputs = Map.copyOf(inputs);
    }

    /** The family-qualified key of the entry, e.g. {@code activation/relu}. */
    public String key() {
        return Catalogue.key(entry.family(), entry.id());
    }

    @Override
    public String toString() {
        Map<String, String> shapes = new TreeMap<>();
        inputs.forEach((k, v) -> shapes.put(k, v.shapeString()));
        return key() + " params#" + paramSet + " " + params + " size " + size + " seed " + seed + " shapes " + shapes;
    }
}
