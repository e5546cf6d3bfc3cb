package org.nncheck.properties.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.conformance.Implementation;
import org.nncheck.conformance.Rounding;
import org.nncheck.core.Component;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Deliberately wrong implementations (and correct variants) built from the reference of one
 * entry: a transformation of its forward results, of its backward results, or of its
 * parameters.
 */
final class Mutants {
    private Mutants() {
    }

    /**
     * One implementation of one entry under test.
     *
     * @param name what is wrong (or right) with it
     * @param entry the catalogue id
     * @param symptom a fragment the failure must contain (the tensor or convention it names); null for correct variants
     */
    record Mutant(String name, String entry, Dtype precision, Component component, String symptom) {
        Implementation implementation() {
            return Implementation.of(name, id -> id.equals(entry) ? Optional.of(component) : Optional.empty(), precision);
        }

        Entry catalogueEntry() {
            return Catalogue.get(entry).orElseThrow();
        }
    }

    /** The reference of {@code id} with its forward results and backward results transformed. */
    static Component wrap(String id, UnaryOperator<Map<String, Tensor>> fwd, UnaryOperator<Map<String, Tensor>> bwd,
                          UnaryOperator<Params> params) {
        Component ref = Catalogue.get(id).orElseThrow().newReference();
        return new Component() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
                return fwd.apply(ref.forward(in, params.apply(p)));
            }

            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
                return bwd.apply(ref.backward(in, up, params.apply(p)));
            }

            @Override
            public Kinks kinks() {
                return ref.kinks();
            }
        };
    }

    /** Maps every element of tensor {@code name} (all floating tensors when null). */
    static UnaryOperator<Map<String, Tensor>> map(String name, DoubleUnaryOperator f) {
        return m -> {
            Map<String, Tensor> out = new LinkedHashMap<>(m);
            m.forEach((k, t) -> {
                if ((name == null || k.equals(name)) && !t.isIntegral()) {
                    out.put(k, t.map(f));
                }
            });
            return out;
        };
    }

    static UnaryOperator<Map<String, Tensor>> drop(String name) {
        return m -> {
            Map<String, Tensor> out = new LinkedHashMap<>(m);
            out.remove(name);
            return out;
        };
    }

    static Mutant forward(String what, String id, Dtype p, String tensor, DoubleUnaryOperator f) {
        return new Mutant(what, id, p, wrap(id, map(tensor, f), UnaryOperator.identity(), UnaryOperator.identity()), "'" + tensor + "'");
    }

    static Mutant backward(String what, String id, Dtype p, String tensor, DoubleUnaryOperator f) {
        return new Mutant(what, id, p, wrap(id, UnaryOperator.identity(), map(tensor, f), UnaryOperator.identity()), "'" + tensor + "'");
    }

    static Mutant ignores(String what, String id, String tensor, Map<String, ?> fixed) {
        return new Mutant(what, id, Dtype.FLOAT64, wrap(id, UnaryOperator.identity(), UnaryOperator.identity(), p -> p.with(fixed)),
                "'" + tensor + "'");
    }

    /** Results rounded to {@code actual} while the implementation declares {@code declared}. */
    static Mutant rounded(String what, String id, Dtype declared, Dtype actual, String symptom) {
        return new Mutant(what, id, declared, wrap(id, map(null, v -> Rounding.round(actual, v)), map(null, v -> Rounding.round(actual, v)),
                UnaryOperator.identity()), symptom);
    }

    /** The entry's alternative {@code alt} implemented while the SPEC's convention is declared. */
    static Mutant alternative(Entry e, Alternative alt) {
        Component base = alt.component() != null ? alt.component() : e.newReference();
        Component c = new Component() {
            @Override
            public String id() {
                return e.id();
            }

            @Override
            public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
                return base.forward(in, alt.params().apply(p));
            }

            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
                return base.backward(in, up, alt.params().apply(p));
            }

            @Override
            public Kinks kinks() {
                return e.newReference().kinks();
            }
        };
        return new Mutant("follows '" + alt.name() + "'", e.id(), Dtype.FLOAT64, c, "'" + alt.name() + "'");
    }

    /** Every entry's reference with its results rounded to {@code p}: a correct implementation in {@code p}. */
    static Implementation roundedReference(Dtype p) {
        return Implementation.of("reference rounded to " + p.jsonName(), id -> Catalogue.get(id).map(e ->
                wrap(id, map(null, v -> Rounding.round(p, v)), map(null, v -> Rounding.round(p, v)), UnaryOperator.identity())), p);
    }

    static List<String> families() {
        return Catalogue.entries().stream().map(e -> e.family().toString()).distinct().toList();
    }
}
