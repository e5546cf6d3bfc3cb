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
 *       computed stably, sigmoid and tanh saturate;</li>
 *   <li>{@value #NONFINITE}: a NaN, a +inf and a -inf put into {@code x} (positions 1, 2 and 3
 *       of every 7) for the activations whose non-finite behaviour the SPEC defines
 *       (docs/SPEC-EXTENSIONS.md item 21, PyTorch's CPU kernels): {@code f(NaN) = NaN}; the
 *       backward branch chosen by PyTorch's comparison ({@code x <= 0} for relu, elu, selu, so
 *       NaN passes {@code dy}; {@code x > 0} for leaky_relu, prelu, so NaN gives
 *       {@code alpha dy}); the limits at +-inf (gelu(-inf) = 0); softmax and log_softmax make a
 *       slice with NaN or +inf entirely NaN. The kind's name states the convention, so a failure
 *       on it names what was broken.</li>
 * </ul>
 * A variant the reference refuses (outside a component's domain) is not used.
 */
final class EdgeInputs {
    static final String TIES = "ties and kinks";
    static final String LARGE = "large logits";
    static final double LARGE_FACTOR = 300;
    static final String NONFINITE = "NaN and infinities (SPEC-EXTENSIONS 21: f(NaN) = NaN, the backward branch picked by"
            + " PyTorch's test - x <= 0 for relu/elu/selu so NaN passes dy, x > 0 for leaky_relu/prelu -, the limits at +-inf,"
            + " a softmax slice with NaN or +inf all NaN)";

    /** Entries whose behaviour at NaN and +-inf the SPEC defines (SPEC-EXTENSIONS 21). */
    static final Set<String> NONFINITE_DEFINED = Set.of("sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "selu", "gelu",
            "softmax", "log_softmax");

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
        if (NONFINITE_DEFINED.contains(e.id())) {
            out.add(NONFINITE);
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
            out.put(t.name(), kind.equals(TIES) ? v.map(x -> Math.rint(2 * x) / 2)
                    : kind.equals(LARGE) ? v.map(x -> x * LARGE_FACTOR) : t.name().equals("x") ? nonFinite(v) : v);
        }
        return out;
    }

    /**
     * {@code v} with specials: in the first half of the elements -inf at the positions 1, 2, 3
     * modulo 7 (so a softmax slice there has lone -inf entries, which the SPEC masks to 0); in the
     * second half NaN, +inf, -inf, finite, repeating from its first element (so even a two-element
     * tensor gets a NaN; a one-element tensor is NaN).
     */
    static Tensor nonFinite(Tensor v) {
        double[] a = v.toArray();
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        int half = a.length / 2;
        for (int i = 0; i < a.length; i++) {
            if (i < half) {
                a[i] = i % 7 >= 1 && i % 7 <= 3 ? Double.NEGATIVE_INFINITY : a[i];
            } else if ((i - half) % 4 < 3) {
                a[i] = special[(i - half) % 4];
            }
        }
        return Tensor.wrap(v.shape(), a);
    }
}
