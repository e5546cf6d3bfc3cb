package org.nncheck.diagnosis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nncheck.catalogue.Alternative;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.OutputAlignment;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Which documented alternative convention of an entry (momentum meaning, keep vs drop
 * probability, reduction, eps placement, ...) an implementation's results follow, attributed
 * per tensor. One implementation for {@code verify} (a failing case) and the conformance kit (a
 * failing sample): each alternative's computation is run on the same inputs, upstream
 * gradients and (mapped) parameters, and each of the implementation's tensors is tested with
 * the caller's own comparison.
 */
public final class ConventionDiagnosis {
    private ConventionDiagnosis() {
    }

    /** The caller's comparison of the implementation's tensor {@code name} with a computed one (already aligned). */
    @FunctionalInterface
    public interface Matcher {
        boolean matches(String name, Tensor computed);
    }

    /**
     * One alternative and the implementation's tensors that match under it.
     *
     * @param matching the tensors that match under the alternative, in the order given
     * @param all whether every tensor compared matches under it
     */
    public record Match(Alternative alternative, List<String> matching, boolean all) {
        /** {@code name (explanation)}. */
        public String describe() {
            return alternative.name() + " (" + alternative.explanation() + ")";
        }
    }

    /**
     * Runs every alternative of {@code entry} and tests the implementation's tensors.
     *
     * @param forward whether outputs are among the tensors (then forward runs)
     * @param backward whether gradients are among the tensors (then backward runs)
     * @param implementation the implementation's tensors to explain, by name
     * @return the alternatives under which at least one tensor matches (an alternative that
     *     refuses the inputs matches nothing)
     */
    public static List<Match> diagnose(Entry entry, Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params,
                                       boolean forward, boolean backward, Map<String, Tensor> implementation,
                                       Matcher matcher) {
        List<String> names = new ArrayList<>(implementation.keySet());
        List<Match> out = new ArrayList<>();
        for (Alternative alt : entry.alternatives()) {
            Map<String, Tensor> computed;
            try {
                Params p = alt.params().apply(params);
                Component comp = alt.component() != null ? alt.component() : entry.newReference();
                computed = new LinkedHashMap<>();
                if (forward) {
                    computed.putAll(comp.forward(new LinkedHashMap<>(inputs), p));
                }
                if (backward) {
                    computed.putAll(comp.backward(new LinkedHashMap<>(inputs), new LinkedHashMap<>(upstream), p));
                }
            } catch (RuntimeException e) {
                continue;
            }
            List<String> matching = new ArrayList<>();
            for (String name : names) {
                Tensor t = aligned(entry, alt, name, implementation.get(name), computed.get(name));
                if (t != null && t.sameShape(implementation.get(name)) && matcher.matches(name, t)) {
                    matching.add(name);
                }
            }
            if (!matching.isEmpty()) {
                out.add(new Match(alt, matching, matching.size() == names.size()));
            }
        }
        return out;
    }

    /**
     * The computed tensor aligned to the implementation's where the alternative or the entry
     * declares a symmetry (and the shapes agree).
     */
    public static Tensor aligned(Entry entry, Alternative alt, String name, Tensor implementation, Tensor computed) {
        OutputAlignment a = alt == null ? entry.alignments().get(name)
                : alt.alignments().getOrDefault(name, entry.alignments().get(name));
        return computed == null || a == null || !computed.sameShape(implementation) ? computed : a.align(implementation, computed);
    }
}
