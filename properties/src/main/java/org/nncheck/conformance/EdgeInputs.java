package org.nncheck.conformance;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Tensor;

/**
 * Edge variants of generated samples, where bugs hide that random inputs never reach:
 * <ul>
 *   <li>{@value #TIES}: every differentiable floating input rounded to a multiple of 1/2, for
 *       components with kinks: inputs exactly at a kink (relu, leaky_relu, l1 at 0: the SPEC's
 *       convention there), exact ties of a maximum (max_pool2d, maxout: the first maximum), exact
 *       hinge margins;</li>
 *   <li>{@value #LARGE}: the logits multiplied by {@value #LARGE_FACTOR} (magnitudes up to about
 *       1000, beyond {@code exp}'s float64 overflow at 709.8) where the SPEC promises a stable
 *       computation: softmax and log_softmax never overflow, the cross-entropies with logits are
 *       computed stably, sigmoid and tanh saturate.</li>
 * </ul>
 * A variant the reference refuses (outside a component's domain) is not used.
 */
final class EdgeInputs {
    static final String TIES = "ties and kinks";
    static final String LARGE = "large logits";
    static final double LARGE_FACTOR = 300;

    /** Entries whose SPEC promises stability for large-magnitude inputs. */
    static final Set<String> STABLE = Set.of("softmax", "log_softmax", "softmax_cross_entropy", "binary_cross_entropy_with_logits",
            "sigmoid", "tanh");

    private EdgeInputs() {
    }

    /** The edge kinds that apply to an entry. */
    static java.util.List<String> kinds(Entry e) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (e.differentiable() && e.kinks().any()) {
            out.add(TIES);
        }
        if (STABLE.contains(e.id())) {
            out.add(LARGE);
        }
        return out;
    }

    /** The {@code kind} variant of generated inputs. */
    static Map<String, Tensor> variant(Entry e, String kind, Map<String, Tensor> inputs) {
        Map<String, Tensor> out = new LinkedHashMap<>(inputs);
        for (TensorSpec t : e.differentiableInputs()) {
            Tensor v = inputs.get(t.name());
            if (v == null || v.isIntegral()) {
                continue;
            }
            out.put(t.name(), kind.equals(TIES) ? v.map(x -> Math.rint(2 * x) / 2) : v.map(x -> x * LARGE_FACTOR));
        }
        return out;
    }
}
