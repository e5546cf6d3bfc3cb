package org.nncheck.conformance;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Component;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;

/**
 * {@value #NAME}: the implementation's own backward against finite differences of its own
 * forward ({@link GradientChecker}), at the entry's gradcheck tolerance in float64 and at the
 * CS231n "wrong" bound 1e-2 in float32 (element by element there), on about half the samples
 * (every parameter set, every size). In float32 the rule is skipped for components whose kinks
 * depend on the data (ties of a max: max_pool2d, maxout): the float32 step (1e-2 and more) crosses
 * near-ties the checker cannot locate, a false alarm on correct code. In float16 and bfloat16 finite differences of the forward cannot resolve a gradient
 * (a step of h gives an error of u/h: 4.9e-4/h), so the rule is skipped there; the backward is
 * still compared with the reference.
 */
final class GradientCheck extends Rule {
    static final String NAME = "required_gradient_check";

    GradientCheck() {
        super(NAME);
    }

    @Override
    boolean appliesTo(Entry e) {
        return e.differentiable();
    }

    @Override
    CheckResult check(Subject s) {
        if (s.precision == Dtype.FLOAT16 || s.precision == Dtype.BFLOAT16) {
            return CheckResult.skip(s.key, NAME, "finite differences of a " + s.precision.jsonName()
                    + " forward cannot resolve a gradient; the backward is compared with the reference instead");
        }
        boolean low = s.precision != Dtype.FLOAT64;
        double tol = low ? Math.max(1e-2, s.entry.gradcheckTolerance()) : s.entry.gradcheckTolerance();
        Kinks kinks = s.entry.kinks();
        if (low && dataDependent(kinks, s)) {
            return CheckResult.skip(s.key, NAME, "finite differences at " + s.precision.jsonName() + "'s step cross the"
                    + " data-dependent kinks of " + s.entry.id() + " (" + kinks.describe() + ") unseen; the backward is compared"
                    + " with the reference instead");
        }
        int checked = 0;
        int failed = 0;
        StringBuilder first = new StringBuilder();
        double worst = 0;
        for (Sample x : s.resolve().samples()) {
            if (x.seed() % 2 != 0 && x.size() != 0 || x.diffNames().isEmpty() || x.edge() != null) {
                continue;
            }
            // in float32 every element on its own: the float32 step (1e-2) along a random direction crosses the
            // near-ties of a max (max_pool2d, maxout) undetected, element by element the checker sees the kink
            GradientChecker.Options o = (low ? GradientChecker.Options.float32().dense() : GradientChecker.Options.defaults())
                    .withUnitRoundoff(s.precision.unitRoundoff()).withSeed(x.seed());
            GradCheckResult r = new GradientChecker(o).check(s.resolve().component(),
                    new HashMap<>(x.inputs()), x.params(), x.diffNames(), s.entry.differentiatedOutputs(), kinks);
            checked++;
            worst = Math.max(worst, r.worstRelError());
            if (!r.passed(tol)) {
                failed++;
                if (failed == 1) {
                    first.append(x.where()).append(", tolerance ").append(tol).append(":\n").append(r.table(tol));
                }
            }
        }
        if (checked == 0) {
            return CheckResult.skip(s.key, NAME, "no sample has a floating-point differentiable input");
        }
        if (failed > 0) {
            return CheckResult.fail(s.key, NAME, "the backward disagrees with finite differences of the forward on " + failed
                    + " of " + checked + " samples; first: " + first);
        }
        return CheckResult.pass(s.key, NAME, checked + " samples, worst relative error "
                + String.format(Locale.ROOT, "%.3g", worst) + " (tolerance " + tol + ")");
    }

    /** Whether the kinks depend on the data (ties of a max): their distance is not known per element. */
    private static boolean dataDependent(Kinks kinks, Subject s) {
        if (!kinks.any()) {
            return false;
        }
        for (Sample x : s.resolve().samples()) {
            for (String n : x.diffNames()) {
                if (x.inputs().get(n).size() > 0) {
                    return Double.isNaN(kinks.distance(x.inputs(), x.params(), n, 0));
                }
            }
        }
        return false;
    }
}
