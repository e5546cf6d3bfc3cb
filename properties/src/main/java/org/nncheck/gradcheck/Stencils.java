package org.nncheck.gradcheck;

/**
 * Finite-difference stencils with their error estimates (see {@link GradientChecker}, "Steps" and
 * "Error estimate"): the central difference, extrapolated with Richardson at {@code h} and
 * {@code h/2} or not, and the second-order one-sided difference. The absolute error estimate of
 * a value is its truncation part (the Richardson difference, {@code |D(h/2) - D(h)| / 3}) plus a
 * rounding part {@code c * noise / h} with {@code c} the sum of the absolute stencil weights
 * times {@code h} (3 for the extrapolated central difference, 1 for the plain one, 12 and 4 for
 * the one-sided ones).
 */
final class Stencils {

    /** f along one coordinate or direction, as a function of the displacement. */
    interface Line {
        /** f at requested displacement t (NaN on failure). */
        double f(double t);

        /** The displacement really realised for a requested t. */
        double actual(double t);
    }

    /** A numeric derivative with its error estimate. */
    record Est(double value, double trunc, double round, double step) {
        double error() {
            return trunc + round;
        }

        boolean ok() {
            return Double.isFinite(value) && Double.isFinite(trunc);
        }
    }

    /** Runs a stencil at a step. */
    interface Estimator {
        Est at(double h);
    }

    private final boolean richardson;
    private final boolean fourPoint;

    Stencils(boolean richardson) {
        this(richardson, false);
    }

    private Stencils(boolean richardson, boolean fourPoint) {
        this.richardson = richardson;
        this.fourPoint = fourPoint;
    }

    /**
     * The stencils of directional mode: with {@code richardson}, the central derivative comes
     * from the four points {@code -h, 0, h, 2h} ({@link #central}); for lines whose value at 0
     * is already known (the base forward) and whose displacement is exact ({@code actual(t) = t},
     * a multiplier of a direction), three new evaluations instead of Richardson's four.
     */
    static Stencils directional(boolean richardson) {
        return new Stencils(richardson, richardson);
    }

    /**
     * Central difference at h (and h/2, extrapolated, with Richardson). In {@link #directional}
     * mode the central difference {@code D(h)} is corrected by its leading truncation term
     * estimated from the third difference:
     * {@code n = D(h) - (f(2h) - 3 f(h) + 3 f(0) - f(-h)) / 6h}, exact for cubics (error
     * O(h^3), the non-symmetric four-point stencil of Fornberg, "Generation of finite difference
     * formulas on arbitrarily spaced grids", Math. Comp. 51, 1988), with the size of the
     * correction as truncation estimate ({@code h^2 |f'''| / 6}, the error of {@code D(h)}, so
     * conservative for {@code n}) and {@code c = 2} (its weights {@code -1/3, -1/2, 1, -1/6}).
     */
    Est central(Line line, double h, double noise) {
        if (fourPoint) {
            double fp = line.f(h);
            double fm = line.f(-h);
            double f2 = line.f(2 * h);
            double d = (fp - fm) / (2 * h);
            double corr = (f2 - 3 * fp + 3 * line.f(0) - fm) / (6 * h);
            return new Est(d - corr, Math.abs(corr), 2 * noise / h, h);
        }
        double d1 = (line.f(h) - line.f(-h)) / (line.actual(h) - line.actual(-h));
        if (richardson) {
            double d2 = (line.f(h / 2) - line.f(-h / 2)) / (line.actual(h / 2) - line.actual(-h / 2));
            return new Est((4 * d2 - d1) / 3, Math.abs(d2 - d1) / 3, 3 * noise / h, h);
        }
        return new Est(d1, 0, noise / h, h);
    }

    /** Second-order one-sided derivative from points 0, p1, p2 (signed displacements). */
    static double oneSided3(double f0, double f1, double f2, double p1, double p2) {
        return -f0 * (p1 + p2) / (p1 * p2) + f1 * p2 / (p1 * (p2 - p1)) - f2 * p1 / (p2 * (p2 - p1));
    }

    /** One-sided difference on side {@code side} (+1 or -1) of 0, where f is {@code f0}. */
    Est oneSided(Line line, double side, double h, double noise, double f0) {
        double hs = side * h;
        double g1 = oneSided3(f0, line.f(hs), line.f(2 * hs), line.actual(hs), line.actual(2 * hs));
        if (richardson) {
            double g2 = oneSided3(f0, line.f(hs / 2), line.f(hs), line.actual(hs / 2), line.actual(hs));
            return new Est((4 * g2 - g1) / 3, Math.abs(g2 - g1) / 3, 12 * noise / h, h);
        }
        return new Est(g1, 0, 4 * noise / h, h);
    }

    /** Runs an estimator, shrinking the step (by 8, up to 3 times) when f is not finite. */
    static Est shrinking(Estimator e, double h) {
        Est est = e.at(h);
        for (int k = 0; k < 3 && !est.ok(); k++) {
            h /= 8;
            est = e.at(h);
        }
        return est;
    }
}
