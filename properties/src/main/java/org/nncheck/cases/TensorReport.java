package org.nncheck.cases;

import java.util.Arrays;
import java.util.Locale;
import org.nncheck.core.Tensor;

/**
 * How one expected tensor of a case compares with the reference.
 *
 * @param name tensor name ({@code y}, {@code dx}...)
 * @param passed whether every element is within tolerance (and the shapes agree)
 * @param shapeMismatch a message when the shapes differ, else {@code null}
 * @param maxAbsError largest {@code |reference - case|}
 * @param maxRelError largest {@code |reference - case| / |case|} (infinite where the case value is 0 and they differ)
 * @param worstIndex multi-index of the element furthest out of tolerance (or of the largest error)
 * @param caseValue the case's value there
 * @param referenceValue the reference's value there
 * @param outOfTolerance how many elements are out of tolerance
 * @param size number of elements
 * @param tolerance the tolerance used
 * @param toleranceUsed largest ratio of error to allowed error (at most 1 when passed; NaN
 *     matching NaN counts 0, a NaN or infinity mismatch infinity)
 * @param conditioned whether the allowance was widened by the conditioning-aware part of the
 *     default model (docs/TOLERANCES.md); {@code toleranceUsed} is then relative to the widened one
 */
public record TensorReport(String name, boolean passed, String shapeMismatch, double maxAbsError, double maxRelError,
                           int[] worstIndex, double caseValue, double referenceValue, int outOfTolerance, int size,
                           Tolerance tolerance, double toleranceUsed, boolean conditioned) {

    /** Compares the case's tensor with the reference's. */
    public static TensorReport compare(String name, Tensor reference, Tensor caseTensor, Tolerance tol) {
        return compare(name, reference, caseTensor, tol, null);
    }

    /**
     * Compares the case's tensor with the reference's, allowing at element {@code i} the larger
     * of the tolerance's error and {@code floor[i]} (the conditioning-aware allowance of the
     * default model, {@link org.nncheck.conformance.Allowance}; {@code null}: the tolerance alone).
     */
    public static TensorReport compare(String name, Tensor reference, Tensor caseTensor, Tolerance tol, double[] floor) {
        if (!reference.sameShape(caseTensor)) {
            boolean sameSize = reference.size() == caseTensor.size();
            return new TensorReport(name, false, "shape " + caseTensor.shapeString() + " but the reference has "
                    + reference.shapeString() + (sameSize && reference.size() > 1 ? " (same number of elements: a transposed or flattened layout?)"
                            : sameSize ? " (a scalar is a bare number or shape [])" : ""),
                    Double.NaN, Double.NaN, new int[0], Double.NaN, Double.NaN, caseTensor.size(), caseTensor.size(), tol, Double.POSITIVE_INFINITY, false);
        }
        double s = tol.scale(caseTensor);
        double maxAbs = 0;
        double maxRel = 0;
        int worst = -1;
        boolean worstBad = false;
        double worstScore = -1;
        double used = 0;
        int bad = 0;
        for (int i = 0; i < reference.size(); i++) {
            double r = reference.get(i);
            double c = caseTensor.get(i);
            double abs = absError(r, c);
            double allowed = tol.allowed(Double.isFinite(c) ? c : 0, s);
            if (floor != null && floor.length == reference.size() && Double.isFinite(floor[i])) {
                allowed = Math.max(allowed, floor[i]);
            }
            boolean ok = Double.isFinite(r) && Double.isFinite(c) ? abs <= allowed : tol.accepts(r, c, s);
            double rel = relError(r, c);
            maxAbs = Math.max(maxAbs, abs);
            maxRel = Math.max(maxRel, rel);
            // how far out of (or into) its tolerance this element is: infinite for a NaN or infinity mismatch
            double score = abs == 0 ? 0 : Double.isFinite(abs) ? abs / (allowed + Double.MIN_VALUE)
                    : Double.POSITIVE_INFINITY;
            if (!ok) {
                bad++;
            }
            used = Math.max(used, score);
            // the worst element: out of tolerance before within it; then the largest score, then the largest abs error
            boolean better = worst < 0 || (!ok && !worstBad) || (ok == !worstBad && (score > worstScore
                    || (score == worstScore && abs > absError(reference.get(worst), caseTensor.get(worst)))));
            if (better) {
                worst = i;
                worstBad = !ok;
                worstScore = score;
            }
        }
        int[] idx = worst < 0 ? new int[0] : reference.unravel(worst);
        return new TensorReport(name, bad == 0, null, maxAbs, maxRel, idx, worst < 0 ? Double.NaN : caseTensor.get(worst),
                worst < 0 ? Double.NaN : reference.get(worst), bad, reference.size(), tol, used, floor != null);
    }

    /** {@code |r - c|}: 0 when both are the same value (NaN with NaN, an infinity with itself), infinite when one is NaN or infinite and the other not. */
    static double absError(double r, double c) {
        if ((Double.isNaN(r) && Double.isNaN(c)) || r == c) {
            return 0;
        }
        double d = Math.abs(r - c);
        return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
    }

    /** {@code |r - c| / |c|}: 0 when equal, infinite when the case value is 0 or not finite and they differ. */
    static double relError(double r, double c) {
        double abs = absError(r, c);
        if (abs == 0) {
            return 0;
        }
        return c == 0 || !Double.isFinite(c) ? Double.POSITIVE_INFINITY : abs / Math.abs(c);
    }

    /** One-line description of a failure (or the worst error of a pass). */
    public String describe() {
        if (shapeMismatch != null) {
            return name + ": " + shapeMismatch;
        }
        return String.format(Locale.ROOT, "%s%s: case %s, reference %s (abs err %.3g, rel err %.3g); max abs err %.3g, max rel err %.3g; %d/%d out of tolerance (%s: %.3g of the allowed error)",
                name, Arrays.toString(worstIndex).replace(" ", ""), num(caseValue), num(referenceValue),
                absError(referenceValue, caseValue), relError(referenceValue, caseValue),
                maxAbsError, maxRelError, outOfTolerance, size, tolerance + (conditioned ? " or the conditioning-aware allowance" : ""),
                toleranceUsed);
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.9g", v) : Double.toString(v);
    }
}
