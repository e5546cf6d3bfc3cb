package org.nncheck.conformance;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * {@value #NAME}: every gradient {@code d<input>} of a floating-point differentiable input, for
 * random upstream gradients, within the {@link Allowance} of the reference's.
 */
final class BackwardMatchesReference extends Rule {
    static final String NAME = "required_backward_matches_reference";

    BackwardMatchesReference() {
        super(NAME);
    }

    @Override
    boolean appliesTo(Entry e) {
        return e.differentiable();
    }

    @Override
    CheckResult check(Subject s) {
        Component c = s.resolve().component();
        Component ref = s.expectedComponent();
        Tally t = new Tally(s, NAME);
        for (Sample x : s.resolve().samples()) {
            if (x.diffNames().isEmpty()) {
                continue;
            }
            Params ep = s.expectedParams(x.params());
            Map<String, Tensor> up = s.upstream(x, ref.forward(new HashMap<>(x.inputs()), ep));
            Map<String, Tensor> want = ref.backward(new HashMap<>(x.inputs()), new HashMap<>(up), ep);
            Map<String, Tensor> got;
            try {
                got = c.backward(new HashMap<>(x.inputs()), new HashMap<>(up), x.params());
            } catch (RuntimeException ex) {
                t.fail(x, "backward threw " + Failures.describe(ex));
                continue;
            }
            List<String> names = x.diffNames().stream().map(n -> "d" + n).toList();
            Map<String, double[]> terms = new LinkedHashMap<>();
            for (String g : names) {
                s.entry.formulaScale(g).map(f -> f.terms(x.inputs(), up, ep)).ifPresent(f -> terms.put(g, f));
                if (s.entry.family() == Family.ACTIVATION) {
                    ReferenceComparison.elementwise(terms, g, want.get(g), up.get("dy"));
                }
            }
            double eps = Allowance.perturbation(s.precision, ReferenceComparison.reductionLength(s, x.inputs()));
            ReferenceComparison.Outcome o = ReferenceComparison.compare(s, x, got, want, names,
                    rnd -> ref.backward(ReferenceComparison.perturbInputs(s, x.inputs(), eps, rnd),
                            ReferenceComparison.perturbAll(up, eps, rnd), ep), terms);
            Map<String, Tensor> g = got;
            t.add(x, o, "upstream gradients seeded from the sample seed: ", () -> ReferenceComparison.diagnose(s, x, g, o, up, true));
        }
        if (t.total() == 0) {
            return CheckResult.skip(s.key, NAME, "no sample has a floating-point differentiable input");
        }
        return t.verdict(null);
    }
}
