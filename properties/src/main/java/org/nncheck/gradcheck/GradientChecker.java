package org.nncheck.gradcheck;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Dependence;
import org.nncheck.catalogue.Entry;
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
 * The kinks given to {@link #check(Component, Map, Params, List, List, Kinks)} (by default the
 * component's {@link Component#kinks()}) decide how each element is differentiated:
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
 * <h2>Colored mode</h2>
 * Where the component's catalogue entry declares a {@link Dependence} (which output elements
 * each input element can move) and {@link Options#colored()} is set (default), the elements of
 * a tensor are still checked one by one with the same steps, stencils, error estimates and kink
 * rules, but the elements whose blocks do not overlap are perturbed in the same forward
 * (Curtis-Powell-Reid coloring, {@link Coloring}): element i's objective is the part of f over
 * its own block, which differs from f with only i moved by a constant. An affine layer then
 * needs one group per column of x and one per row of w instead of one per element. The
 * declared structure is probed first ({@link #STRUCTURE_PROBES} random elements must not
 * move the objective's terms outside their block beyond f's rounding allowance); a violation
 * (e.g. an implementation that mixes the samples of a per-sample component) fails the tensor
 * with a problem naming the element and the output that moved, whatever the dense check says.
 *
 * <h2>Directional mode</h2>
 * A tensor that needs more than {@link Options#directionalThreshold()} separately perturbed
 * groups (its elements, or its colors in colored mode) is checked along
 * {@link Options#directions()} random directions {@code w_i = v_i * max(1, |x_i|)},
 * {@code v ~ N(0, I)} (seeded per tensor): the analytic {@code <a, w>} against the derivative of
 * {@code t -> f(x + t w)} at 0 (PyTorch's fast gradcheck computes the same {@code v^T J u}).
 * The derivative along a direction reuses the base forward: with Richardson, the four-point
 * stencil {@code -h, 0, h, 2h} (3 forwards, truncation estimated from the third difference;
 * {@code Stencils.directional}); where the entry's {@link Dependence} declares every output
 * affine in the tensor ({@link Dependence#affineIn}: affine and conv2d in x, w, b, batch norm in
 * gamma and beta), the plain central difference at {@code -h, h} (2 forwards, no truncation
 * error on a straight line), kept only where the line's second difference is within rounding and
 * the value agrees with the analytic one (else the full stencil and kink rules).
 * Every tensor gets its own directions, so each is covered; elements near a declared kink point
 * are left out of the direction ({@code w_i = 0}) and checked densely instead. A wrong gradient
 * at a single element j by {@code delta} changes {@code <a, w>} by {@code delta w_j} with
 * {@code w_j} Gaussian, so it is missed by one direction only if
 * {@code |delta w_j| <= tol * |<a, w>| + e}: for {@code |delta|} comparable to the gradient's
 * root-mean-square value and N elements this has probability about
 * {@code 0.8 * tol * sqrt(N)} per direction, and the directions are independent (measured in
 * GradientCheckerTest: a one-element bug in a 4096-element tensor is caught for every one of 20
 * seeds). <b>What it misses</b> that the dense (and colored) check catches: an error at one
 * element (or a few) whose relative size is well below {@code tol * sqrt(N)} times
 * {@code rms(a) / |a_j|}: {@code |<a, w>|} grows like {@code sqrt(N)} while the error's share
 * does not (DirectionalModeTest: a 1e-5 relative error at one element of a 16,384-element
 * {@code dx} passes five seeds of directions at tolerance 1e-6, and fails the colored check at
 * that element). Errors spread over the tensor (a scale, a sign, a missing term) move
 * {@code <a, w>} in proportion and are caught.
 *
 * <p>The checker is deterministic for given options; it never prints, it returns a
 * {@link GradCheckResult} whose {@link GradCheckResult#assertPasses(double)} throws.
 */
public final class GradientChecker {

    /** Rounding errors allowed per evaluation of f, in ulps of F (see the class comment). */
    public static final double ROUNDOFF_ULPS = 16;

    /** Fraction of a tensor's largest gradient below which elements are judged on that scale. */
    public static final double FLOOR = 1e-6;

    /** Random elements per tensor whose perturbation is checked against the declared dependence before a colored check. */
    public static final int STRUCTURE_PROBES = 4;

    /**
     * Options of a check.
     *
     * @param step base step: element i uses {@code step * max(1, |x_i|)} (power of two below)
     * @param richardson whether to extrapolate (h and h/2) instead of a single central difference
     * @param directionalThreshold tensors needing more separately perturbed groups than this
     *     (elements; colors in colored mode) are checked along random directions ({@code 0}:
     *     always; {@link Integer#MAX_VALUE}: never)
     * @param directions how many random directions per tensor in directional mode
     * @param seed seed of the upstream tensors and the directions
     * @param unitRoundoff the unit roundoff of the forward's arithmetic (2^-53 for double, 2^-24
     *     for a float32 implementation): sets the rounding part of the error estimate
     * @param colored whether to perturb independent elements together where the entry declares
     *     a {@link Dependence} (see "Colored mode" above)
     */
    public record Options(double step, boolean richardson, int directionalThreshold, int directions, long seed,
                          double unitRoundoff, boolean colored) {

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

        /** Colored, as {@link #defaults()}. */
        public Options(double step, boolean richardson, int directionalThreshold, int directions, long seed, double unitRoundoff) {
            this(step, richardson, directionalThreshold, directions, seed, unitRoundoff, true);
        }

        /**
         * Step 1e-4 with Richardson, directional above 256 groups with 4 directions, seed
         * 20261123, double precision, colored where the entry declares a dependence.
         */
        public static Options defaults() {
            return new Options(1e-4, true, 256, 4, 20261123L, 0x1p-53, true);
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
            return new Options(step, richardson, directionalThreshold, directions, seed, u, colored);
        }

        public Options withStep(double s) {
            return new Options(s, richardson, directionalThreshold, directions, seed, unitRoundoff, colored);
        }

        public Options withRichardson(boolean r) {
            return new Options(step, r, directionalThreshold, directions, seed, unitRoundoff, colored);
        }

        public Options withDirectionalThreshold(int t) {
            return new Options(step, richardson, t, directions, seed, unitRoundoff, colored);
        }

        public Options withDirections(int d) {
            return new Options(step, richardson, directionalThreshold, d, seed, unitRoundoff, colored);
        }

        public Options withSeed(long s) {
            return new Options(step, richardson, directionalThreshold, directions, s, unitRoundoff, colored);
        }

        public Options withColored(boolean c) {
            return new Options(step, richardson, directionalThreshold, directions, seed, unitRoundoff, c);
        }

        /** Every tensor element by element (colored where a dependence is declared). */
        public Options dense() {
            return withDirectionalThreshold(Integer.MAX_VALUE);
        }

        /** Every tensor element by element, each element in its own forward evaluations. */
        public Options uncolored() {
            return dense().withColored(false);
        }

        /** Every tensor along random directions. */
        public Options directional() {
            return withDirectionalThreshold(0);
        }

        /**
         * Every tensor along one random direction (with Richardson and its error estimate): the
         * cost of PyTorch's fast gradcheck (one {@code v^T J u} per input) times the stencil's
         * 3 evaluations (2 along a tensor declared affine, see "Directional mode"); catches what a direction catches (see "Directional mode"), with the
         * chance of one direction instead of {@link #directions()}.
         */
        public Options fast() {
            return directional().withDirections(1);
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

    /** {@link #check(Component, Map, Params, List, List, Kinks)} with the component's own {@link Component#kinks()}. */
    public GradCheckResult check(Component component, Map<String, Tensor> inputs, Params params, List<String> diffInputs,
                                 List<String> outputs) {
        return check(component, inputs, params, diffInputs, outputs, component.kinks());
    }

    /**
     * {@link #check(Component, Map, Params, List, List, Kinks, Dependence)} with the dependence
     * declared by the catalogue entry of the component's id (when {@link Options#colored()}, the
     * id names one entry and its rule applies to these inputs; otherwise none).
     */
    public GradCheckResult check(Component component, Map<String, Tensor> inputs, Params params, List<String> diffInputs,
                                 List<String> outputs, Kinks kinks) {
        return check(component, inputs, params, diffInputs, outputs, kinks, declaredDependence(component.id(), params, inputs));
    }

    /** The dependence the catalogue declares for {@code id} at these inputs, or {@link Dependence#none()}. */
    public Dependence declaredDependence(String id, Params params, Map<String, Tensor> inputs) {
        if (!options.colored()) {
            return Dependence.none();
        }
        Optional<Entry> e = Catalogue.get(id);
        if (e.isEmpty()) {
            return Dependence.none();
        }
        try {
            Dependence d = e.get().dependence().at(params, Map.copyOf(inputs));
            return d == null ? Dependence.none() : d;
        } catch (RuntimeException ex) {
            // a rule that does not apply to these inputs (missing tensor, other rank): no structure
            return Dependence.none();
        }
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
     * @param kinks where the forward is not differentiable
     * @param dependence the block structure to color with ({@link Dependence#none()}: every
     *     element alone); used only when {@link Options#colored()}
     * @return the per-tensor result; never throws for a wrong gradient
     */
    @SuppressWarnings("deprecation")
    public GradCheckResult check(Component component, Map<String, Tensor> inputs, Params params, List<String> diffInputs,
                                 List<String> outputs, Kinks kinks, Dependence dependence) {
        Map<String, Tensor> in = Map.copyOf(inputs);
        List<String> problems = new ArrayList<>();
        Map<String, Tensor> base;
        try {
            base = component.forward(in, params);
        } catch (RuntimeException e) {
            return new GradCheckResult(component.id(), options, List.of(), List.of(),
                    List.of("forward threw " + e));
        }
        List<String> outs = objectiveOutputs(in, base, outputs, problems);
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
            // with threshold 0 every tensor goes directional: no coloring to compute
            Optional<Coloring> coloring = options.colored() && dependence != null && options.directionalThreshold() > 0
                    ? Coloring.of(dependence, name, x, base, outs) : Optional.empty();
            int groups = coloring.map(c -> c.groups().size()).orElse(x.size());
            TensorReport.CheckMode mode = groups > options.directionalThreshold() ? TensorReport.CheckMode.DIRECTIONAL
                    : coloring.isPresent() ? TensorReport.CheckMode.COLORED : TensorReport.CheckMode.DENSE;
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
            TensorTraversal t = new TensorTraversal(options, obj, name, x, a, kinks, base, magnitude);
            reports.add(switch (mode) {
                case DENSE -> t.dense();
                case COLORED -> t.colored(coloring.get(), dependence.describe());
                case DIRECTIONAL -> t.directional(dependence != null && dependence.isAffineIn(name));
            });
        }
        return new GradCheckResult(component.id(), options, outs, reports, problems);
    }

    /** The outputs entering f: the requested ones, or every floating-point output not named like an input. */
    private static List<String> objectiveOutputs(Map<String, Tensor> in, Map<String, Tensor> base, List<String> outputs,
                                                 List<String> problems) {
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
        return outs;
    }
}
