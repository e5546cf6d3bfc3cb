package org.nncheck.catalogue;

import java.util.Objects;
import java.util.function.UnaryOperator;
import org.nncheck.core.Component;
import org.nncheck.core.Params;

/**
 * A documented alternative convention (or a well-known mistake) for a component: when a case
 * fails against the reference but matches this alternative, {@code verify} says which
 * convention the implementation under test follows.
 *
 * @param name short name, e.g. {@code "momentum = weight of the old value"}
 * @param explanation what the alternative is and where it comes from (framework, lecture)
 * @param params how the case's parameters map to the alternative (identity when the
 *     alternative is a different computation)
 * @param component the computation to use, or {@code null} for the entry's reference
 * @param alignments outputs of the alternative defined only up to a symmetry (e.g. an
 *     alternative that returns PCA components, which have no sign), aligned before comparing
 */
public record Alternative(String name, String explanation, UnaryOperator<Params> params, Component component,
                          java.util.Map<String, OutputAlignment> alignments) {

    public Alternative {
        Objects.requireNonNull(name);
        Objects.requireNonNull(explanation);
        params = params == null ? UnaryOperator.identity() : params;
        alignments = alignments == null ? java.util.Map.of() : java.util.Map.copyOf(alignments);
    }

    /** An alternative without symmetric outputs. */
    public Alternative(String name, String explanation, UnaryOperator<Params> params, Component component) {
        this(name, explanation, params, component, null);
    }

    /** The same alternative, with output {@code name} compared up to the symmetry {@code a}. */
    public Alternative withAlignment(String output, OutputAlignment a) {
        java.util.Map<String, OutputAlignment> m = new java.util.LinkedHashMap<>(alignments);
        m.put(output, a);
        return new Alternative(name, explanation, params, component, m);
    }

    /** An alternative expressed as a change of parameters. */
    public static Alternative ofParams(String name, String explanation, UnaryOperator<Params> params) {
        return new Alternative(name, explanation, params, null);
    }

    /** An alternative that is a different computation. */
    public static Alternative ofComponent(String name, String explanation, Component component) {
        return new Alternative(name, explanation, null, component);
    }
}
