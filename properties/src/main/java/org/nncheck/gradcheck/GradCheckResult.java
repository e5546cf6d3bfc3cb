package org.nncheck.gradcheck;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The outcome of one {@link GradientChecker#check gradient check}: one {@link TensorReport} per
 * checked input tensor, plus problems that concern the whole call (the backward threw, the
 * forward gave no output).
 *
 * <p>It is meant to fail, not to be printed: {@link #assertPasses(double)} throws an
 * {@link AssertionError} whose message is the {@link #table() table}.
 *
 * @param component the component id
 * @param options the options used (seed included, to reproduce a failure)
 * @param outputs the outputs that entered the objective {@code f = sum_o <o, u_o>}
 * @param tensors the per-tensor reports, in the order the inputs were asked for
 * @param problems problems of the whole call (empty when none)
 */
public record GradCheckResult(String component, GradientChecker.Options options, List<String> outputs,
                              List<TensorReport> tensors, List<String> problems) {

    public GradCheckResult {
        outputs = List.copyOf(outputs);
        tensors = List.copyOf(tensors);
        problems = List.copyOf(problems);
    }

    /** Whether every tensor passes at relative tolerance {@code tol} and nothing else went wrong. */
    public boolean passed(double tol) {
        return problems.isEmpty() && !tensors.isEmpty() && tensors.stream().allMatch(t -> t.passed(tol));
    }

    /** The largest relative error over all tensors ({@code +Infinity} on a problem). */
    public double worstRelError() {
        if (!problems.isEmpty()) {
            return Double.POSITIVE_INFINITY;
        }
        double w = 0;
        for (TensorReport t : tensors) {
            w = t.problem() != null ? Double.POSITIVE_INFINITY : Math.max(w, t.relError());
        }
        return w;
    }

    /** The report of one tensor. */
    public Optional<TensorReport> tensor(String name) {
        return tensors.stream().filter(t -> t.tensor().equals(name)).findFirst();
    }

    /** Whether any kink was met (at, near, or crossed). */
    public boolean anyKink() {
        return tensors.stream().anyMatch(t -> t.kinkCount() > 0);
    }

    /**
     * Fails with the table when the check does not pass at {@code tol}.
     *
     * @throws AssertionError naming every failing tensor, its worst index, the two values there
     *     and the relative error
     */
    public GradCheckResult assertPasses(double tol) {
        if (!passed(tol)) {
            throw new AssertionError("gradient check of " + component + " failed at relative tolerance "
                    + fmt(tol) + " (seed " + options.seed() + ")\n" + table(tol));
        }
        return this;
    }

    /** The table with pass/fail marks at {@code tol}. */
    public String table(double tol) {
        StringBuilder sb = new StringBuilder();
        for (String p : problems) {
            sb.append("PROBLEM: ").append(p).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%-4s %-12s %-11s %7s %-18s %14s %14s %10s %10s %10s %-22s %9s %s%n",
                "", "tensor", "mode", "checked", "worst at", "analytic", "numeric", "rel err", "raw rel", "err est",
                "kink", "step", "tier"));
        for (TensorReport t : tensors) {
            String mark = t.passed(tol) ? "ok" : "FAIL";
            sb.append(String.format(Locale.ROOT, "%-4s %-12s %-11s %7d %-18s %14s %14s %10s %10s %10s %-22s %9s %s",
                    mark, "d" + t.tensor(), t.mode().name().toLowerCase(Locale.ROOT), t.checked(), t.worstWhere(),
                    fmt(t.analytic()), fmt(t.numeric()), fmt(t.relError()), fmt(t.rawRelError()), fmt(t.errorEstimate()),
                    t.kink().label() + (t.kinkCount() > 0 ? " (" + t.kinkCount() + ")" : ""), fmt(t.step()),
                    t.tier()));
            if (t.undeclaredKinks() > 0) {
                sb.append("  ").append(t.undeclaredKinks()).append(" element(s) with a slope jump where ")
                        .append(component).append(" declares no kink");
            }
            int above = t.countAbove(tol);
            if (above > 0 && t.problem() == null) {
                sb.append("  ").append(above).append(" of ").append(t.relErrors().length).append(" above ").append(fmt(tol));
            }
            if (t.problem() != null) {
                sb.append("  ").append(t.problem());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The table with marks at the CS231n "suspicious" bound 1e-4. */
    public String table() {
        return table(1e-4);
    }

    @Override
    public String toString() {
        return "GradCheckResult[" + component + ", worst " + fmt(worstRelError()) + "]\n" + table();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
