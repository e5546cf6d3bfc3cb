package org.nncheck.reference.layer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.nncheck.catalogue.FormulaScale;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The error scale of an output or gradient that is a sum of products, linear in each factor
 * (conv2d's y, dx, dw and db): the sum of the absolute terms is the reference evaluated on
 * absolute values (|x|, |w|, |b|, |dy|). Perturbing the inputs misses a short sum that cancels
 * (with two terms a1 b1 + a2 b2 whose perturbations are (1 + e) and (1 - e) the perturbed result
 * is unchanged: seen on a 2-term dw of a floor-sized stride-2 conv), so a cross-check adds
 * {@code c u} times this scale (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed.,
 * section 3.1).
 */
final class MultilinearErrorScale implements FormulaScale {

    private final Supplier<Component> reference;
    private final String name;
    private final boolean gradient;

    private MultilinearErrorScale(Supplier<Component> reference, String name, boolean gradient) {
        this.reference = reference;
        this.name = name;
        this.gradient = gradient;
    }

    /** The scale of forward output {@code name}. */
    static MultilinearErrorScale output(Supplier<Component> reference, String name) {
        return new MultilinearErrorScale(reference, name, false);
    }

    /** The scale of gradient {@code name} (needs the upstream gradients). */
    static MultilinearErrorScale gradient(Supplier<Component> reference, String name) {
        return new MultilinearErrorScale(reference, name, true);
    }

    @Override
    public double[] terms(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
        Component c = reference.get();
        if (gradient && upstream.isEmpty()) {
            return null;
        }
        Map<String, Tensor> out = gradient ? c.backward(absolute(inputs), absolute(upstream), params) : c.forward(absolute(inputs), params);
        Tensor t = out.get(name);
        return t == null ? null : t.toArray();
    }

    private static Map<String, Tensor> absolute(Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, t) -> out.put(k, t.isIntegral() ? t : t.map(Math::abs)));
        return out;
    }
}
