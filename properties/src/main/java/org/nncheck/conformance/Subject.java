package org.nncheck.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * One catalogue entry of one implementation under test: its component (looked up once, on
 * first use, inside a check so that a lookup that throws or hangs is reported, not fatal), its
 * declared {@link Capability}, the samples it supports, and the computation it is compared
 * with (the reference, or the declared alternative convention).
 */
final class Subject {
    /** Size hints of the generated samples. */
    static final int SIZES = 4;
    /** Samples per parameter set and size hint. */
    static final int REPEATS = 2;

    final Implementation impl;
    final Entry entry;
    final String key;
    final long seed;
    final Dtype precision;

    private Resolved resolved;
    /** Given inputs to check instead of generated samples (with their parameters), or null. */
    private final Map<String, Tensor> givenInputs;
    private final Params givenParams;

    /** The lookup's outcome: a component and its samples, or why there is none. */
    record Resolved(Component component, Capability capability, Alternative alternative, List<Sample> samples,
                    String coverage, String unavailable, boolean failed) {
    }

    Subject(Implementation impl, Entry entry, long seed) {
        this(impl, entry, seed, null, null);
    }

    /** A subject checked on one given input (rounded to the precision) instead of generated samples. */
    Subject(Implementation impl, Entry entry, long seed, Map<String, Tensor> inputs, Params params) {
        this.givenInputs = inputs;
        this.givenParams = params;
        this.impl = impl;
        this.entry = entry;
        this.key = Catalogue.key(entry.family(), entry.id());
        this.seed = seed;
        this.precision = impl.precision() == null ? Dtype.FLOAT64 : impl.precision();
    }

    /** Looks the component up (once) and draws its supported samples. */
    synchronized Resolved resolve() {
        if (resolved == null) {
            resolved = lookup();
        }
        return resolved;
    }

    private Resolved lookup() {
        Optional<Component> c;
        try {
            c = impl.component(entry);
        } catch (Throwable ex) {
            return unavailable("the lookup of " + entry.id() + " threw " + Failures.describe(ex), true);
        }
        if (c == null) {
            return unavailable("the lookup of " + entry.id() + " returned null (Optional.empty() means 'not provided')", true);
        }
        if (c.isEmpty()) {
            return unavailable(impl.name() + " does not provide " + entry.id(), false);
        }
        Capability cap;
        try {
            cap = impl.capability(entry);
        } catch (Throwable ex) {
            return unavailable("capability(" + entry.id() + ") threw " + Failures.describe(ex), true);
        }
        cap = cap == null ? Capability.full() : cap;
        Alternative alt = null;
        if (cap.followed().isPresent()) {
            String name = cap.followed().get();
            alt = entry.alternatives().stream().filter(a -> a.name().equals(name)).findFirst().orElse(null);
            if (alt == null) {
                return unavailable("declares the convention '" + name + "', which is not one of " + entry.id() + "'s documented"
                        + " alternatives " + entry.alternatives().stream().map(Alternative::name).toList(), true);
            }
        }
        List<Sample> samples = new ArrayList<>();
        if (givenInputs != null) {
            if (!cap.supports().test(givenParams)) {
                return new Resolved(c.get(), cap, alt, List.of(), "", "declines " + givenParams + ": " + cap.why(), false);
            }
            Map<String, Tensor> in = rounded(givenInputs, givenParams);
            samples.add(new Sample(0, givenParams, 0, seed, in, diffInputs(in)));
            return new Resolved(c.get(), cap, alt, samples, "given inputs" + (alt == null ? ""
                    : ", under the declared convention '" + alt.name() + "'"), null, false);
        }
        List<String> declined = new ArrayList<>();
        List<Sample> edges = new ArrayList<>();
        for (int p = 0; p < entry.sampleParams().size(); p++) {
            Params params = entry.params(entry.sampleParams().get(p));
            boolean ok;
            try {
                ok = cap.supports().test(params);
            } catch (RuntimeException ex) {
                return unavailable("the capability predicate threw on " + params + ": " + Failures.describe(ex), true);
            }
            if (!ok) {
                declined.add("params#" + p + " " + params);
                continue;
            }
            for (int size = 0; size < SIZES; size++) {
                for (int rep = 0; rep < REPEATS; rep++) {
                    long s = sampleSeed(p, size, rep);
                    Map<String, Tensor> raw = entry.samples().sample(new SplittableRandom(s), params, size);
                    Map<String, Tensor> in = rounded(raw, params);
                    samples.add(new Sample(p, params, size, s, in, diffInputs(in)));
                    if (rep == 0) {
                        edges.addAll(edgeVariants(p, params, size, s, raw));
                    }
                }
            }
        }
        edges.addAll(rangeSamples(cap));
        if (declined.isEmpty() || !declined.get(0).startsWith("params#0 ")) {
            edges.addAll(sizeSamples());
        }
        samples.addAll(edges); // after the generated ones: the contract rules run on the first few
        int total = entry.sampleParams().size();
        String coverage = (total - declined.size()) + " of " + total + " parameter sets"
                + (declined.isEmpty() ? "" : " (declined: " + String.join("; ", declined) + ": " + cap.why() + ")")
                + (alt == null ? "" : ", under the declared convention '" + alt.name() + "'");
        if (samples.isEmpty()) {
            return new Resolved(c.get(), cap, alt, List.of(), coverage, "declines every parameter set of " + entry.id() + ": "
                    + cap.why(), false);
        }
        return new Resolved(c.get(), cap, alt, samples, coverage, null, false);
    }

    /**
     * The {@link EdgeInputs#RANGE} samples: one generated sample (size hint 1) per parameter set
     * of {@link EdgeInputs#rangeParams} that the validation, the capability and the reference
     * accept and whose inputs and reference outputs the precision can hold (no overflow);
     * numbered after the entry's sample sets.
     */
    private List<Sample> rangeSamples(Capability cap) {
        List<Sample> out = new ArrayList<>();
        List<Map<String, Object>> sets = EdgeInputs.rangeParams(entry);
        for (int k = 0; k < sets.size(); k++) {
            int p = entry.sampleParams().size() + k;
            try {
                Params params = entry.params(sets.get(k));
                if (!cap.supports().test(params)) {
                    continue;
                }
                long s = sampleSeed(p, 1, 0);
                Map<String, Tensor> raw = entry.samples().sample(new SplittableRandom(s), params, 1);
                Map<String, Tensor> y = entry.newReference().forward(new HashMap<>(raw), params);
                if (overflows(raw) || overflows(y)) {
                    continue; // e.g. an exponential schedule with gamma 4 passes float16's 65504
                }
                Map<String, Tensor> in = rounded(raw, params);
                out.add(new Sample(p, params, 1, s, in, diffInputs(in), EdgeInputs.RANGE));
            } catch (RuntimeException ex) {
                // outside the legal combinations (a ContractException), or a sampler or capability
                // that cannot handle the value: that set is not used
            }
        }
        return out;
    }

    /**
     * The {@link EdgeInputs#EMPTY} samples: {@link EdgeInputs#sizeVariants} of the first sample
     * (parameter set 0, size hint 0, repeat 0) that the reference accepts (a ContractException
     * there means the empty or one-element input is not legal).
     */
    private List<Sample> sizeSamples() {
        List<Sample> out = new ArrayList<>();
        if (entry.sampleParams().isEmpty()) {
            return out;
        }
        Params params = entry.params(entry.sampleParams().get(0));
        long s = sampleSeed(0, 0, 0);
        Map<String, Tensor> raw = entry.samples().sample(new SplittableRandom(s), params, 0);
        for (Map<String, Tensor> v : EdgeInputs.sizeVariants(raw)) {
            try {
                entry.newReference().forward(new HashMap<>(v), params);
            } catch (ContractException ex) {
                continue;
            }
            Map<String, Tensor> in = rounded(v, params);
            out.add(new Sample(0, params, 0, s, in, diffInputs(in), EdgeInputs.EMPTY));
        }
        return out;
    }

    /** Whether a finite value of these tensors is beyond the precision's range (rounds to an infinity). */
    private boolean overflows(Map<String, Tensor> m) {
        for (Tensor t : m.values()) {
            if (t != null && !t.isIntegral()) {
                for (int j = 0; j < t.size(); j++) {
                    if (Double.isFinite(t.get(j)) && Double.isInfinite(Rounding.round(precision, t.get(j)))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The {@link EdgeInputs} variants of one generated sample that the reference accepts. */
    private List<Sample> edgeVariants(int p, Params params, int size, long s, Map<String, Tensor> raw) {
        List<Sample> out = new ArrayList<>();
        for (String kind : EdgeInputs.kinds(entry)) {
            Map<String, Tensor> v = EdgeInputs.variant(entry, kind, raw);
            try {
                entry.newReference().forward(new HashMap<>(v), params);
            } catch (ContractException ex) {
                continue;
            }
            Map<String, Tensor> in = rounded(v, params);
            out.add(new Sample(p, params, size, s, in, diffInputs(in), kind));
        }
        return out;
    }

    private static Resolved unavailable(String why, boolean failed) {
        return new Resolved(null, null, null, List.of(), "", why, failed);
    }

    /** The seed of one sample: the run's seed, the entry, the parameter set, size and repeat, mixed (SplitMix64). */
    long sampleSeed(int paramSet, int size, int rep) {
        long h = mix(seed);
        for (long v : new long[] {key.hashCode(), paramSet, size, rep}) {
            h = mix(h ^ mix(v + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** SplitMix64's finalizer (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The inputs rounded to the precision, unless the reference refuses the rounded ones. */
    private Map<String, Tensor> rounded(Map<String, Tensor> raw, Params params) {
        if (precision == Dtype.FLOAT64) {
            return raw;
        }
        Map<String, Tensor> r = new LinkedHashMap<>();
        raw.forEach((k, t) -> r.put(k, Rounding.round(precision, t)));
        try {
            entry.newReference().forward(new HashMap<>(r), params);
            return r;
        } catch (ContractException ex) {
            return raw;
        }
    }

    List<String> diffInputs(Map<String, Tensor> inputs) {
        return entry.differentiableInputs().stream().map(TensorSpec::name)
                .filter(n -> inputs.containsKey(n) && !inputs.get(n).isIntegral()).toList();
    }

    /** The computation compared with: the reference, or the declared alternative's. */
    Component expectedComponent() {
        Alternative alt = resolve().alternative();
        return alt != null && alt.component() != null ? alt.component() : entry.newReference();
    }

    /** The parameters of the compared computation (the declared alternative may map them). */
    Params expectedParams(Params p) {
        Alternative alt = resolve().alternative();
        return alt == null ? p : alt.params().apply(p);
    }

    /** What the results are compared with, for messages. */
    String expectedName() {
        Alternative alt = resolve().alternative();
        return alt == null ? "reference" : "reference under '" + alt.name() + "'";
    }

    /** Random upstream gradients, rounded to the precision, for the floating outputs that are not inputs. */
    Map<String, Tensor> upstream(Sample s, Map<String, Tensor> outputs) {
        SplittableRandom rnd = new SplittableRandom(s.seed() ^ 0xD1B54A32D192ED03L);
        Map<String, Tensor> up = new HashMap<>();
        for (String o : new TreeSet<>(outputs.keySet())) {
            if (!s.inputs().containsKey(o) && !outputs.get(o).isIntegral() && entry.differentiatedOutputs().contains(o)) {
                up.put("d" + o, Rounding.round(precision, Samples.normal(rnd, 0, 1, outputs.get(o).shape())));
            }
        }
        return up;
    }
}
