package org.nncheck.catalogue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Set;
import org.nncheck.core.ContractException;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.ParamSpec;
import org.nncheck.core.Component;

/**
 * One catalogue entry (in the manner of PyTorch's OpInfo): every fact about one SPEC component
 * that the generic checks need, stated once. Every check (gradient check, OpenCL cross-check,
 * case verification, conformance) iterates {@link Catalogue#entries()} and reads these facts
 * (kinks, traits, differentiated outputs, skips, error scales) from here, never from a list of
 * ids of its own; so adding a component is adding its class and its entry (DEVELOPERS.md).
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
 * @param skips checks that do not apply, with the reason (the OpenCL "no kernel" reasons included)
 * @param alternatives documented alternative conventions and known mistakes, tried by
 *     {@code verify} when a case fails
 * @param alignments outputs defined only up to a symmetry, with how to align them before comparing
 * @param kinks where the forward is not differentiable, as a function of the inputs and the
 *     parameters ({@link Kinks#NONE} for smooth components); every implementation of the id is
 *     gradient-checked with these, so a third-party implementation need not re-declare them
 * @param traits structural facts ({@link Trait}) the generic checks select on
 * @param differentiatedOutputs the outputs that receive an upstream gradient {@code d<output>}
 *     (by default every output whose name is not also an input name: an output sharing an
 *     input's name, as batch_norm's {@code running_mean}, is updated state)
 * @param formulaScales per gradient name ({@code dx}), the forward-error scale of a formula that
 *     cancels internally ({@link FormulaScale}), read by cross-checks of lower-precision
 *     implementations
 * @param dependence which output elements each input element can move ({@link Dependence}), for
 *     colored finite differences; {@link Dependence#none()} when not declared
 * @param oracle the component's high-precision oracle ({@link Oracle}), measured by the accuracy
 *     properties; empty when it has none (an element-wise activation then needs a
 *     {@link Check#ACCURACY} skip saying why)
 */
public record Entry(String id, Family family, String summary, List<TensorSpec> inputs, List<String> outputs,
                    List<ParamSpec> params, Supplier<Component> reference, SampleGenerator samples,
                    List<Map<String, Object>> sampleParams, double gradcheckTolerance, Map<Check, String> skips,
                    List<Alternative> alternatives, Map<String, OutputAlignment> alignments, Kinks kinks,
                    Set<Trait> traits, List<String> differentiatedOutputs, Map<String, FormulaScale> formulaScales,
                    Dependence.Rule dependence, Optional<Oracle> oracle) {

    public Entry {
        Objects.requireNonNull(id);
        Objects.requireNonNull(family);
        Objects.requireNonNull(kinks);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        params = List.copyOf(params);
        sampleParams = List.copyOf(sampleParams);
        skips = skips.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(skips));
        alternatives = List.copyOf(alternatives);
        alignments = Map.copyOf(alignments);
        traits = traits.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(traits));
        differentiatedOutputs = List.copyOf(differentiatedOutputs);
        formulaScales = Map.copyOf(formulaScales);
        for (String o : differentiatedOutputs) {
            if (!outputs.contains(o)) {
                throw new IllegalArgumentException(id + ": differentiated output '" + o + "' is not an output " + outputs);
            }
        }
        for (Map.Entry<Check, String> s : skips.entrySet()) {
            if (s.getValue() == null || s.getValue().isBlank()) {
                throw new IllegalArgumentException(id + ": the skip of " + s.getKey() + " needs a reason");
            }
        }
        dependence = dependence == null ? (p, in) -> Dependence.none() : dependence;
        oracle = oracle == null ? Optional.empty() : oracle;
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

    /**
     * Names a case may give as upstream gradients: {@code d<output>} of every output (an upstream
     * gradient of a state output is accepted and ignored, docs/SPEC-EXTENSIONS.md item 15).
     */
    public List<String> upstreamNames() {
        return outputs.stream().map(o -> "d" + o).toList();
    }

    /** The outputs that share an input's name: updated state, not differentiated. */
    public List<String> stateOutputs() {
        return outputs.stream().filter(o -> input(o).isPresent()).toList();
    }

    /** Whether the entry declares a trait. */
    public boolean has(Trait t) {
        return traits.contains(t);
    }

    /** The reason a check is skipped, if it is. */
    public Optional<String> skipReason(Check check) {
        return Optional.ofNullable(skips.get(check));
    }

    /** The forward-error scale of gradient {@code gradient} ({@code dx}), if its formula cancels. */
    public Optional<FormulaScale> formulaScale(String gradient) {
        return Optional.ofNullable(formulaScales.get(gradient));
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
        private final Map<Check, String> skips = new EnumMap<>(Check.class);
        private final List<Alternative> alternatives = new ArrayList<>();
        private final Map<String, OutputAlignment> alignments = new LinkedHashMap<>();
        private Kinks kinks = Kinks.NONE;
        private final Set<Trait> traits = EnumSet.noneOf(Trait.class);
        private List<String> differentiatedOutputs;
        private final Map<String, FormulaScale> formulaScales = new LinkedHashMap<>();
        private Dependence.Rule dependence;
        private Oracle oracle;

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

        /** Check {@code check} does not apply to this component, for the written reason. */
        public Builder skip(Check check, String reason) {
            skips.put(check, reason);
            return this;
        }

        /** Where the forward is not differentiable (default {@link Kinks#NONE}). */
        public Builder kinks(Kinks k) {
            kinks = k;
            return this;
        }

        public Builder traits(Trait... ts) {
            traits.addAll(List.of(ts));
            return this;
        }

        /** The outputs that receive an upstream gradient (default: those not named like an input). */
        public Builder differentiatedOutputs(String... names) {
            differentiatedOutputs = List.of(names);
            return this;
        }

        /** The forward-error scale of gradient {@code gradient}, whose formula cancels internally. */
        public Builder formulaScale(String gradient, FormulaScale scale) {
            formulaScales.put(gradient, scale);
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

        /** Declares the component's high-precision oracle (measured by the accuracy properties). */
        public Builder oracle(Oracle o) {
            oracle = o;
            return this;
        }

        public Entry build() {
            if (reference == null || samples == null) {
                throw new ContractException("catalogue entry " + id + " needs a reference and a sample generator");
            }
            if (sampleParams.isEmpty()) {
                sampleParams.add(Map.of());
            }
            List<String> diffOut = differentiatedOutputs != null ? differentiatedOutputs
                    : outputs.stream().filter(o -> inputs.stream().noneMatch(t -> t.name().equals(o))).toList();
            return new Entry(id, family, summary, inputs, outputs, params, reference, samples, sampleParams,
                    gradcheckTolerance, skips, alternatives, alignments, kinks, traits, diffOut, formulaScales,
                    dependence, Optional.ofNullable(oracle));
        }
    }
}
