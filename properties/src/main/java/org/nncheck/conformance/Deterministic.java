package org.nncheck.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.nncheck.core.Component;
import org.nncheck.core.Tensor;

/** {@value #NAME}: two calls with equal inputs give bitwise equal outputs and gradients (no state carried between calls). */
final class Deterministic extends Rule {
    static final String NAME = "required_deterministic";

    Deterministic() {
        super(NAME);
    }

    @Override
    CheckResult check(Subject s) {
        Component c = s.resolve().component();
        List<Sample> samples = s.resolve().samples();
        for (Sample x : samples.subList(0, Math.min(samples.size(), InputsUnchanged.SAMPLES))) {
            Map<String, Tensor> a = c.forward(new HashMap<>(x.inputs()), x.params());
            Map<String, Tensor> b = c.forward(new HashMap<>(x.inputs()), x.params());
            if (!a.equals(b)) {
                return CheckResult.fail(s.key, NAME, x.where() + ": two forward calls on equal inputs differ in " + differing(a, b));
            }
            if (s.entry.differentiable() && !x.diffNames().isEmpty()) {
                Map<String, Tensor> up = s.upstream(x, a);
                Map<String, Tensor> ga = c.backward(new HashMap<>(x.inputs()), new HashMap<>(up), x.params());
                Map<String, Tensor> gb = c.backward(new HashMap<>(x.inputs()), new HashMap<>(up), x.params());
                if (!ga.equals(gb)) {
                    return CheckResult.fail(s.key, NAME, x.where() + ": two backward calls on equal inputs differ in "
                            + differing(ga, gb));
                }
            }
        }
        return CheckResult.pass(s.key, NAME, "repeated calls give bitwise equal results");
    }

    private static String differing(Map<String, Tensor> a, Map<String, Tensor> b) {
        List<String> names = new ArrayList<>();
        for (String k : new TreeSet<>(a.keySet())) {
            if (!a.get(k).equals(b.get(k))) {
                names.add(k);
            }
        }
        return names.isEmpty() ? "their names " + a.keySet() + " vs " + b.keySet() : names.toString();
    }
}
