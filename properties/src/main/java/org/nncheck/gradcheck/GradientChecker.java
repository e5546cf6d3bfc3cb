package org.nncheck.gradcheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Finite-difference gradient checker for any {@link Component}: compares the analytic
 * {@link Component#backward backward} with numerical derivatives of the forward, input tensor by
 * input tensor, and says per tensor where the worst disagreement is.
 *
 * <h2>Objective</h2>
 * As PyTorch's {@code gradcheck} checks vector-Jacobian products, the scalar checked is
 * {@code f(inputs) = sum_o <o, u_o>} over the outputs {@code o} of the forward (by default every
 * floating-point output whose name is not also an input name: an output sharing an input's name,
 * such as batch_norm's {@code running_mean}, is an updated state, not differentiated), with
 * random upstream tensors {@code u_o ~ N(0, 1)} drawn from {@link Options#seed()} in the sorted
 * order of output names. The analytic gradient is {@code backward(inputs, {d<o>: u_o}, params)}.
 * {@code f} is summed with Neumaier's compensated summation.
 *
 * <h2>Steps</h2>
 * Element {@code i} of an input is perturbed by {@code h_i = step * max(1, |x_i|)}, rounded down
 * to a power of two; the displacement actually realised in floating point
 * {@code (x_i + h_i) - x_i} is the one divided by. With {@link Options#richardson()} (default),
 * the central difference {@code D(h) = (f(x+h) - f(x-h)) / 2h} is taken at {@code h} and
 * {@code h/2} and extrapolated: {@code n = (4 D(h/2) - D(h)) / 3} (error O(h^4)); the default
 * base {@code step = 1e-4} keeps the truncation error near {@code 1e-16 f^(5)} and the rounding
 * error near {@code eps |f| / h = 2e-12 |f|}. Without Richardson, {@code n = D(h)} and a step
 * near {@code 1e-6} (PyTorch's default) is the usual choice.
 *
 * <h2>Error estimate and relative error</h2>
 * Each numeric value comes with an absolute error estimate
 * {@code e = |D(h/2) - D(h)| / 3 + c * K * eps * F / h}: the first term estimates the truncation
 * error (it bounds the error of {@code D(h/2)}, so it is conservative for the extrapolated
 * value), the second the rounding error, with {@code F = sum_o sum_k |o_k u_ok|} the size of the
 * terms of {@code f}, {@code eps = 2 u} with u {@link Options#unitRoundoff()} ({@code 2^-52} in
 * double), {@code K = }{@value #ROUNDOFF_ULPS} ulps allowed in
 * each evaluation of {@code f}, and {@code c} the sum of the absolute stencil weights times
 * {@code h} (3 for the extrapolated central difference, 1 for the plain one, 12 and 4 for the
 * one-sided ones). The relative error of an element is then
 * <pre>
 *   rel_i = max(0, |a_i - n_i| - e_i) / max(|a_i|, |n_i|, FLOOR * max_j max(|a_j|, |n_j|))
 * </pre>
 * with {@code FLOOR = }{@value #FLOOR}: a difference explained by the estimated numeric error
 * counts as zero, and an element that is tiny next to the rest of its tensor is judged against
 * the tensor's scale, so near-zero gradients give no false alarms. The report also gives the raw
 * relative error {@code |a_i - n_i| / max(|a_i|, |n_i|, floor)} (no error estimate subtracted)
 * at the worst element, which shows how close the two values really are. The tiers of CS231n apply
 * ({@link ErrorTier}); a tolerance is chosen by the caller ({@link GradCheckResult#passed}).
 *
 * <h2>Kinks</h2>
 * The kinks given (the catalogue entry's; by default the component's deprecated
 * {@link Component#kinks()}) decide how each element is differentiated:
 * <ul>
 *   <li>no kink along the coordinate: extrapolated central differences;</li>
 *   <li>a declared kink point at distance {@code 0 < d < 2h}: second-order one-sided
 *       differences (extrapolated) on the side away from it
 *       ({@link KinkStatus#NEAR_KINK_ONE_SIDED});</li>
 *   <li>exactly at a declared kink ({@code d = 0}): the left and right one-sided slopes are
 *       computed and any analytic value between them is accepted (a subgradient, e.g. relu's 0 at
 *       0; {@link KinkStatus#AT_KINK_SUBGRADIENT});</li>
 *   <li>data-dependent kinks (distance NaN): left and right slopes are always computed; when
 *       they disagree beyond twice their error estimates, the kink was crossed: a subgradient in
 *       between is accepted and the element is flagged ({@link KinkStatus#KINK_CROSSED});</li>
 *   <li>anywhere else, when the central estimate looks non-smooth (its truncation estimate
 *       above 1e-3 of the values) or disagrees with the analytic value, the one-sided slopes are
 *       computed too, and if they disagree
 *       the element is flagged {@link KinkStatus#UNDECLARED_KINK}, which fails the check: a
 *       component with {@link Kinks#NONE} whose slopes jump is reported, not silently
 *       accepted.</li>
 * </ul>
 *
 * <h2>Directional mode</h2>
 * A tensor with more than {@link Options#directionalThreshold()} elements is checked along
 * {@link Options#directions()} random directions {@code w_i = v_i * max(1, |x_i|)},
 * {@code v ~ N(0, I)} (seeded per tensor): the analytic {@code <a, w>} against the derivative of
 * {@code t -> f(x + t w)} at 0 (PyTorch's fast gradcheck computes the same {@code v^T J u}).
 * Every tensor gets its own directions, so each is covered; elements near a declared kink point
 * are left out of the direction ({@code w_i = 0}) and checked densely instead. A wrong gradient
 * at a single element j by {@code delta} changes {@code <a, w>} by {@code delta w_j} with
 * {@code w_j} Gaussian, so it is missed by one direction only if
 * {@code |delta w_j| <= tol * |<a, w>| + e}: for {@code |delta|} comparable to the gradient's
 * root-mean-square value and N elements this has probability about
 * {@code 0.8 * tol * sqrt(N)} per direction, and the directions are independent (measured in
 * GradientCheckerTest: a one-element bug in a 4096-element tensor is caught for every one of 20
 * seeds).
 *
 * <p>The checker is deterministic for given options; it never prints, it returns a
 * {@link GradCheckResult} whose {@link GradCheckResult#assertPasses(double)} throws.
 */
public final class GradientChecker {

    /** Rounding errors allowed per evaluation of f, in ulps of F (see the class comment). */
    public static final double ROUNDOFF_ULPS = 16;

    /** Fraction of a tensor's largest gradient below which elements are judged on that scale. */
    public static final double FLOOR = 1e-6;

    /** Truncation estimate above this fraction of the values makes an element "looks non-smooth". */
    static final double NON_SMOOTH = 1e-3;

    /**
     * Options of a check.
     *
     * @param step base step: element i uses {@code step * max(1, |x_i|)} (power of two below)
     * @param richardson whether to extrapolate (h and h/2) instead of a single central difference
     * @param directionalThreshold tensors with more elements than this are checked along random
     *     directions ({@code 0}: always; {@link Integer#MAX_VALUE}: never)
     * @param directions how many random directions per tensor in directional mode
     * @param seed seed of the upstream tensors and the directions
     * @param unitRoundoff the unit roundoff of the forward's arithmetic (2^-53 for double, 2^-24
     *     for a float32 implementation): sets the rounding part of the error estimate
     */
    public record Options(double step, boolean richardson, int directionalThreshold, int directions, long seed,
                          double unitRoundoff) {

        public Options {
            if (!(step > 0) || !(step < 1)) {
                throw new IllegalArgumentException("step must be in (0, 1), got " + step);
            }
            if (!(unitRoundoff > 0) || !(unitRoundoff < 0.5)) {
                throw new IllegalArgumentException("unitRoundoff must be in (0, 0.5), got " + unitRoundoff);
            }
            if (directionalThreshold < 0 || directions < 1) {
                throw new IllegalArgumentException("directionalThreshold >= 0 and directions >= 1 needed");
            }
        }

        /**
         * Step 1e-4 with Richardson, directional above 256 elements with 4 directions, seed
         * 20261123, double precision.
         */
        public static Options defaults() {
            return new Options(1e-4, true, 256, 4, 20261123L, 0x1p-53);
        }

        /**
         * For a forward computed in float32: unit roundoff 2^-24 and step 1e-2 (the extrapolated
         * central difference balances h^4 truncation against u/h rounding near h = u^(1/5)).
         * The error estimate then grows with the objective's size, so such a check catches
         * gross errors only; check a float64 build for fine ones.
         */
        public static Options float32() {
            return defaults().withStep(1e-2).withUnitRoundoff(0x1p-24);
        }

        public Options withUnitRoundoff(double u) {
            return new Options(step, richardson, directionalThreshold, directions, seed, u);
        }

        public Options withStep(double s) {
            return new Options(s, richardson, directionalThreshold, directions, seed, unitRoundoff);
        }

        public Options withRichardson(boolean r) {
            return new Options(step, r, directionalThreshold, directions, seed, unitRoundoff);
        }

        public Options withDirectionalThreshold(int t) {
            return new Options(step, richardson, t, directions, seed, unitRoundoff);
        }

        public Options withDirections(int d) {
            return new Options(step, richardson, directionalThreshold, d, seed, unitRoundoff);
        }

        public Options withSeed(long s) {
            return new Options(step, richardson, directionalThreshold, directions, s, unitRoundoff);
        }

        /** Every tensor element by element. */
        public Options dense() {
            return withDirectionalThreshold(Integer.MAX_VALUE);
        }

        /** Every tensor along random directions. */
        public Options directional() {
            return withDirectionalThreshold(0);
        }
    }

    private final Options options;

    public GradientChecker() {
        this(Options.defaults());
    }

    public GradientChecker(Options options) {
        this.options = Objects.requireNonNull(options);
    }

    public Options options() {
        return options;
    }

    /**
     * Checks the gradients of {@code diffInputs} (default objective outputs, see the class
     * comment).
     */
    public GradCheckResult check(Component component, Map<String, Tensor> inputs, Params params, List<String> diffInputs) {
        return check(component, inputs, params, diffInputs, null);
    }

    /**
     * Checks the gradients {@code d<name>} of every input named in {@code diffInputs}.
     *
     * @param component the component under test
     * @param inputs its inputs (not modified)
     * @param params validated parameters
     * @param diffInputs the floating-point inputs to check (parameters such as PReLU's alpha
     *     included)
     * @param outputs the outputs entering the objective, or {@code null} for the default
     * @return the per-tensor result; never throws for a wrong gradient
     */
    @SuppressWarnings("deprecation")
    public GradCheckResult check(Component component, Map<String, Tensor> inputs, Params params, List<String> diffInputs,
                                 List<String> outputs) {
        return check(component, inputs, params, diffInputs, outputs, component.kinks());
    }

    /**
     * As {@link #check(Component, Map, Params, List, List)}, with the kinks given (the catalogue
     * entry's, {@code Entry.kinks()}) instead of the component's own declaration.
     *
     * @param kinks where the forward is not differentiable
     */
    public GradCheckResult check(Component component, Map<String, Tensor> inputs, Params params, List<String> diffInputs,
                                 List<String> outputs, Kinks kinks) {
        Map<String, Tensor> in = Map.copyOf(inputs);
        List<String> problems = new ArrayList<>();
        Map<String, Tensor> base;
        try {
            base = component.forward(in, params);
        } catch (RuntimeException e) {
            return new GradCheckResult(component.id(), options, List.of(), List.of(),
                    List.of("forward threw " + e));
        }
        List<String> outs = new ArrayList<>();
        if (outputs == null) {
            for (String o : new TreeSet<>(base.keySet())) {
                if (!in.containsKey(o) && !base.get(o).isIntegral()) {
                    outs.add(o);
                }
            }
        } else {
            for (String o : new TreeSet<>(outputs)) {
                if (!base.containsKey(o)) {
                    problems.add("forward gave no output '" + o + "' (gave " + base.keySet() + ")");
                } else {
                    outs.add(o);
                }
            }
        }
        if (outs.isEmpty()) {
            problems.add("no floating-point output to differentiate (forward gave " + base.keySet() + ")");
            return new GradCheckResult(component.id(), options, outs, List.of(), problems);
        }
        SplittableRandom rnd = new SplittableRandom(options.seed());
        Map<String, Tensor> upstream = new HashMap<>();
        for (String o : outs) {
            upstream.put("d" + o, Samples.normal(rnd, 0, 1, base.get(o).shape()));
        }
        Objective obj = new Objective(component, in, params, outs, upstream);
        double magnitude = obj.magnitude(base);
        if (!Double.isFinite(magnitude)) {
            problems.add("forward output is not finite at the given inputs");
            return new GradCheckResult(component.id(), options, outs, List.of(), problems);
        }
        Map<String, Tensor> grads;
        try {
            grads = component.backward(in, Map.copyOf(upstream), params);
        } catch (RuntimeException e) {
            problems.add("backward threw " + e);
            return new GradCheckResult(component.id(), options, outs, List.of(), problems);
        }
        double f0 = obj.value(base);
        List<TensorReport> reports = new ArrayList<>();
        for (String name : diffInputs) {
            Tensor x = in.get(name);
            if (x == null) {
                throw new IllegalArgumentException(component.id() + ": no input '" + name + "' to check (inputs: "
                        + in.keySet() + ")");
            }
            if (x.isIntegral()) {
                throw new IllegalArgumentException(component.id() + ": input '" + name + "' holds integers, it has no gradient");
            }
            TensorReport.CheckMode mode = x.size() > options.directionalThreshold()
                    ? TensorReport.CheckMode.DIRECTIONAL : TensorReport.CheckMode.DENSE;
            Tensor a = grads == null ? null : grads.get("d" + name);
            if (a == null) {
                reports.add(TensorReport.failed(name, mode, "backward returned no 'd" + name + "' (returned "
                        + (grads == null ? "null" : grads.keySet()) + ")"));
                continue;
            }
            if (!a.sameShape(x)) {
                reports.add(TensorReport.failed(name, mode, "d" + name + " has shape " + a.shapeString() + ", "
                        + name + " has " + x.shapeString()));
                continue;
            }
            TensorCheck tc = new TensorCheck(obj, name, x, a, kinks, f0, magnitude);
            reports.add(mode == TensorReport.CheckMode.DENSE ? tc.dense() : tc.directional());
        }
        return new GradCheckResult(component.id(), options, outs, reports, problems);
    }

    /** f(inputs) = sum_o <o, u_o>. */
    private static final class Objective {
        final Component component;
        final Map<String, Tensor> inputs;
        final Params params;
        final List<String> outs;
        final Map<String, Tensor> upstream;

        Objective(Component component, Map<String, Tensor> inputs, Params params, List<String> outs,
                  Map<String, Tensor> upstream) {
            this.component = component;
            this.inputs = inputs;
            this.params = params;
            this.outs = outs;
            this.upstream = upstream;
        }

        double value(Map<String, Tensor> outputs) {
            double sum = 0;
            double comp = 0;
            for (String o : outs) {
                Tensor t = outputs.get(o);
                Tensor u = upstream.get("d" + o);
                if (t == null || !t.sameShape(u)) {
                    return Double.NaN;
                }
                for (int k = 0; k < t.size(); k++) {
                    double term = t.get(k) * u.get(k);
                    double s = sum + term;
                    comp += Math.abs(sum) >= Math.abs(term) ? (sum - s) + term : (term - s) + sum;
                    sum = s;
                }
            }
            return sum + comp;
        }

        double magnitude(Map<String, Tensor> outputs) {
            double m = 0;
            for (String o : outs) {
                Tensor t = outputs.get(o);
                Tensor u = upstream.get("d" + o);
                for (int k = 0; k < t.size(); k++) {
                    m += Math.abs(t.get(k) * u.get(k));
                }
            }
            return m;
        }

        /** f with input {@code name} replaced; NaN when the forward fails or is not finite. */
        double valueWith(String name, Tensor replaced) {
            Map<String, Tensor> m = new HashMap<>(inputs);
            m.put(name, replaced);
            try {
                double v = value(component.forward(m, params));
                return Double.isFinite(v) ? v : Double.NaN;
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    /** f along one coordinate or direction, as a function of the displacement, with a cache. */
    private interface Line {
        /** f at requested displacement t (NaN on failure). */
        double f(double t);

        /** The displacement really realised for a requested t. */
        double actual(double t);
    }

    /** A numeric derivative with its error estimate. */
    private record Est(double value, double trunc, double round, double step) {
        double error() {
            return trunc + round;
        }

        boolean ok() {
            return Double.isFinite(value) && Double.isFinite(trunc);
        }
    }

    /** Result of one element or direction. */
    private record Point(double analytic, double numeric, double error, KinkStatus kink, double step, String problem) {
    }

    private Est central(Line line, double h, double noise) {
        if (options.richardson()) {
            double d1 = (line.f(h) - line.f(-h)) / (line.actual(h) - line.actual(-h));
            double d2 = (line.f(h / 2) - line.f(-h / 2)) / (line.actual(h / 2) - line.actual(-h / 2));
            return new Est((4 * d2 - d1) / 3, Math.abs(d2 - d1) / 3, 3 * noise / h, h);
        }
        double d1 = (line.f(h) - line.f(-h)) / (line.actual(h) - line.actual(-h));
        return new Est(d1, 0, noise / h, h);
    }

    /** Second-order one-sided derivative from points 0, p1, p2 (signed displacements). */
    private static double oneSided3(double f0, double f1, double f2, double p1, double p2) {
        return -f0 * (p1 + p2) / (p1 * p2) + f1 * p2 / (p1 * (p2 - p1)) - f2 * p1 / (p2 * (p2 - p1));
    }

    private Est oneSided(Line line, double side, double h, double noise, double f0) {
        double hs = side * h;
        double g1 = oneSided3(f0, line.f(hs), line.f(2 * hs), line.actual(hs), line.actual(2 * hs));
        if (options.richardson()) {
            double g2 = oneSided3(f0, line.f(hs / 2), line.f(hs), line.actual(hs / 2), line.actual(hs));
            return new Est((4 * g2 - g1) / 3, Math.abs(g2 - g1) / 3, 12 * noise / h, h);
        }
        return new Est(g1, 0, 4 * noise / h, h);
    }

    /** Runs an estimator, shrinking the step (by 8, up to 3 times) when f is not finite. */
    private interface Estimator {
        Est at(double h);
    }

    private static Est shrinking(Estimator e, double h) {
        Est est = e.at(h);
        for (int k = 0; k < 3 && !est.ok(); k++) {
            h /= 8;
            est = e.at(h);
        }
        return est;
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
     * @param kinkDistance the declared distance to a kink along the line (+inf: none, NaN:
     *     data-dependent)
     * @param kinkSide +1 when the nearest declared kink is at positive displacement, -1 at
     *     negative (only used when the distance is finite and below 2h)
     * @param declaredAny whether the component declares any kinks
     */
    private Point derivative(Line line, double analytic, double h, double noise, double f0, double kinkDistance,
                             int kinkSide) {
        if (!Double.isFinite(analytic)) {
            return new Point(analytic, Double.NaN, Double.NaN, KinkStatus.NONE, h, "analytic gradient is " + analytic);
        }
        if (kinkDistance == 0) {
            Est l = shrinking(s -> oneSided(line, -1, s, noise, f0), h);
            Est r = shrinking(s -> oneSided(line, +1, s, noise, f0), h);
            return subgradient(analytic, l, r, KinkStatus.AT_KINK_SUBGRADIENT);
        }
        if (kinkDistance < 2 * h) {
            // the kink is on side kinkSide: differentiate on the other side
            Est far = shrinking(s -> oneSided(line, -kinkSide, s, noise, f0), h);
            return point(analytic, far, KinkStatus.NEAR_KINK_ONE_SIDED);
        }
        Est c = shrinking(s -> central(line, s, noise), h);
        boolean mismatch = c.ok() && Math.abs(analytic - c.value())
                > c.error() + 1e-6 * Math.max(Math.abs(analytic), Math.abs(c.value()));
        if (Double.isNaN(kinkDistance) || (c.ok() && (mismatch || looksNonSmooth(c, analytic)))) {
            double hs = c.ok() ? c.step() : h;
            Est l = shrinking(s -> oneSided(line, -1, s, noise, f0), hs);
            Est r = shrinking(s -> oneSided(line, +1, s, noise, f0), hs);
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

    /** The check of one input tensor. */
    private final class TensorCheck {
        final Objective obj;
        final String name;
        final Tensor x;
        final Tensor a;
        final Kinks kinks;
        final double f0;
        final double noise;

        TensorCheck(Objective obj, String name, Tensor x, Tensor a, Kinks kinks, double f0, double magnitude) {
            this.obj = obj;
            this.name = name;
            this.x = x;
            this.a = a;
            this.kinks = kinks;
            this.f0 = f0;
            this.noise = ROUNDOFF_ULPS * 2 * options.unitRoundoff() * magnitude;
        }

        double stepFor(double xi) {
            double v = options.step() * Math.max(1.0, Math.abs(xi));
            return Math.scalb(1.0, Math.getExponent(v));
        }

        double kinkDistance(int i) {
            return kinks.any() ? kinks.distance(obj.inputs, obj.params, name, i) : Double.POSITIVE_INFINITY;
        }

        /** +1 when the declared kink at finite distance d from element i lies above x_i. */
        int kinkSide(int i, double d) {
            Map<String, Tensor> up = new HashMap<>(obj.inputs);
            up.put(name, x.with(i, x.get(i) + d));
            Map<String, Tensor> down = new HashMap<>(obj.inputs);
            down.put(name, x.with(i, x.get(i) - d));
            double du = kinks.distance(up, obj.params, name, i);
            double dd = kinks.distance(down, obj.params, name, i);
            return du <= dd ? +1 : -1;
        }

        Point element(int i) {
            double xi = x.get(i);
            double h = stepFor(xi);
            double d = kinkDistance(i);
            int side = Double.isFinite(d) && d > 0 && d < 2 * h ? kinkSide(i, d) : 0;
            Map<Double, Double> cache = new HashMap<>();
            Line line = new Line() {
                @Override
                public double f(double t) {
                    return cache.computeIfAbsent(t, k -> obj.valueWith(name, x.with(i, xi + k)));
                }

                @Override
                public double actual(double t) {
                    return (xi + t) - xi;
                }
            };
            return derivative(line, a.get(i), h, noise, f0, d, side);
        }

        TensorReport dense() {
            List<Point> points = new ArrayList<>();
            List<String> where = new ArrayList<>();
            List<int[]> index = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                points.add(element(i));
                int[] idx = x.unravel(i);
                index.add(idx);
                where.add(Arrays.toString(idx));
            }
            return report(TensorReport.CheckMode.DENSE, points, where, index, scaleOf(points));
        }

        TensorReport directional() {
            SplittableRandom rnd = new SplittableRandom(options.seed() * 31 + name.hashCode());
            double tau = Math.scalb(1.0, Math.getExponent(options.step()));
            int n = x.size();
            double[] xs = x.toArray();
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
            double dirNoise = noise + ROUNDOFF_ULPS * 2 * options.unitRoundoff() * xMag;
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
                points.add(derivative(line, dot, tau, dirNoise, f0, kd, 0));
                where.add("direction " + (k + 1));
                index.add(null);
            }
            double scale = dirScale;
            List<Point> densePoints = new ArrayList<>();
            for (int i : denseSet) {
                densePoints.add(element(i));
            }
            double denseScale = scaleOf(densePoints);
            // dense elements are judged on their own scale, directions on theirs
            List<Point> all = new ArrayList<>(points);
            List<Double> scales = new ArrayList<>();
            for (int k = 0; k < points.size(); k++) {
                scales.add(scale);
            }
            for (int i : denseSet) {
                int[] idx = x.unravel(i);
                where.add(Arrays.toString(idx));
                index.add(idx);
                scales.add(denseScale);
            }
            all.addAll(densePoints);
            return report(TensorReport.CheckMode.DIRECTIONAL, all, where, index, scales);
        }

        private double scaleOf(List<Point> points) {
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

        private TensorReport report(TensorReport.CheckMode mode, List<Point> points, List<String> where, List<int[]> index,
                                    double scale) {
            List<Double> scales = new ArrayList<>();
            for (int k = 0; k < points.size(); k++) {
                scales.add(scale);
            }
            return report(mode, points, where, index, scales);
        }

        private TensorReport report(TensorReport.CheckMode mode, List<Point> points, List<String> where, List<int[]> index,
                                    List<Double> scales) {
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
                    double floor = FLOOR * scales.get(k);
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
    }
}
