package org.nncheck.properties.activation;

import java.util.Map;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Calls the reference activations through the catalogue (as every check does). */
final class Act {
    private Act() {
    }

    /** The fixed QuickTheories seed of the activation properties (printed on every failure). */
    static final long SEED = 0x5EED_AC71L;

    static Entry entry(String id) {
        return Catalogue.get(id).orElseThrow();
    }

    static Params params(String id, Map<String, Object> raw) {
        return entry(id).params(raw);
    }

    static Map<String, Tensor> forward(String id, Map<String, Object> raw, Map<String, Tensor> inputs) {
        return entry(id).newReference().forward(inputs, params(id, raw));
    }

    static Tensor y(String id, Map<String, Object> raw, Tensor x) {
        return forward(id, raw, Map.of("x", x)).get("y");
    }

    static double y(String id, Map<String, Object> raw, double x) {
        return y(id, raw, Tensor.vector(x)).get(0);
    }

    static Map<String, Tensor> backward(String id, Map<String, Object> raw, Map<String, Tensor> inputs, Tensor dy) {
        return entry(id).newReference().backward(inputs, Map.of("dy", dy), params(id, raw));
    }

    static double dx(String id, Map<String, Object> raw, double x) {
        return backward(id, raw, Map.of("x", Tensor.vector(x)), Tensor.vector(1.0)).get("dx").get(0);
    }

    /** Runs a QuickTheories check; on failure rethrows with the seed, so it can be replayed. */
    static void withSeed(String property, Runnable check) {
        try {
            check.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(property + " failed with QuickTheories seed " + SEED
                    + " (replay: qt().withFixedSeed(" + SEED + "L)): " + e.getMessage(), e);
        }
    }
}
