package org.nncheck.conformance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nncheck.core.Component;
import org.nncheck.core.Tensor;

/** {@value #NAME}: the input and upstream maps handed in are left as they were (same names, equal tensors). */
final class InputsUnchanged extends Rule {
    static final String NAME = "required_inputs_unchanged";
    /** Samples this contract rule runs on. */
    static final int SAMPLES = 4;

    InputsUnchanged() {
        super(NAME);
    }

    @Override
    CheckResult check(Subject s) {
        Component c = s.resolve().component();
        List<Sample> samples = s.resolve().samples();
        for (Sample x : samples.subList(0, Math.min(samples.size(), SAMPLES))) {
            Map<String, Tensor> in = new HashMap<>(x.inputs());
            Map<String, Tensor> outs = c.forward(in, x.params());
            String p = changed(x.inputs(), in, "input");
            if (p != null) {
                return CheckResult.fail(s.key, NAME, x.where() + ": forward " + p);
            }
            if (s.entry.differentiable() && !x.diffNames().isEmpty()) {
                Map<String, Tensor> up = s.upstream(x, outs);
                Map<String, Tensor> upCopy = new HashMap<>(up);
                c.backward(in, upCopy, x.params());
                p = changed(x.inputs(), in, "input");
                if (p == null) {
                    p = changed(up, upCopy, "upstream gradient");
                }
                if (p != null) {
                    return CheckResult.fail(s.key, NAME, x.where() + ": backward " + p);
                }
            }
        }
        return CheckResult.pass(s.key, NAME, "inputs and upstream gradients left as they were");
    }

    private static String changed(Map<String, Tensor> before, Map<String, Tensor> after, String what) {
        if (!before.keySet().equals(after.keySet())) {
            return "changed the " + what + " names from " + new TreeSet<>(before.keySet()) + " to " + new TreeSet<>(after.keySet());
        }
        for (String k : before.keySet()) {
            if (!before.get(k).equals(after.get(k))) {
                return "replaced " + what + " '" + k + "'";
            }
        }
        return null;
    }
}
