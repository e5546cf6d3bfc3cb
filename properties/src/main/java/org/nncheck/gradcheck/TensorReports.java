package org.nncheck.gradcheck;

import java.util.Collections;
import java.util.List;
import org.nncheck.gradcheck.KinkRules.Point;

/**
 * Turns the compared points of one tensor into its {@link TensorReport}: the relative error of
 * every point (see {@link GradientChecker}, "Error estimate and relative error"), the worst one,
 * the kink counts and the first problem.
 */
final class TensorReports {

    private TensorReports() {
    }

    /** The largest finite |analytic| or |numeric| of the points: a tensor's gradient scale. */
    static double scaleOf(List<Point> points) {
        double s = 0;
        for (Point p : points) {
            if (Double.isFinite(p.analytic())) {
                s = Math.max(s, Math.abs(p.analytic()));
            }
            if (Double.isFinite(p.numeric())) {
                s = Math.max(s, Math.abs(p.numeric()));
            }
        }
        return s;
    }

    /** Points that all share the same scale. */
    static TensorReport report(String name, TensorReport.CheckMode mode, List<Point> points, List<String> where,
                               List<int[]> index, double scale) {
        return report(name, mode, points, where, index, Collections.nCopies(points.size(), scale));
    }

    static TensorReport report(String name, TensorReport.CheckMode mode, List<Point> points, List<String> where,
                               List<int[]> index, List<Double> scales) {
        double[] rel = new double[points.size()];
        double[] raw = new double[points.size()];
        int worst = -1;
        int kinkCount = 0;
        int undeclared = 0;
        String problem = null;
        for (int k = 0; k < points.size(); k++) {
            Point p = points.get(k);
            if (p.kink() != KinkStatus.NONE) {
                kinkCount++;
            }
            if (p.kink() == KinkStatus.UNDECLARED_KINK) {
                undeclared++;
            }
            if (p.problem() != null) {
                rel[k] = Double.POSITIVE_INFINITY;
                if (problem == null) {
                    problem = "at " + where.get(k) + ": " + p.problem();
                }
            } else {
                double floor = GradientChecker.FLOOR * scales.get(k);
                double den = Math.max(Math.max(Math.abs(p.analytic()), Math.abs(p.numeric())), floor);
                double diff = Math.max(0, Math.abs(p.analytic() - p.numeric()) - p.error());
                rel[k] = diff == 0 ? 0 : (den > 0 ? diff / den : Double.POSITIVE_INFINITY);
                double d = Math.abs(p.analytic() - p.numeric());
                raw[k] = d == 0 ? 0 : (den > 0 ? d / den : Double.POSITIVE_INFINITY);
            }
            if (worst < 0 || rel[k] > rel[worst]
                    || (rel[k] == rel[worst] && p.kink() == KinkStatus.UNDECLARED_KINK)
                    || (rel[k] == rel[worst] && raw[k] > raw[worst] && points.get(worst).kink() != KinkStatus.UNDECLARED_KINK)) {
                worst = k;
            }
        }
        if (worst < 0) {
            return new TensorReport(name, mode, 0, "(empty)", null, 0, 0, 0, 0, 0, KinkStatus.NONE, 0, 0,
                    Double.NaN, null, rel);
        }
        Point p = points.get(worst);
        double maxRaw = 0;
        for (double r : raw) {
            maxRaw = Math.max(maxRaw, r);
        }
        return new TensorReport(name, mode, points.size(), where.get(worst), index.get(worst), p.analytic(),
                p.numeric(), p.error(), rel[worst], maxRaw, p.kink(), kinkCount, undeclared, p.step(), problem, rel);
    }

    /** The same report with a problem that fails it (the first problem is kept in front). */
    static TensorReport withProblem(TensorReport t, String problem) {
        String p = t.problem() == null ? problem : problem + "; " + t.problem();
        return new TensorReport(t.tensor(), t.mode(), t.checked(), t.worstWhere(), t.worstIndex(), t.analytic(), t.numeric(),
                t.errorEstimate(), t.relError(), t.rawRelError(), t.kink(), t.kinkCount(), t.undeclaredKinks(), t.step(), p,
                t.relErrors());
    }
}
