package org.nncheck.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Component;

/**
 * One catalogue entry (in the manner of PyTorch's OpInfo): everything the generic checks need
 * to know about one SPEC component. Every check (gradient check, OpenCL cross-check, case
 * verification, conformance) iterates {@link Catalogue#entries()}, so adding a component is
 * adding one entry.
 *
 * @param id SPEC id
 * @param family SPEC section
 * @param summary one line: the formula
 * @param inputs input tensors (not the upstream gradients)
 * @param outputs output tensor names
 * @param params parameter schema with the SPEC defaults
 * @param reference factory of the reference implementation
 * @param samples generator of valid inputs
 * @param sampleParams parameter sets the generic checks run (raw values, as in a case file);
 *     at least one (the defaults, when every parameter has one)
 * @param gradcheckTolerance largest relative error a finite-difference check accepts (CS231n
 *     tiers; 1e-6 for smooth double-precision components)
 * @param skips checks that do not apply, by check name, with the reason
 * @param alternatives documented alternative conventions and known mistakes, tried by
 *     {@code verify} when a case fails
 * @param alignments outputs defined only up to a symmetry, with how to align them before comparing
 * @param dependence which output elements each input element can move ({@link Dependence}), for
 *     colored finite differences; {@link Dependence#none()} when not declared
 */
public record Entry(String id, Family family, String summary, List<TensorSpec> inputs, List<String> outputs,
                    List<ParamSpec> params, Supplier<Component> reference, SampleGenerator samples,
                    List<Map<String, Object>> sampleParams, double gradcheckTolerance, Map<String, String> skips,
                    List<Alternative> alternatives, Map<String, OutputAlignment> alignments,
                    Dependence.Rule dependence) {

    /** Names of checks that entries may skip with a reason. */
    public static final String CHECK_GRADIENT = "gradient";
    public static final String CHECK_GPU = "gpu";
    public static final String CHECK_CASES = "cases";

    public Entry {
        Objects.requireNonNull(id);
        Objects.requireNonNull(family);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        params = List.copyOf(params);
        sampleParams = List.copyOf(sampleParams);
        skips = Map.copyOf(skips);
        alternatives = List.copyOf(alternatives);
        alignments = Map.copyOf(alignments);
        dependence = dependence == null ? (p, in) -> Dependence.none() : dependence;
    }

    /** Starts an entry. */
    public static Builder builder(String id, Family family) {
        return new Builder(id, family);
    }

    /** Validates raw parameter values against this entry's schema (defaults filled in). */
    public Params params(Map<String, ?> raw) {
        return Params.of(id, params, raw);
    }

    /** The inputs that have a gradient. */
    public List<TensorSpec> differentiableInputs() {
        return inputs.stream().filter(TensorSpec::differentiable).toList();
    }

    /** Whether the component has a backward. */
    public boolean differentiable() {
        return !differentiableInputs().isEmpty();
    }

    /** The input spec of a name. */
    public Optional<TensorSpec> input(String name) {
        return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Names of upstream gradients: {@code d<output>}. */
    public List<String> upstreamNames() {
        return outputs.stream().map(o -> "d" + o).toList();
    }

    /** The reason a check is skipped, if it is. */
    public Optional<String> skipReason(String check) {
        return Optional.ofNullable(skips.get(check));
    }

    /** A fresh reference implementation. */
    public Component newReference() {
        return reference.get();
    }

    /** Builder for readable entry declarations. */
    public static final class Builder {
        private final String id;
        private final Family family;
        private String summary = "";
        private final List<TensorSpec> inputs = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private final List<ParamSpec> params = new ArrayList<>();
        private Supplier<Component> reference;
        private SampleGenerator samples;
        private final List<Map<String, Object>> sampleParams = new ArrayList<>();
        private double gradcheckTolerance = 1e-6;
        private final Map<String, String> skips = new LinkedHashMap<>();
        private final List<Alternative> alternatives = new ArrayList<>();
        private final Map<String, OutputAlignment> alignments = new LinkedHashMap<>();
        private Dependence.Rule dependence;

        private Builder(String id, Family family) {
            this.id = id;
            this.family = family;
        }

        public Builder summary(String s) {
            summary = s;
            return this;
        }

        public Builder inputs(TensorSpec... specs) {
            inputs.addAll(List.of(specs));
            return this;
        }

        public Builder outputs(String... names) {
            outputs.addAll(List.of(names));
            return this;
        }

        public Builder params(ParamSpec... specs) {
            params.addAll(List.of(specs));
            return this;
        }

        public Builder reference(Supplier<Component> r) {
            reference = r;
            return this;
        }

        public Builder samples(SampleGenerator g) {
            samples = g;
            return this;
        }

        /** A parameter set for the generic checks (raw values; may be empty for defaults). */
        public Builder sampleParams(Map<String, Object> raw) {
            sampleParams.add(Map.copyOf(raw));
            return this;
        }

        public Builder gradcheckTolerance(double t) {
            gradcheckTolerance = t;
            return this;
        }

        public Builder skip(String check, String reason) {
            skips.put(check, reason);
            return this;
        }

        public Builder alternative(Alternative a) {
            alternatives.add(a);
            return this;
        }

        /** Declares that output {@code name} is defined only up to the symmetry {@code a}. */
        public Builder align(String name, OutputAlignment a) {
            alignments.put(name, a);
            return this;
        }

        /** Declares the block structure of the Jacobian (checked by random probes wherever it is used). */
        public Builder dependence(Dependence.Rule rule) {
            dependence = rule;
            return this;
        }

        public Entry build() {
            if (reference == null || samples == null) {
                throw new ContractException("catalogue entry " + id + " needs a reference and a sample generator");
            }
            if (sampleParams.isEmpty()) {
                sampleParams.add(Map.of());
            }
            return new Entry(id, family, summary, inputs, outputs, params, reference, samples, sampleParams,
                    gradcheckTolerance, skips, alternatives, alignments, dependence);
        }
    }
}
