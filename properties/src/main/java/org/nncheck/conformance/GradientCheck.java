package org.nncheck.conformance;

import java.util.HashMap;
import java.util.Locale;
import org.nncheck.cases.Dtype;
import org.nncheck.catalogue.Entry;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;

/**
 * {@value #NAME}: the implementation's own backward against finite differences of its own
 * forward ({@link GradientChecker}), at the entry's gradcheck tolerance in float64 and at the
 * CS231n "wrong" bound 1e-2 in float32, on about half the samples (every parameter set, every
 * size). In float16 and bfloat16 finite differences of the forward cannot resolve a gradient
 * (a step of h gives an error of u/h: 4.9e-4/h), so the rule is skipped there; the backward is
 * still compared with the reference.
 */
final class GradientCheck implements Rule {
    static final String NAME = "required_gradient_check";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean appliesTo(Entry e) {
        return e.differentiable();
    }

    @Override
    public CheckResult check(Subject s) {
        if (s.precision == Dtype.FLOAT16 || s.precision == Dtype.BFLOAT16) {
            return CheckResult.skip(s.key, NAME, "finite differences of a " + s.precision.jsonName()
                    + " forward cannot resolve a gradient; the backward is compared with the reference instead");
        }
        boolean low = s.precision != Dtype.FLOAT64;
        double tol = low ? Math.max(1e-2, s.entry.gradcheckTolerance()) : s.entry.gradcheckTolerance();
        int checked = 0;
        int failed = 0;
        StringBuilder first = new StringBuilder();
        double worst = 0;
        for (Sample x : s.resolve().samples()) {
            if (x.seed() % 2 != 0 && x.size() != 0 || x.diffNames().isEmpty()) {
                continue;
            }
            GradientChecker.Options o = (low ? GradientChecker.Options.float32() : GradientChecker.Options.defaults())
                    .withUnitRoundoff(s.precision.unitRoundoff()).withSeed(x.seed());
            GradCheckResult r = new GradientChecker(o).check(s.resolve().component(), new HashMap<>(x.inputs()), x.params(),
                    x.diffNames());
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
}
