package org.nncheck.gradcheck;

import org.nncheck.gradcheck.Stencils.Est;
import org.nncheck.gradcheck.Stencils.Line;

/**
 * The kink decisions of one derivative (see {@link GradientChecker}, "Kinks"): which stencil to
 * use given the declared distance to a kink, when to compare the one-sided slopes, and when a
 * subgradient between them is accepted or an undeclared kink is flagged.
 */
final class KinkRules {

    /** Truncation estimate above this fraction of the values makes an element "look non-smooth". */
    static final double NON_SMOOTH = 1e-3;

    /** Result of one element or direction. */
    record Point(double analytic, double numeric, double error, KinkStatus kink, double step, String problem) {
    }

    private final Stencils stencils;

    KinkRules(Stencils stencils) {
        this.stencils = stencils;
    }

    private static boolean disagree(Est l, Est r) {
        return Math.abs(l.value() - r.value()) > 2 * (l.error() + r.error())
                + 1e-7 * Math.max(Math.abs(l.value()), Math.abs(r.value()));
    }

    private static boolean looksNonSmooth(Est c, double analytic) {
        return c.trunc() > NON_SMOOTH * Math.max(Math.abs(c.value()), Math.abs(analytic)) && c.trunc() > 10 * c.round();
    }

    /**
     * One derivative along a line, kink-aware.
     *
     * @param f0 f at displacement 0 (for the one-sided stencils)
     * @param kinkDistance the declared distance to a kink along the line (+inf: none, NaN:
     *     data-dependent)
     * @param kinkSide +1 when the nearest declared kink is at positive displacement, -1 at
     *     negative (only used when the distance is finite and below 2h)
     */
    Point derivative(Line line, double analytic, double h, double noise, double f0, double kinkDistance, int kinkSide) {
        if (!Double.isFinite(analytic)) {
            return new Point(analytic, Double.NaN, Double.NaN, KinkStatus.NONE, h, "analytic gradient is " + analytic);
        }
        if (kinkDistance == 0) {
            Est l = Stencils.shrinking(s -> stencils.oneSided(line, -1, s, noise, f0), h);
            Est r = Stencils.shrinking(s -> stencils.oneSided(line, +1, s, noise, f0), h);
            return subgradient(analytic, l, r, KinkStatus.AT_KINK_SUBGRADIENT);
        }
        if (kinkDistance < 2 * h) {
            // the kink is on side kinkSide: differentiate on the other side
            Est far = Stencils.shrinking(s -> stencils.oneSided(line, -kinkSide, s, noise, f0), h);
            return point(analytic, far, KinkStatus.NEAR_KINK_ONE_SIDED);
        }
        Est c = Stencils.shrinking(s -> stencils.central(line, s, noise), h);
        boolean mismatch = c.ok() && Math.abs(analytic - c.value())
                > c.error() + 1e-6 * Math.max(Math.abs(analytic), Math.abs(c.value()));
        if (Double.isNaN(kinkDistance) || (c.ok() && (mismatch || looksNonSmooth(c, analytic)))) {
            double hs = c.ok() ? c.step() : h;
            Est l = Stencils.shrinking(s -> stencils.oneSided(line, -1, s, noise, f0), hs);
            Est r = Stencils.shrinking(s -> stencils.oneSided(line, +1, s, noise, f0), hs);
            if (l.ok() && r.ok() && disagree(l, r)) {
                return subgradient(analytic, l, r,
                        Double.isNaN(kinkDistance) ? KinkStatus.KINK_CROSSED : KinkStatus.UNDECLARED_KINK);
            }
        }
        return point(analytic, c, KinkStatus.NONE);
    }

    private static Point point(double analytic, Est e, KinkStatus status) {
        if (!e.ok()) {
            return new Point(analytic, Double.NaN, Double.NaN, status, e.step(),
                    "forward not finite (or failing) at every step down to " + e.step());
        }
        return new Point(analytic, e.value(), e.error(), status, e.step(), null);
    }

    private static Point subgradient(double analytic, Est l, Est r, KinkStatus status) {
        if (!l.ok() || !r.ok()) {
            return point(analytic, l.ok() ? r : l, status);
        }
        double err = l.error() + r.error();
        double lo = Math.min(l.value(), r.value());
        double hi = Math.max(l.value(), r.value());
        double nearest = Math.max(lo, Math.min(hi, analytic));
        return new Point(analytic, nearest, err, status, Math.max(l.step(), r.step()), null);
    }
}
