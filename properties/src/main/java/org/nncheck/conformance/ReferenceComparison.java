package org.nncheck.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.OutputAlignment;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.diagnosis.ConventionDiagnosis;

/**
 * Compares an implementation's tensors with the expected computation's on one sample, with the
 * kit's {@link Allowance}: computes the conditioning term (perturbed re-evaluations of the
 * expected computation) and the formula terms, and describes every tensor that differs.
 */
final class ReferenceComparison {
    /**
     * The outcome: one line per differing tensor (empty when all match), the largest share of the
     * allowance a matching element used, and the largest share a differing element used
     * ({@code |diff| / allowed}; infinite for a missing tensor, a wrong shape or a non-finite difference).
     */
    record Outcome(List<String> problems, List<String> failing, double used, double worst) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    private ReferenceComparison() {
    }

    /**
     * @param expected the expected computation's results on the sample
     * @param perturbedEval the expected computation on perturbed inputs (and upstream gradients)
     * @param formulaTerms F_j per tensor, where the formula cancels internally
     */
    static Outcome compare(Subject subject, Sample s, Map<String, Tensor> got, Map<String, Tensor> expected, List<String> names,
                           Function<SplittableRandom, Map<String, Tensor>> perturbedEval, Map<String, double[]> formulaTerms) {
        List<Map<String, Tensor>> perturbed = new ArrayList<>();
        // inputs at exact kinks and ties are exact in every precision, and a perturbation would move them off the
        // kink: the SPEC's convention there is compared without a conditioning term
        int draws = EdgeInputs.TIES.equals(s.edge()) ? 0 : Allowance.DRAWS;
        for (int d = 0; d < draws; d++) {
            try {
                perturbed.add(perturbedEval.apply(new SplittableRandom(s.seed() + 31L * (d + 1))));
            } catch (ContractException ex) {
                // the perturbation left the domain (a probability above 1): no conditioning term from this draw
            }
        }
        List<String> problems = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        double used = 0;
        double worstShare = 0;
        for (String name : names) {
            Tensor want = expected.get(name);
            if (want == null) {
                continue;
            }
            Tensor g = got == null ? null : got.get(name);
            if (g == null) {
                failing.add(name);
                worstShare = Double.POSITIVE_INFINITY;
                problems.add("no '" + name + "' in the result (it has " + (got == null ? "nothing" : new TreeSet<>(got.keySet())) + ")");
                continue;
            }
            if (!g.sameShape(want)) {
                failing.add(name);
                problems.add("'" + name + "' has shape " + g.shapeString() + ", the " + subject.expectedName() + " " + want.shapeString());
                continue;
            }
            OutputAlignment a = subject.entry.alignments().get(name);
            Tensor w = a == null ? want : a.align(g, want);
            List<Tensor> aligned = new ArrayList<>();
            for (Map<String, Tensor> pm : perturbed) {
                Tensor pt = pm.get(name);
                if (pt != null && pt.sameShape(w)) {
                    aligned.add(a == null ? pt : a.align(g, pt));
                }
            }
            double[] cond = Allowance.conditioning(w, aligned);
            double[] ft = formulaTerms.get(name);
            double scale = 0;
            for (int j = 0; j < w.size(); j++) {
                double v = Math.abs(w.get(j));
                scale = Double.isFinite(v) ? Math.max(scale, v) : scale;
            }
            int bad = 0;
            int worst = -1;
            double worstRatio = 0;
            for (int j = 0; j < w.size(); j++) {
                double allowed = Allowance.allowed(subject.precision, w.get(j), scale, ft == null || ft.length != cond.length ? 0 : ft[j],
                        cond[j]);
                boolean ok = Allowance.accepts(g.get(j), w.get(j), allowed);
                double ratio = ok ? (g.get(j) == w.get(j) || Double.isNaN(w.get(j)) ? 0 : Math.abs(g.get(j) - w.get(j)) / allowed)
                        : Double.isFinite(g.get(j) - w.get(j)) ? Math.abs(g.get(j) - w.get(j)) / allowed : Double.POSITIVE_INFINITY;
                used = Math.max(used, ok ? ratio : used);
                if (!ok) {
                    bad++;
                    if (worst < 0 || ratio > worstRatio) {
                        worst = j;
                        worstRatio = ratio;
                    }
                }
            }
            if (bad > 0) {
                failing.add(name);
                worstShare = Math.max(worstShare, worstRatio);
                double allowed = Allowance.allowed(subject.precision, w.get(worst), scale,
                        ft == null || ft.length != cond.length ? 0 : ft[worst], cond[worst]);
                problems.add(String.format(Locale.ROOT, "'%s' differs at %d of %d elements; worst at %s: got %s, %s %s"
                                + " (|diff| %.3g, allowed %.3g for %s: %s)",
                        name, bad, w.size(), Arrays.toString(w.unravel(worst)), g.get(worst), subject.expectedName(), w.get(worst),
                        Math.abs(g.get(worst) - w.get(worst)), allowed, subject.precision.jsonName(),
                        describeNonFinite(g.get(worst), w.get(worst))));
            }
        }
        return new Outcome(problems, failing, used, worstShare);
    }

    /**
     * Whether {@code got} is within the {@link Allowance} of {@code want} without the conditioning
     * and formula terms: the test of a convention diagnosis.
     */
    static boolean within(Dtype p, Tensor got, Tensor want) {
        if (got == null || !got.sameShape(want)) {
            return false;
        }
        double scale = 0;
        for (int j = 0; j < want.size(); j++) {
            double v = Math.abs(want.get(j));
            scale = Double.isFinite(v) ? Math.max(scale, v) : scale;
        }
        for (int j = 0; j < want.size(); j++) {
            if (!Allowance.accepts(got.get(j), want.get(j), Allowance.allowed(p, want.get(j), scale, 0, 0))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The documented alternatives under which the failing tensors would match, attributed per
     * tensor ({@link ConventionDiagnosis}, as {@code verify} does); empty when none.
     */
    static List<ConventionDiagnosis.Match> diagnose(Subject subject, Sample s, Map<String, Tensor> got, Outcome o, Map<String, Tensor> upstream,
                                 boolean backward) {
        Map<String, Tensor> failing = new LinkedHashMap<>();
        for (String n : o.failing()) {
            if (got != null && got.get(n) != null) {
                failing.put(n, got.get(n));
            }
        }
        if (failing.isEmpty()) {
            return List.of();
        }
        return ConventionDiagnosis.diagnose(subject.entry, s.inputs(), upstream, s.params(), !backward,
                backward, failing, (name, t) -> within(subject.precision, failing.get(name), t));
    }

    /** A diagnosis as a line of a check's detail. */
    static String line(ConventionDiagnosis.Match m) {
        return m.matching() + (m.matching().size() == 1 ? " would match" : " would all match") + " under the convention '"
                + m.alternative().name() + "' (" + m.alternative().explanation() + ")";
    }

    private static String describeNonFinite(double g, double w) {
        if (Double.isNaN(g) != Double.isNaN(w)) {
            return Double.isNaN(g) ? "a NaN where the result is finite" : "no NaN where the SPEC's result is NaN";
        }
        if (Double.isInfinite(g) || Double.isInfinite(w)) {
            return "an infinity matches only the same infinity";
        }
        return g == 0 && w != 0 ? "zero where the result is not" : "outside the allowance";
    }

    /** Floating-point inputs multiplied by (1 + eps e), e random signs: the differentiable ones (all, for a component without gradients). */
    static Map<String, Tensor> perturbInputs(Subject subject, Map<String, Tensor> inputs, double eps, SplittableRandom rnd) {
        Map<String, Tensor> out = new HashMap<>();
        for (String k : new TreeSet<>(inputs.keySet())) {
            Tensor t = inputs.get(k);
            boolean diff = subject.entry.input(k).map(org.nncheck.catalogue.TensorSpec::differentiable).orElse(false);
            out.put(k, t.isIntegral() || !(diff || !subject.entry.differentiable()) ? t : Allowance.perturb(t, eps, rnd));
        }
        return out;
    }

    static Map<String, Tensor> perturbAll(Map<String, Tensor> m, double eps, SplittableRandom rnd) {
        Map<String, Tensor> out = new HashMap<>();
        for (String k : new TreeSet<>(m.keySet())) {
            Tensor t = m.get(k);
            out.put(k, Allowance.perturb(t, eps, rnd));
        }
        return out;
    }

    /** The reduction length: the largest input's size (0 for the element-wise activations). */
    static long reductionLength(Subject subject, Map<String, Tensor> inputs) {
        return inputs.values().stream().mapToLong(Tensor::size).max().orElse(1);
    }

    /**
     * F_j of a forward: the entry's formula scales ({@link Entry#formulaScale}: optimizer
     * trajectories, conv2d's sums of products); for the
     * element-wise activations {@code |x_j|}, the operand of the textbook formula, which cancels
     * at that scale (gelu's {@code 0.5 x (1 + erf(x / sqrt 2))} at x = -5 is 1e-6 |x|, computed to
     * a few u |x|; a one-element tensor has no larger element to set the scale s).
     */
    static Map<String, double[]> forwardTerms(Subject subject, Map<String, Tensor> inputs, Map<String, Tensor> expected, Params params) {
        Map<String, double[]> terms = new LinkedHashMap<>();
        for (String name : expected.keySet()) {
            subject.entry.formulaScale(name).map(f -> f.terms(inputs, Map.of(), params)).ifPresent(t -> terms.put(name, t));
        }
        if (subject.entry.family() == Family.ACTIVATION) {
            elementwise(terms, "y", expected.get("y"), inputs.get("x"));
        }
        return terms;
    }

    /**
     * Adds {@code |operand_j|} to F_j of {@code name} where the two tensors correspond element by
     * element (same shape). For the element-wise activations' gradients the operand is
     * {@code dy}: {@code dx_j = dy_j f'(x_j)} with {@code f'} computed from a cancelling formula
     * ({@code 1 - y^2}, {@code y (1 - y)} near y = 1) is accurate to a few u |dy_j|, not relative
     * to dx_j.
     */
    static void elementwise(Map<String, double[]> terms, String name, Tensor result, Tensor operand) {
        if (result == null || operand == null || !result.sameShape(operand)) {
            return;
        }
        double[] t = terms.computeIfAbsent(name, k -> new double[result.size()]);
        for (int j = 0; j < t.length; j++) {
            double v = Math.abs(operand.get(j));
            t[j] += Double.isFinite(v) ? v : 0;
        }
    }
}
