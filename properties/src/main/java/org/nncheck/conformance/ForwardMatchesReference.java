package org.nncheck.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** {@value #NAME}: every output of the SPEC present, same shape, values within the {@link Allowance}, on every supported sample. */
final class ForwardMatchesReference extends Rule {
    static final String NAME = "required_forward_matches_reference";

    ForwardMatchesReference() {
        super(NAME);
    }

    @Override
    CheckResult check(Subject s) {
        Component c = s.resolve().component();
        Component ref = s.expectedComponent();
        Tally t = new Tally(s, NAME);
        for (Sample x : s.resolve().samples()) {
            Params ep = s.expectedParams(x.params());
            Map<String, Tensor> want = ref.forward(new HashMap<>(x.inputs()), ep);
            Map<String, Tensor> got;
            try {
                got = c.forward(new HashMap<>(x.inputs()), x.params());
            } catch (RuntimeException ex) {
                t.fail(x, "forward threw " + Failures.describe(ex));
                continue;
            }
            double eps = Allowance.perturbation(s.precision, ReferenceComparison.reductionLength(s, x.inputs()));
            ReferenceComparison.Outcome o = ReferenceComparison.compare(s, x, got, want, new ArrayList<>(new TreeSet<>(want.keySet())),
                    rnd -> ref.forward(ReferenceComparison.perturbInputs(s, x.inputs(), eps, rnd), ep),
                    ReferenceComparison.forwardTerms(s, x.inputs(), want, ep));
            Map<String, Tensor> g = got;
            t.add(x, o, "", () -> ReferenceComparison.diagnose(s, x, g, o, Map.of(), false));
        }
        return t.verdict(null);
    }
}
