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
 * @param maxRelError largest {@code |reference - case| / |case|} over elements with a non-zero case value
 * @param worstIndex multi-index of the element furthest out of tolerance (or of the largest error)
 * @param caseValue the case's value there
 * @param referenceValue the reference's value there
 * @param outOfTolerance how many elements are out of tolerance
 * @param size number of elements
 * @param tolerance the tolerance used
 * @param toleranceUsed largest ratio of error to allowed error (at most 1 when passed; NaN
 *     matching NaN counts 0, a NaN mismatch infinity)
 */
public record TensorReport(String name, boolean passed, String shapeMismatch, double maxAbsError, double maxRelError,
                           int[] worstIndex, double caseValue, double referenceValue, int outOfTolerance, int size,
                           Tolerance tolerance, double toleranceUsed) {

    /** Compares the case's tensor with the reference's. */
    public static TensorReport compare(String name, Tensor reference, Tensor caseTensor, Tolerance tol) {
        if (!reference.sameShape(caseTensor)) {
            boolean sameSize = reference.size() == caseTensor.size();
            return new TensorReport(name, false, "shape " + caseTensor.shapeString() + " but the reference has "
                    + reference.shapeString() + (sameSize ? " (same number of elements: a transposed or flattened layout?)" : ""),
                    Double.NaN, Double.NaN, new int[0], Double.NaN, Double.NaN, caseTensor.size(), caseTensor.size(), tol, Double.POSITIVE_INFINITY);
        }
        double s = tol.scale(caseTensor);
        double used = 0;
        double maxAbs = 0;
        double maxRel = 0;
        int worst = -1;
        double worstScore = -1;
        int bad = 0;
        for (int i = 0; i < reference.size(); i++) {
            double r = reference.get(i);
            double c = caseTensor.get(i);
            boolean ok = tol.accepts(r, c, s);
            double abs = (Double.isNaN(r) && Double.isNaN(c)) || r == c ? 0 : Math.abs(r - c);
            if (Double.isNaN(abs)) {
                abs = Double.POSITIVE_INFINITY;
            }
            double rel = c == 0 ? (abs == 0 ? 0 : Double.POSITIVE_INFINITY) : abs / Math.abs(c);
            if (!ok) {
                bad++;
            }
            maxAbs = Math.max(maxAbs, abs);
            if (c != 0) {
                maxRel = Math.max(maxRel, rel);
            }
            double score = abs / (tol.allowed(Double.isFinite(c) ? c : 0, s) + Double.MIN_VALUE);
            used = Math.max(used, ok ? (abs == 0 ? 0 : Math.min(score, 1)) : Double.POSITIVE_INFINITY);
            if (!ok) {
                score = Double.isFinite(score) ? score + 1e300 : Double.MAX_VALUE;
            }
            if (score > worstScore) {
                worstScore = score;
                worst = i;
            }
        }
        int[] idx = worst < 0 ? new int[0] : reference.unravel(worst);
        return new TensorReport(name, bad == 0, null, maxAbs, maxRel, idx, worst < 0 ? Double.NaN : caseTensor.get(worst),
                worst < 0 ? Double.NaN : reference.get(worst), bad, reference.size(), tol,
                bad > 0 ? maxScore(reference, caseTensor, tol, s) : used);
    }

    private static double maxScore(Tensor reference, Tensor caseTensor, Tolerance tol, double s) {
        double m = 0;
        for (int i = 0; i < reference.size(); i++) {
            double r = reference.get(i);
            double c = caseTensor.get(i);
            if (tol.accepts(r, c, s)) {
                continue;
            }
            double abs = Math.abs(r - c);
            m = Math.max(m, Double.isFinite(abs) ? abs / (tol.allowed(Double.isFinite(c) ? c : 0, s) + Double.MIN_VALUE) : Double.POSITIVE_INFINITY);
        }
        return m;
    }

    /** One-line description of a failure (or the worst error of a pass). */
    public String describe() {
        if (shapeMismatch != null) {
            return name + ": " + shapeMismatch;
        }
        return String.format(Locale.ROOT, "%s%s: case %s, reference %s (abs err %.3g, rel err %.3g); max abs err %.3g, max rel err %.3g; %d/%d out of tolerance (%s: %.3g of the allowed error)",
                name, Arrays.toString(worstIndex).replace(" ", ""), num(caseValue), num(referenceValue),
                Math.abs(caseValue - referenceValue), caseValue == 0 ? Math.abs(referenceValue) : Math.abs(caseValue - referenceValue) / Math.abs(caseValue),
                maxAbsError, maxRelError, outOfTolerance, size, tolerance, toleranceUsed);
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.9g", v) : Double.toString(v);
    }
}
