package org.nncheck.gradcheck;

import java.util.Arrays;

/**
 * The gradient check of one input tensor.
 *
 * @param tensor the input's name ({@code x}, {@code alpha}...); its gradient is {@code d<tensor>}
 * @param mode element by element (alone or colored), or random projections
 * @param checked how many elements (dense) or directions (directional) were compared, plus
 *     any elements a directional check compared densely because they sat near a declared kink
 * @param worstWhere where the largest relative error was: a multi-index such as {@code [1, 2]},
 *     or {@code direction 3}
 * @param worstIndex the multi-index of the worst element, or {@code null} for a direction
 * @param analytic the analytic value there ({@code d<tensor>} at the element, or
 *     {@code <d<tensor>, w>} for a direction w)
 * @param numeric the finite-difference value there (for a subgradient check: the nearest point of
 *     the interval between the left and right slopes)
 * @param errorEstimate the estimated absolute error of {@code numeric} (truncation + rounding),
 *     see {@link GradientChecker}
 * @param relError the relative error there (see {@link GradientChecker} for the formula);
 *     {@code +Infinity} when the gradient is missing, malformed or not finite
 * @param rawRelError the largest relative error over the checked elements without subtracting the
 *     error estimate, {@code |a_i - n_i| / max(|a_i|, |n_i|, FLOOR * scale)}: the measured accuracy
 *     subtracted: {@code |a - n| / max(|a|, |n|, floor)}, for information
 * @param kink what was seen about kinks at the worst element
 * @param kinkCount how many checked elements were at or near a kink, or crossed one
 * @param undeclaredKinks how many checked elements showed a slope jump where no kink is
 *     declared (each is a failure)
 * @param step the step h used at the worst element (the largest one of its stencil)
 * @param problem a problem that makes this tensor fail whatever the tolerance (a missing or
 *     misshapen gradient, a non-finite value), or {@code null}
 * @param relErrors the relative error of every checked element or direction, in order
 */
public record TensorReport(String tensor, CheckMode mode, int checked, String worstWhere, int[] worstIndex,
                           double analytic, double numeric, double errorEstimate, double relError, double rawRelError, KinkStatus kink,
                           int kinkCount, int undeclaredKinks, double step, String problem, double[] relErrors) {

    /** How a tensor was checked. */
    public enum CheckMode {
        /** Every element perturbed on its own. */
        DENSE,
        /**
         * Every element compared on its own, independent elements (by the entry's declared
         * dependence) perturbed together: colored finite differences.
         */
        COLORED,
        /** Random directions w: {@code <d<tensor>, w>} against the directional derivative. */
        DIRECTIONAL
    }

    public TensorReport {
        worstIndex = worstIndex == null ? null : worstIndex.clone();
        relErrors = relErrors == null ? new double[0] : relErrors.clone();
    }

    /** A tensor that could not be compared at all. */
    static TensorReport failed(String tensor, CheckMode mode, String problem) {
        return new TensorReport(tensor, mode, 0, "-", null, Double.NaN, Double.NaN, Double.NaN,
                Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, KinkStatus.NONE, 0, 0, Double.NaN, problem, null);
    }

    /** Whether this tensor passes at relative tolerance {@code tol}. */
    public boolean passed(double tol) {
        return problem == null && undeclaredKinks == 0 && relError <= tol;
    }

    /** How many checked elements or directions exceed {@code tol}. */
    public int countAbove(double tol) {
        return (int) Arrays.stream(relErrors).filter(r -> !(r <= tol)).count();
    }

    /** The CS231n tier of the worst relative error ({@link ErrorTier#WRONG} on a problem or an undeclared kink). */
    public ErrorTier tier() {
        return problem != null || undeclaredKinks > 0 ? ErrorTier.WRONG : ErrorTier.of(relError);
    }

    @Override
    public int[] worstIndex() {
        return worstIndex == null ? null : worstIndex.clone();
    }

    @Override
    public double[] relErrors() {
        return relErrors.clone();
    }
}
