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
 *       on it names what was broken;</li>
 *   <li>{@value #RANGE}: parameter sets beyond the entry's sample parameters, one parameter
 *       varied at a time from the first sample set ({@link #rangeParams}): a number's inclusive
 *       bounds and interior points of its legal range, every choice and boolean, and for an
 *       unbounded integer {@code axis} every axis of a rank-4 input (-4..3, negative axes
 *       included); one sample (size hint 1) each. A set the parameter validation, the
 *       implementation's capability or the reference refuses is not used.</li>
 * </ul>
 *   <li>{@value #EMPTY}: from the first sample of the first parameter set, the batch axis (axis 0
 *       of every input whose leading dimension is the first input's) cut to 0 and to 1 element,
 *       and every input shaped like the first one flattened to its first 0 and 1 elements (the
 *       whole tensor of an element-wise component) ({@link #sizeVariants}). PyTorch defines its
 *       operations on empty tensors (an empty result; a mean over nothing is NaN), and so does
 *       the reference where it accepts them: a variant the reference refuses is not legal and is
 *       not used.</li>
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

    static final String RANGE = "parameter range";

    static final String EMPTY = "empty and one-element tensors";

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

    /**
     * The raw parameter sets of the {@value #RANGE} edge: the first sample set with one parameter
     * replaced by a value of its legal range the sample sets do not already give it.
     */
    static java.util.List<Map<String, Object>> rangeParams(Entry e) {
        java.util.List<Map<String, Object>> out = new java.util.ArrayList<>();
        if (e.sampleParams().isEmpty()) {
            return out;
        }
        Map<String, ?> base = e.sampleParams().get(0);
        for (org.nncheck.core.ParamSpec p : e.params()) {
            for (Object v : values(p)) {
                boolean sampled = e.sampleParams().stream().anyMatch(m -> v.equals(m.get(p.name()))
                        || !m.containsKey(p.name()) && v.equals(p.defaultValue()));
                if (sampled) {
                    continue;
                }
                Map<String, Object> m = new LinkedHashMap<>(base);
                m.put(p.name(), v);
                if (!out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** Legal values of one parameter: bounds, interior points, choices (see {@link #rangeParams}). */
    static java.util.List<Object> values(org.nncheck.core.ParamSpec p) {
        java.util.List<Object> v = new java.util.ArrayList<>();
        double lo = p.min();
        double hi = p.max();
        switch (p.type()) {
            case DOUBLE -> {
                boolean loFinite = Double.isFinite(lo);
                boolean hiFinite = Double.isFinite(hi);
                if (loFinite && !p.minExclusive()) {
                    v.add(lo);
                }
                if (hiFinite && !p.maxExclusive()) {
                    v.add(hi);
                }
                double[] inner = loFinite && hiFinite ? new double[] {lo + (hi - lo) * 0.1, lo + (hi - lo) * 0.5, lo + (hi - lo) * 0.9}
                        : loFinite ? new double[] {lo + 0.01, lo + 0.5, lo + 4}
                        : hiFinite ? new double[] {hi - 0.01, hi - 0.5, hi - 4} : new double[] {-2.0, 0.5, 3.0};
                for (double d : inner) {
                    v.add(d);
                }
            }
            case INT -> {
                if (p.name().equals("axis") && lo < -1e6 && hi > 1e6) {
                    for (long a = -4; a <= 3; a++) {
                        v.add(a);
                    }
                } else if (Double.isFinite(lo) && lo > -1e6) {
                    long l = (long) lo + (p.minExclusive() ? 1 : 0);
                    v.add(l);
                    v.add(l + 1);
                    if (hi < 1e6) {
                        long h = (long) hi - (p.maxExclusive() ? 1 : 0);
                        v.add(h);
                        v.add((l + h) / 2);
                    } else {
                        v.add(l + 3);
                    }
                }
            }
            case CHOICE -> v.addAll(p.choices());
            case BOOL -> {
                v.add(true);
                v.add(false);
            }
            default -> {
                // integer lists (milestones): their shapes are the sample sets'
            }
        }
        return v.stream().distinct().toList();
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

    /**
     * The {@value #EMPTY} variants of one sample: the batch axis cut to 0 and 1 element, then the
     * tensors shaped like the first input flattened to 0 and 1 element; duplicates and variants
     * equal to the sample itself dropped. The caller keeps those the reference accepts.
     */
    static java.util.List<Map<String, Tensor>> sizeVariants(Map<String, Tensor> inputs) {
        java.util.List<Map<String, Tensor>> out = new java.util.ArrayList<>();
        Tensor first = inputs.values().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (first == null || first.rank() == 0) {
            return out;
        }
        int[] shape = first.shape();
        for (int k = 0; k <= 1; k++) {
            Map<String, Tensor> batch = new LinkedHashMap<>(inputs);
            Map<String, Tensor> flat = new LinkedHashMap<>(inputs);
            for (Map.Entry<String, Tensor> in : inputs.entrySet()) {
                Tensor t = in.getValue();
                if (t != null && t.rank() > 0 && t.dim(0) == shape[0] && shape[0] > k) {
                    int[] s = t.shape();
                    s[0] = k;
                    batch.put(in.getKey(), prefix(t, s));
                }
                if (t != null && java.util.Arrays.equals(t.shape(), shape) && t.size() > k) {
                    flat.put(in.getKey(), prefix(t, new int[] {k}));
                }
            }
            for (Map<String, Tensor> v : java.util.List.of(batch, flat)) {
                if (!v.equals(inputs) && !out.contains(v)) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /** The first elements of {@code t} (row-major) in {@code shape}, integral if {@code t} is. */
    private static Tensor prefix(Tensor t, int[] shape) {
        double[] a = java.util.Arrays.copyOf(t.toArray(), Tensor.sizeOf(shape));
        return t.isIntegral() ? Tensor.integralOf(shape, a) : Tensor.wrap(shape, a);
    }
}
