package org.nncheck.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Kinks;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.KinkRules.Point;
import org.nncheck.gradcheck.Stencils.Line;

/**
 * The traversal of one input tensor: element by element ({@link #dense}), element by element with
 * independent elements perturbed together ({@link #colored}), or along random directions
 * ({@link #directional}); see {@link GradientChecker}.
 */
final class TensorTraversal {

    private final GradientChecker.Options options;
    private final KinkRules rules;
    private final KinkRules directionRules;
    private final Objective obj;
    private final String name;
    private final Tensor x;
    private final double[] xs;
    private final Tensor a;
    private final Kinks kinks;
    private final Map<String, Tensor> base;
    private final double f0;
    private final double noise;

    TensorTraversal(GradientChecker.Options options, Objective obj, String name, Tensor x, Tensor a, Kinks kinks,
                    Map<String, Tensor> base, double magnitude) {
        this.options = options;
        this.rules = new KinkRules(new Stencils(options.richardson()));
        this.directionRules = new KinkRules(Stencils.directional(options.richardson()));
        this.obj = obj;
        this.name = name;
        this.x = x;
        this.xs = x.toArray();
        this.a = a;
        this.kinks = kinks;
        this.base = base;
        this.f0 = obj.value(base);
        this.noise = GradientChecker.ROUNDOFF_ULPS * 2 * options.unitRoundoff() * magnitude;
    }

    private double stepFor(double xi) {
        double v = options.step() * Math.max(1.0, Math.abs(xi));
        return Math.scalb(1.0, Math.getExponent(v));
    }

    private double kinkDistance(int i) {
        return kinks.any() ? kinks.distance(obj.inputs, obj.params, name, i) : Double.POSITIVE_INFINITY;
    }

    /** +1 when the declared kink at finite distance d from element i lies above x_i. */
    private int kinkSide(int i, double d) {
        Map<String, Tensor> up = new HashMap<>(obj.inputs);
        up.put(name, x.with(i, x.get(i) + d));
        Map<String, Tensor> down = new HashMap<>(obj.inputs);
        down.put(name, x.with(i, x.get(i) - d));
        double du = kinks.distance(up, obj.params, name, i);
        double dd = kinks.distance(down, obj.params, name, i);
        return du <= dd ? +1 : -1;
    }

    /** The derivative of element i along f restricted to its line {@code f}, whose value at 0 is {@code fAt0}. */
    private Point element(int i, java.util.function.DoubleUnaryOperator f, double fAt0) {
        double xi = xs[i];
        double h = stepFor(xi);
        double d = kinkDistance(i);
        int side = Double.isFinite(d) && d > 0 && d < 2 * h ? kinkSide(i, d) : 0;
        Map<Double, Double> cache = new HashMap<>();
        Line line = new Line() {
            @Override
            public double f(double t) {
                return cache.computeIfAbsent(t, f::applyAsDouble);
            }

            @Override
            public double actual(double t) {
                return (xi + t) - xi;
            }
        };
        return rules.derivative(line, a.get(i), h, noise, fAt0, d, side);
    }

    /** Element i perturbed on its own, f evaluated whole. */
    private Point element(int i) {
        return element(i, t -> obj.valueWith(name, x.with(i, xs[i] + t)), f0);
    }

    /** Every element perturbed on its own. */
    TensorReport dense() {
        List<Point> points = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<int[]> index = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            points.add(element(i));
            addWhere(i, where, index);
        }
        return TensorReports.report(name, TensorReport.CheckMode.DENSE, points, where, index, TensorReports.scaleOf(points));
    }

    private void addWhere(int i, List<String> where, List<int[]> index) {
        int[] idx = x.unravel(i);
        index.add(idx);
        where.add(Arrays.toString(idx));
    }

    /**
     * Every element checked on its own (same stencils, error estimates and kink rules as
     * {@link #dense}), with the members of each color perturbed at once: each member's f is the
     * part of the objective over its own block, {@code f_i = sum_{k in B_i} o_k u_k}, which
     * differs from f with only that member moved by a constant. The declared blocks are first
     * probed ({@link GradientChecker#STRUCTURE_PROBES} random elements, each moved by its step: the objective's terms
     * outside its block must not move by more than the rounding allowed in f, i.e.
     * {@code sum_{k not in B_j} |o_k(x + h_j e_j) - o_k(x)| |u_k| <= ROUNDOFF_ULPS 2u F}); on a
     * violation the tensor is checked densely and fails with the violation as its problem.
     */
    TensorReport colored(Coloring coloring, String structure) {
        String violation = probe(coloring, structure);
        if (violation != null) {
            return TensorReports.withProblem(dense(), violation);
        }
        Point[] points = new Point[x.size()];
        for (int[] group : coloring.groups()) {
            int[][] owners = coloring.owners(group);
            if (owners == null) {
                for (int i : group) {
                    points[i] = element(i);
                }
                continue;
            }
            Group g = new Group(group, owners);
            for (int m = 0; m < group.length; m++) {
                int member = m;
                int i = group[m];
                double h = stepFor(xs[i]);
                points[i] = element(i, t -> g.value(member, t / h, t), g.atZero[member]);
            }
        }
        List<Point> list = Arrays.asList(points);
        List<String> where = new ArrayList<>();
        List<int[]> index = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            addWhere(i, where, index);
        }
        return TensorReports.report(name, TensorReport.CheckMode.COLORED, list, where, index, TensorReports.scaleOf(list));
    }

    /** The first violation of the declared blocks seen by the probes, or {@code null}. */
    private String probe(Coloring coloring, String structure) {
        double allowed = noise;
        SplittableRandom rnd = new SplittableRandom(options.seed() * 131 + name.hashCode());
        for (int p = 0; p < Math.min(GradientChecker.STRUCTURE_PROBES, x.size()); p++) {
            int j = rnd.nextInt(x.size());
            Map<String, Tensor> moved = obj.outputsWith(name, x.with(j, xs[j] + stepFor(xs[j])));
            if (moved == null) {
                continue;
            }
            double outside = 0;
            String worst = null;
            double worstMove = 0;
            for (int o = 0; o < obj.outs.size(); o++) {
                String out = obj.outs.get(o);
                Tensor b = base.get(out);
                Tensor mv = moved.get(out);
                Tensor u = obj.upstream(out);
                boolean[] inBlock = new boolean[b.size()];
                coloring.block(j, o, k -> inBlock[k] = true);
                for (int k = 0; k < b.size(); k++) {
                    if (!inBlock[k]) {
                        double d = Math.abs(mv.get(k) - b.get(k));
                        double term = d == 0 ? 0 : d * Math.abs(u.get(k));
                        if (!(term <= Double.MAX_VALUE)) {
                            term = Double.POSITIVE_INFINITY;
                        }
                        outside += term;
                        // the largest move names the output in the message (a NaN move counts as largest)
                        if (worst == null || d > worstMove || (Double.isNaN(d) && !Double.isNaN(worstMove))) {
                            worstMove = d;
                            worst = out + Arrays.toString(b.unravel(k));
                        }
                    }
                }
            }
            if (!(outside <= allowed)) {
                return "the declared dependence (" + structure + ") does not hold: moving " + name
                        + Arrays.toString(x.unravel(j)) + " by " + stepFor(xs[j]) + " moved " + worst + " by "
                        + GradCheckResult.fmt(worstMove) + ", outside its block";
            }
        }
        return null;
    }

    /** One color: its members' partial objectives at each step multiplier, computed once for all members. */
    private final class Group {
        final int[] members;
        final int[][] owners;
        final double[] atZero;
        final Map<Double, double[]> byMultiplier = new HashMap<>();

        Group(int[] members, int[][] owners) {
            this.members = members;
            this.owners = owners;
            this.atZero = sums(base, -1);
        }

        /** Member m's partial objective with the group moved by {@code mult} steps; t = mult h_m. */
        double value(int m, double mult, double t) {
            double v = byMultiplier.computeIfAbsent(mult, this::evaluate)[m];
            if (Double.isFinite(v)) {
                return v;
            }
            // a failure elsewhere in the group must not hide this member: move it alone
            Map<String, Tensor> out = obj.outputsWith(name, x.with(members[m], xs[members[m]] + t));
            return out == null ? Double.NaN : sums(out, m)[m];
        }

        private double[] evaluate(double mult) {
            double[] p = xs.clone();
            for (int i : members) {
                p[i] = xs[i] + mult * stepFor(xs[i]);
            }
            Map<String, Tensor> out = obj.outputsWith(name, Tensor.wrap(x.shape(), p));
            return out == null ? nan(members.length) : sums(out, -1);
        }

        /** Compensated partial sums per member (only member {@code only} when >= 0); NaN where not finite. */
        private double[] sums(Map<String, Tensor> out, int only) {
            int n = members.length;
            double[] sum = new double[n];
            double[] comp = new double[n];
            for (int o = 0; o < obj.outs.size(); o++) {
                String name = obj.outs.get(o);
                Tensor t = out.get(name);
                Tensor u = obj.upstream(name);
                int[] own = owners[o];
                for (int k = 0; k < own.length; k++) {
                    int m = own[k];
                    if (m < 0 || (only >= 0 && m != only)) {
                        continue;
                    }
                    double term = t.get(k) * u.get(k);
                    double s = sum[m] + term;
                    comp[m] += Math.abs(sum[m]) >= Math.abs(term) ? (sum[m] - s) + term : (term - s) + sum[m];
                    sum[m] = s;
                }
            }
            for (int m = 0; m < n; m++) {
                sum[m] += comp[m];
                if (!Double.isFinite(sum[m])) {
                    sum[m] = Double.NaN;
                }
            }
            return sum;
        }
    }

    private static double[] nan(int n) {
        double[] r = new double[n];
        Arrays.fill(r, Double.NaN);
        return r;
    }

    /**
     * The plain central difference along a line declared straight, or {@code null} where its
     * second difference or a disagreement with {@code analytic} calls for the full rules. On a
     * straight line the central difference has no truncation error: its error is the rounding
     * part {@code noise / h} alone ({@link Stencils}, c = 1).
     */
    private Point straightLine(Line line, double analytic, double h, double noise) {
        double fp = line.f(h);
        double fm = line.f(-h);
        double second = fp - 2 * f0 + fm;
        if (!(Math.abs(second) <= 4 * noise)) {
            return null;
        }
        double n = (fp - fm) / (2 * h);
        double err = noise / h;
        boolean agrees = Math.abs(analytic - n) <= err + 1e-6 * Math.max(Math.abs(analytic), Math.abs(n));
        return agrees ? new Point(analytic, n, err, KinkStatus.NONE, h, null) : null;
    }

    /**
     * Random directions per tensor; elements near a declared kink are checked densely instead.
     *
     * @param affine whether the entry declares every output affine in this tensor
     *     ({@link org.nncheck.catalogue.Dependence#affineIn}): a direction then first takes the
     *     plain central difference at {@code -h, h} (2 forwards), kept where the line's second
     *     difference {@code f(h) - 2 f(0) + f(-h)} is within its rounding allowance (4 times the
     *     per-evaluation noise) and the value agrees with the analytic one as the kink rules'
     *     mismatch test requires; otherwise the direction gets the full stencil and kink rules
     *     (reusing those two forwards)
     */
    TensorReport directional(boolean affine) {
        SplittableRandom rnd = new SplittableRandom(options.seed() * 31 + name.hashCode());
        double tau = Math.scalb(1.0, Math.getExponent(options.step()));
        int n = x.size();
        double[] as = a.toArray();
        double xMag = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(as[i])) {
                int[] idx = x.unravel(i);
                return TensorReport.failed(name, TensorReport.CheckMode.DIRECTIONAL,
                        "d" + name + Arrays.toString(idx) + " = " + as[i]);
            }
            xMag += Math.abs(as[i]) * Math.abs(xs[i]);
        }
        double dirNoise = noise + GradientChecker.ROUNDOFF_ULPS * 2 * options.unitRoundoff() * xMag;
        double[] dist = new double[n];
        for (int i = 0; i < n; i++) {
            dist[i] = kinkDistance(i);
        }
        boolean dataDependent = Arrays.stream(dist).anyMatch(Double::isNaN);
        Set<Integer> denseSet = new LinkedHashSet<>();
        List<Point> points = new ArrayList<>();
        List<String> where = new ArrayList<>();
        List<int[]> index = new ArrayList<>();
        double dirScale = 0;
        for (int k = 0; k < options.directions(); k++) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = Samples.gaussian(rnd) * Math.max(1.0, Math.abs(xs[i]));
                if (Double.isFinite(dist[i]) && dist[i] < 2 * tau * Math.abs(w[i])) {
                    w[i] = 0;
                    denseSet.add(i);
                }
            }
            double dot = 0;
            double comp = 0;
            double abs = 0;
            for (int i = 0; i < n; i++) {
                double term = as[i] * w[i];
                double s = dot + term;
                comp += Math.abs(dot) >= Math.abs(term) ? (dot - s) + term : (term - s) + dot;
                dot = s;
                abs += Math.abs(term);
            }
            dot += comp;
            dirScale = Math.max(dirScale, abs);
            Map<Double, Double> cache = new HashMap<>();
            cache.put(0.0, f0);
            Line line = new Line() {
                @Override
                public double f(double t) {
                    return cache.computeIfAbsent(t, tt -> {
                        double[] p = xs.clone();
                        for (int i = 0; i < n; i++) {
                            p[i] += tt * w[i];
                        }
                        return obj.valueWith(name, Tensor.wrap(x.shape(), p));
                    });
                }

                @Override
                public double actual(double t) {
                    return t;
                }
            };
            double kd = dataDependent ? Double.NaN : Double.POSITIVE_INFINITY;
            Point straight = affine && !dataDependent ? straightLine(line, dot, tau, dirNoise) : null;
            points.add(straight != null ? straight : directionRules.derivative(line, dot, tau, dirNoise, f0, kd, 0));
            where.add("direction " + (k + 1));
            index.add(null);
        }
        List<Point> densePoints = new ArrayList<>();
        for (int i : denseSet) {
            densePoints.add(element(i));
        }
        double denseScale = TensorReports.scaleOf(densePoints);
        // dense elements are judged on their own scale, directions on theirs
        List<Point> all = new ArrayList<>(points);
        List<Double> scales = new ArrayList<>();
        for (int k = 0; k < points.size(); k++) {
            scales.add(dirScale);
        }
        for (int i : denseSet) {
            addWhere(i, where, index);
            scales.add(denseScale);
        }
        all.addAll(densePoints);
        return TensorReports.report(name, TensorReport.CheckMode.DIRECTIONAL, all, where, index, scales);
    }
}
