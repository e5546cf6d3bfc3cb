package org.nncheck.cases;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.conformance.Allowance;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The cancellation part of the kit's {@link Allowance}, {@code C u F_j + K_j}
 * ({@link Allowance#cancellation}), for one case: {@code verify} allows at each element of a
 * tensor that exceeds its dtype's default tolerance the larger of that default and this
 * (docs/TOLERANCES.md). The default stands for the kit's {@code C u (|r_j| + s)} (calibrated on
 * the PyTorch cases, and larger), so {@code verify} is more lenient than the default only where
 * the reference computation cancels. With
 * <ul>
 *   <li>{@code F_j} the entry's {@link org.nncheck.catalogue.FormulaScale} ({@code sum |t_i|} of a
 *       formula that cancels internally: softmax and normalization gradients, optimizer
 *       trajectories, conv2d's sums of products), as the kit computes it;</li>
 *   <li>{@code K_j} the conditioning: the largest change of the reference over
 *       {@value Allowance#DRAWS} re-evaluations on the case's inputs (the differentiable ones; all
 *       of a component without gradients) and upstream gradients multiplied by
 *       {@code 1 + k u_a e}, {@code e} random signs from fixed seeds, so a verdict is
 *       reproducible ({@link Allowance#perturbation}).</li>
 * </ul>
 * The re-evaluations run once per case, on the first tensor that needs them.
 */
final class ConditionedAllowance {
    private final Entry entry;
    private final Dtype dtype;
    private final Map<String, Tensor> inputs;
    private final Map<String, Tensor> upstream;
    private final Params params;
    private final List<Map<String, Tensor>> perturbed = new ArrayList<>();

    ConditionedAllowance(Entry entry, Dtype dtype, Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params,
                         boolean forward, boolean backward) {
        this.entry = entry;
        this.dtype = dtype;
        this.inputs = inputs;
        this.upstream = upstream;
        this.params = params;
        long length = inputs.values().stream().mapToLong(Tensor::size).max().orElse(1);
        double eps = Allowance.perturbation(dtype, length);
        Component ref = entry.newReference();
        for (int d = 0; d < Allowance.DRAWS; d++) {
            SplittableRandom rnd = new SplittableRandom(31L * (d + 1));
            Map<String, Tensor> in = new HashMap<>();
            for (String k : new TreeSet<>(inputs.keySet())) {
                boolean diff = entry.input(k).map(TensorSpec::differentiable).orElse(false);
                in.put(k, diff || !entry.differentiable() ? Allowance.perturb(inputs.get(k), eps, rnd) : inputs.get(k));
            }
            Map<String, Tensor> up = new HashMap<>();
            for (String k : new TreeSet<>(upstream.keySet())) {
                up.put(k, Allowance.perturb(upstream.get(k), eps, rnd));
            }
            try {
                Map<String, Tensor> out = new LinkedHashMap<>();
                if (forward) {
                    out.putAll(ref.forward(in, params));
                }
                if (backward) {
                    out.putAll(ref.backward(in, up, params));
                }
                perturbed.add(out);
            } catch (ContractException e) {
                // the perturbation left the domain (a probability above 1): no conditioning term from this draw
            } catch (RuntimeException e) {
                // the reference refused the perturbed inputs otherwise: no conditioning term from this draw (the
                // verdict then rests on the default and F_j, never on an exception of the widening)
            }
        }
    }

    /**
     * The allowance per element of the tensor {@code name}.
     *
     * @param reference the reference's tensor, aligned to the case's
     * @param caseValue the case's tensor (the alignment of the perturbed results)
     */
    double[] allowed(String name, Tensor reference, Tensor caseValue) {
        List<Tensor> moved = new ArrayList<>();
        var alignment = entry.alignments().get(name);
        for (Map<String, Tensor> p : perturbed) {
            Tensor t = p.get(name);
            moved.add(t == null || alignment == null || !t.sameShape(caseValue) ? t : alignment.align(caseValue, t));
        }
        double[] k = Allowance.conditioning(reference, moved);
        boolean gradient = !entry.outputs().contains(name);
        double[] f;
        try {
            f = entry.formulaScale(name).map(s -> s.terms(inputs, gradient ? upstream : Map.of(), params)).orElse(null);
        } catch (RuntimeException e) {
            f = null; // the formula's terms need inputs this case does not give: no F_j
        }
        return Allowance.cancellation(dtype, reference.size(), f, k);
    }
}
