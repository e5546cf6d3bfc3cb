package org.nncheck.gradcheck;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** The checked scalar {@code f(inputs) = sum_o <o, u_o>} (see {@link GradientChecker}, "Objective"). */
final class Objective {
    final Component component;
    final Map<String, Tensor> inputs;
    final Params params;
    final List<String> outs;
    final Map<String, Tensor> upstream;

    Objective(Component component, Map<String, Tensor> inputs, Params params, List<String> outs, Map<String, Tensor> upstream) {
        this.component = component;
        this.inputs = inputs;
        this.params = params;
        this.outs = outs;
        this.upstream = upstream;
    }

    /** The upstream tensor of output {@code o}. */
    Tensor upstream(String o) {
        return upstream.get("d" + o);
    }

    /** f of given outputs, with Neumaier's compensated sum; NaN when an output is missing or misshapen. */
    double value(Map<String, Tensor> outputs) {
        double sum = 0;
        double comp = 0;
        for (String o : outs) {
            Tensor t = outputs.get(o);
            Tensor u = upstream(o);
            if (t == null || !t.sameShape(u)) {
                return Double.NaN;
            }
            for (int k = 0; k < t.size(); k++) {
                double term = t.get(k) * u.get(k);
                double s = sum + term;
                comp += Math.abs(sum) >= Math.abs(term) ? (sum - s) + term : (term - s) + sum;
                sum = s;
            }
        }
        return sum + comp;
    }

    /** {@code F = sum_o sum_k |o_k u_ok|}, the size of the terms of f. */
    double magnitude(Map<String, Tensor> outputs) {
        double m = 0;
        for (String o : outs) {
            Tensor t = outputs.get(o);
            Tensor u = upstream(o);
            for (int k = 0; k < t.size(); k++) {
                m += Math.abs(t.get(k) * u.get(k));
            }
        }
        return m;
    }

    /** The objective's outputs with input {@code name} replaced; {@code null} when the forward fails or gives a wrong shape. */
    Map<String, Tensor> outputsWith(String name, Tensor replaced) {
        Map<String, Tensor> m = new HashMap<>(inputs);
        m.put(name, replaced);
        try {
            Map<String, Tensor> out = component.forward(m, params);
            for (String o : outs) {
                Tensor t = out.get(o);
                if (t == null || !t.sameShape(upstream(o))) {
                    return null;
                }
            }
            return out;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** f with input {@code name} replaced; NaN when the forward fails or is not finite. */
    double valueWith(String name, Tensor replaced) {
        Map<String, Tensor> out = outputsWith(name, replaced);
        if (out == null) {
            return Double.NaN;
        }
        double v = value(out);
        return Double.isFinite(v) ? v : Double.NaN;
    }
}
