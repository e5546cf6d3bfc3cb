package org.nncheck.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.nncheck.cases.Tolerance;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.OutputAlignment;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;

/**
 * The conformance kit (SPEC.md section 3, {@code nncheck conformance}): a technology
 * compatibility kit that runs on any Java {@link Implementation} of catalogue components and
 * compares it with the reference, entry by entry.
 *
 * <p>For every catalogue entry the implementation provides, on inputs drawn by the entry's
 * sample generator (every sample parameter set, size hints 0..3, two seeds each; all seeds
 * derived from the run's seed and printed in every failure), the checks are:
 * <ul>
 *   <li>{@value #FORWARD}: every reference output present, same shape, values within
 *       {@link #tolerance(double, int)};</li>
 *   <li>{@value #BACKWARD} (differentiable entries): every gradient {@code d<input>} of a
 *       floating-point differentiable input, for random upstream gradients, within the same
 *       tolerance;</li>
 *   <li>{@value #GRADCHECK} (differentiable entries, unless the catalogue skips the gradient
 *       check with a reason): the implementation's own backward against finite differences of
 *       its own forward ({@link GradientChecker}), at the entry's gradcheck tolerance in double
 *       precision, at the CS231n "wrong" bound 1e-2 in lower precision;</li>
 *   <li>{@value #UNCHANGED}: the input and upstream maps handed in are left as they were (same
 *       names, equal tensors);</li>
 *   <li>{@value #MISSING_INPUT}: leaving out a required input (one the reference itself
 *       refuses to go without) gives a {@link ContractException} whose message names it;</li>
 *   <li>{@value #DETERMINISTIC}: two calls with equal inputs give bitwise equal outputs and
 *       gradients (no state is carried between calls).</li>
 * </ul>
 * An entry the implementation does not provide gives one {@value #PROVIDED} line, skipped.
 *
 * <p>Tolerance: an element passes when it is within {@link #tolerance(double, int)} (an
 * {@code n u} bound on the tensor's scale) or within {@value #TOLERANCE_FACTOR} times the
 * conditioning allowance (how much the reference itself moves when its inputs move by a few
 * units of the implementation's roundoff; see {@code spread}), so a backward-stable float32
 * implementation passes even where the computation cancels, and a wrong formula does not.
 *
 * <p>Outputs defined only up to a symmetry (the entry's {@link Entry#alignments()}: the principal
 * components of {@code pca} and {@code pca_whiten}, "each component compared up to sign") are
 * aligned with the reference before comparing.
 *
 * <p>Not covered yet: the statistical checks of sampling (initializers' draws, dropout masks);
 * the kit compares their deterministic parts (the initializers' distribution moments).
 */
public final class ConformanceKit {

    public static final String FORWARD = "required_forward_matches_reference";
    public static final String BACKWARD = "required_backward_matches_reference";
    public static final String GRADCHECK = "required_gradient_check";
    public static final String UNCHANGED = "required_inputs_unchanged";
    public static final String MISSING_INPUT = "required_missing_input_throws_contract_exception";
    public static final String DETERMINISTIC = "required_deterministic";
    public static final String PROVIDED = "optional_provided";

    /** Safety factor of the comparison tolerance, in units of {@code u * reductionLength}. */
    public static final double TOLERANCE_FACTOR = 16;

    private static final int REPEATS = 2;

    private ConformanceKit() {
    }

    /** Runs every check on every catalogue entry. */
    public static List<CheckResult> run(Implementation impl, long seed) {
        return run(impl, seed, Catalogue.entries());
    }

    /** Runs every check on the given entries. */
    public static List<CheckResult> run(Implementation impl, long seed, List<Entry> entries) {
        List<CheckResult> out = new ArrayList<>();
        for (Entry e : entries) {
            out.addAll(runEntry(impl, seed, e));
        }
        return out;
    }

    /** {@code N passed, M failed} (and {@code , K skipped} when any were). */
    public static String summary(List<CheckResult> results) {
        long p = results.stream().filter(CheckResult::passed).count();
        long f = results.stream().filter(CheckResult::failed).count();
        long s = results.stream().filter(CheckResult::skipped).count();
        return p + " passed, " + f + " failed" + (s > 0 ? ", " + s + " skipped" : "");
    }

    /** 0 when nothing failed, else 1. */
    public static int exitCode(List<CheckResult> results) {
        return results.stream().anyMatch(CheckResult::failed) ? 1 : 0;
    }

    /**
     * The comparison tolerance for an implementation of unit roundoff {@code u} on a component
     * whose longest reduction has {@code reductionLength} terms: the forward error bound of a
     * recursive sum, {@code gamma_n ~ n u} (Higham, Accuracy and Stability of Numerical
     * Algorithms, 2nd ed., section 4.2), times {@value #TOLERANCE_FACTOR}, used as the relative
     * tolerance; the absolute tolerance of a tensor is the same factor times the tensor's largest
     * reference magnitude (so that results of cancellation are judged on the tensor's scale).
     * The kit takes the largest input's element count as {@code reductionLength}, a bound on any
     * reduction inside the component. In float64 this is about 2e-15 per reduced term.
     */
    public static Tolerance tolerance(double unitRoundoff, int reductionLength) {
        double r = TOLERANCE_FACTOR * unitRoundoff * Math.max(1, reductionLength);
        return new Tolerance(r, r);
    }

    // ------------------------------------------------------------------------------------------

    private record Sample(int paramSet, Params params, int size, long seed, Map<String, Tensor> inputs, List<String> diffNames) {
        String where() {
            return "params#" + paramSet + " " + params + ", size " + size + ", sample seed " + seed;
        }
    }

    static long sampleSeed(long seed, Entry e, int paramSet, int size, int rep) {
        long h = seed ^ (0x9E3779B97F4A7C15L * (Catalogue.key(e.family(), e.id()).hashCode() + 1L));
        return new SplittableRandom(h + 1_000_003L * paramSet + 1009L * size + rep).nextLong();
    }

    private static List<CheckResult> runEntry(Implementation impl, long seed, Entry e) {
        String key = Catalogue.key(e.family(), e.id());
        Optional<Component> maybe = impl.component(e);
        if (maybe.isEmpty()) {
            return List.of(CheckResult.skip(key, PROVIDED, impl.name() + " does not provide " + e.id()));
        }
        Component impl0 = maybe.get();
        Component ref = e.newReference();
        List<Sample> samples = new ArrayList<>();
        try {
            for (int p = 0; p < e.sampleParams().size(); p++) {
                Params params = e.params(e.sampleParams().get(p));
                for (int size = 0; size <= 3; size++) {
                    for (int rep = 0; rep < REPEATS; rep++) {
                        long s = sampleSeed(seed, e, p, size, rep);
                        Map<String, Tensor> in = e.samples().sample(new SplittableRandom(s), params, size);
                        samples.add(new Sample(p, params, size, s, in, diffInputs(e, in)));
                    }
                }
            }
        } catch (RuntimeException ex) {
            return List.of(CheckResult.fail(key, FORWARD, "the catalogue's sample generator failed: " + ex));
        }
        List<CheckResult> out = new ArrayList<>();
        out.add(guard(key, FORWARD, () -> forward(key, impl, impl0, ref, samples)));
        if (e.differentiable()) {
            out.add(guard(key, BACKWARD, () -> backward(key, impl, e, impl0, ref, samples)));
            Optional<String> skip = e.skipReason(org.nncheck.catalogue.Check.GRADIENT);
            out.add(skip.isPresent() ? CheckResult.skip(key, GRADCHECK, skip.get())
                    : guard(key, GRADCHECK, () -> gradcheck(key, impl, e, impl0, samples)));
        }
        out.add(guard(key, UNCHANGED, () -> unchanged(key, e, impl0, samples)));
        out.add(guard(key, MISSING_INPUT, () -> missingInput(key, e, impl0, ref, samples)));
        out.add(guard(key, DETERMINISTIC, () -> deterministic(key, e, impl0, samples)));
        return out;
    }

    private interface Check {
        CheckResult run();
    }

    private static CheckResult guard(String key, String check, Check c) {
        try {
            return c.run();
        } catch (RuntimeException | AssertionError ex) {
            return CheckResult.fail(key, check, "threw " + ex);
        }
    }

    private static Map<String, Tensor> upstream(Entry e, Map<String, Tensor> inputs, Map<String, Tensor> outputs, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0xD1B54A32D192ED03L);
        Map<String, Tensor> up = new HashMap<>();
        for (String o : new TreeSet<>(outputs.keySet())) {
            if (!outputs.get(o).isIntegral() && e.differentiatedOutputs().contains(o)) {
                up.put("d" + o, Samples.normal(rnd, 0, 1, outputs.get(o).shape()));
            }
        }
        return up;
    }

    private static int reductionLength(Map<String, Tensor> inputs) {
        return inputs.values().stream().mapToInt(Tensor::size).max().orElse(1);
    }

    private static List<String> diffInputs(Entry e, Map<String, Tensor> inputs) {
        return e.differentiableInputs().stream().map(TensorSpec::name)
                .filter(n -> inputs.containsKey(n) && !inputs.get(n).isIntegral()).toList();
    }

    private static CheckResult forward(String key, Implementation impl, Component c, Component ref, List<Sample> samples) {
        int failed = 0;
        String first = null;
        double worst = 0;
        for (Sample s : samples) {
            Map<String, Tensor> want = ref.forward(new HashMap<>(s.inputs()), s.params());
            Map<String, Tensor> got;
            try {
                got = c.forward(new HashMap<>(s.inputs()), s.params());
            } catch (RuntimeException ex) {
                failed++;
                first = first == null ? s.where() + ": forward threw " + ex : first;
                continue;
            }
            Tolerance tol = tolerance(impl.unitRoundoff(), reductionLength(s.inputs()));
            Map<String, double[]> spread = spread(impl.unitRoundoff(), s, in -> ref.forward(in, s.params()), Map.of(), null);
            for (String o : new TreeSet<>(want.keySet())) {
                Comparison cmp = compare(c.id(), o, got.get(o), want.get(o), tol, spread.get(o));
                worst = Math.max(worst, cmp.worstRel);
                if (cmp.problem != null) {
                    failed++;
                    first = first == null ? s.where() + ": " + cmp.problem : first;
                    break;
                }
            }
        }
        return verdict(key, FORWARD, samples.size(), failed, first, worst);
    }

    private static CheckResult backward(String key, Implementation impl, Entry e, Component c, Component ref,
                                        List<Sample> samples) {
        int failed = 0;
        int compared = 0;
        String first = null;
        double worst = 0;
        for (Sample s : samples) {
            List<String> diff = diffInputs(e, s.inputs());
            if (diff.isEmpty()) {
                continue;
            }
            Map<String, Tensor> outs = ref.forward(new HashMap<>(s.inputs()), s.params());
            Map<String, Tensor> up = upstream(e, s.inputs(), outs, s.seed());
            Map<String, Tensor> want = ref.backward(new HashMap<>(s.inputs()), new HashMap<>(up), s.params());
            compared++;
            Map<String, Tensor> got;
            try {
                got = c.backward(new HashMap<>(s.inputs()), new HashMap<>(up), s.params());
            } catch (RuntimeException ex) {
                failed++;
                first = first == null ? s.where() + ": backward threw " + ex : first;
                continue;
            }
            Tolerance tol = tolerance(impl.unitRoundoff(), reductionLength(s.inputs()));
            Map<String, double[]> spread = spread(impl.unitRoundoff(), s, null, up,
                    (in, u) -> ref.backward(in, u, s.params()));
            for (String name : diff) {
                String g = "d" + name;
                Comparison cmp = compare(c.id(), g, got.get(g), want.get(g), tol, spread.get(g));
                worst = Math.max(worst, cmp.worstRel);
                if (cmp.problem != null) {
                    failed++;
                    first = first == null ? s.where() + ", upstream seeded from the sample seed: " + cmp.problem : first;
                    break;
                }
            }
        }
        if (compared == 0) {
            return CheckResult.skip(key, BACKWARD, "no sample has a floating-point differentiable input");
        }
        return verdict(key, BACKWARD, compared, failed, first, worst);
    }

    private static CheckResult gradcheck(String key, Implementation impl, Entry e, Component c, List<Sample> samples) {
        boolean lowPrecision = impl.unitRoundoff() > 1e-10;
        double tol = lowPrecision ? Math.max(1e-2, e.gradcheckTolerance()) : e.gradcheckTolerance();
        int checked = 0;
        int failed = 0;
        String first = null;
        double worst = 0;
        for (Sample s : samples) {
            if (s.seed() % 2 != 0 && s.size() != 0) {
                continue; // about half the samples: every parameter set, every size
            }
            List<String> diff = diffInputs(e, s.inputs());
            if (diff.isEmpty()) {
                continue;
            }
            GradientChecker.Options o = (lowPrecision ? GradientChecker.Options.float32() : GradientChecker.Options.defaults())
                    .withUnitRoundoff(impl.unitRoundoff()).withSeed(s.seed());
            GradCheckResult r = new GradientChecker(o).check(c, new HashMap<>(s.inputs()), s.params(), diff,
                    e.differentiatedOutputs(), e.kinks());
            checked++;
            worst = Math.max(worst, r.worstRelError());
            if (!r.passed(tol)) {
                failed++;
                first = first == null ? s.where() + ", tolerance " + tol + ":\n" + r.table(tol) : first;
            }
        }
        if (checked == 0) {
            return CheckResult.skip(key, GRADCHECK, "no sample has a floating-point differentiable input");
        }
        return verdict(key, GRADCHECK, checked, failed, first, worst);
    }

    private static CheckResult unchanged(String key, Entry e, Component c, List<Sample> samples) {
        for (Sample s : samples.subList(0, Math.min(samples.size(), 4))) {
            Map<String, Tensor> in = new HashMap<>(s.inputs());
            Map<String, Tensor> outs = c.forward(in, s.params());
            String p = changed(s.inputs(), in, "input");
            if (p != null) {
                return CheckResult.fail(key, UNCHANGED, s.where() + ": forward " + p);
            }
            if (e.differentiable() && !diffInputs(e, s.inputs()).isEmpty()) {
                Map<String, Tensor> up = upstream(e, s.inputs(), outs, s.seed());
                Map<String, Tensor> upCopy = new HashMap<>(up);
                c.backward(in, upCopy, s.params());
                p = changed(s.inputs(), in, "input");
                if (p == null) {
                    p = changed(up, upCopy, "upstream gradient");
                }
                if (p != null) {
                    return CheckResult.fail(key, UNCHANGED, s.where() + ": backward " + p);
                }
            }
        }
        return CheckResult.pass(key, UNCHANGED, "inputs and upstream gradients left as they were");
    }

    private static String changed(Map<String, Tensor> before, Map<String, Tensor> after, String what) {
        if (!before.keySet().equals(after.keySet())) {
            return "changed the " + what + " names from " + new TreeSet<>(before.keySet()) + " to " + new TreeSet<>(after.keySet());
        }
        for (String k : before.keySet()) {
            if (!before.get(k).equals(after.get(k))) {
                return "replaced " + what + " '" + k + "'";
            }
        }
        return null;
    }

    private static CheckResult missingInput(String key, Entry e, Component c, Component ref, List<Sample> samples) {
        Sample s = samples.stream().filter(x -> x.size() == 1).findFirst().orElse(samples.get(0));
        int tried = 0;
        for (TensorSpec t : e.inputs()) {
            if (t.optional() || !s.inputs().containsKey(t.name())) {
                continue;
            }
            Map<String, Tensor> in = new HashMap<>(s.inputs());
            in.remove(t.name());
            try {
                ref.forward(new HashMap<>(in), s.params());
                continue; // the reference itself does without it in this mode: not a requirement here
            } catch (ContractException expected) {
                // the reference refuses: so must the implementation
            }
            tried++;
            try {
                c.forward(in, s.params());
                return CheckResult.fail(key, MISSING_INPUT, "forward without '" + t.name() + "' returned normally (" + s.where() + ")");
            } catch (ContractException ex) {
                if (ex.getMessage() == null || !ex.getMessage().contains(t.name())) {
                    return CheckResult.fail(key, MISSING_INPUT, "ContractException without '" + t.name() + "' does not name it: "
                            + ex.getMessage());
                }
            } catch (RuntimeException ex) {
                return CheckResult.fail(key, MISSING_INPUT, "forward without '" + t.name() + "' threw " + ex
                        + " instead of a ContractException naming it");
            }
        }
        if (tried == 0) {
            return CheckResult.skip(key, MISSING_INPUT, "no required input the reference refuses to go without");
        }
        return CheckResult.pass(key, MISSING_INPUT, tried + " required input(s) left out, each refused by name");
    }

    private static CheckResult deterministic(String key, Entry e, Component c, List<Sample> samples) {
        for (Sample s : samples.subList(0, Math.min(samples.size(), 4))) {
            Map<String, Tensor> a = c.forward(new HashMap<>(s.inputs()), s.params());
            Map<String, Tensor> b = c.forward(new HashMap<>(s.inputs()), s.params());
            if (!a.equals(b)) {
                return CheckResult.fail(key, DETERMINISTIC, s.where() + ": two forward calls on equal inputs differ in "
                        + differing(a, b));
            }
            if (e.differentiable() && !diffInputs(e, s.inputs()).isEmpty()) {
                Map<String, Tensor> up = upstream(e, s.inputs(), a, s.seed());
                Map<String, Tensor> ga = c.backward(new HashMap<>(s.inputs()), new HashMap<>(up), s.params());
                Map<String, Tensor> gb = c.backward(new HashMap<>(s.inputs()), new HashMap<>(up), s.params());
                if (!ga.equals(gb)) {
                    return CheckResult.fail(key, DETERMINISTIC, s.where() + ": two backward calls on equal inputs differ in "
                            + differing(ga, gb));
                }
            }
        }
        return CheckResult.pass(key, DETERMINISTIC, "repeated calls give bitwise equal results");
    }

    private static String differing(Map<String, Tensor> a, Map<String, Tensor> b) {
        List<String> names = new ArrayList<>();
        for (String k : new TreeSet<>(a.keySet())) {
            if (!a.get(k).equals(b.get(k))) {
                names.add(k);
            }
        }
        return names.isEmpty() ? "their names " + a.keySet() + " vs " + b.keySet() : names.toString();
    }

    private static CheckResult verdict(String key, String check, int total, int failed, String first, double worst) {
        if (failed > 0) {
            return CheckResult.fail(key, check, "failed on " + failed + " of " + total + " samples; first: " + first);
        }
        return CheckResult.pass(key, check, total + " samples, worst relative error " + String.format(Locale.ROOT, "%.3g", worst));
    }

    // ------------------------------------------------------------------------------------------

    /** How many perturbed evaluations estimate the conditioning allowance. */
    static final int PERTURBATIONS = 4;

    /**
     * The conditioning allowance: the largest change of the reference's results, element by
     * element, when every floating-point input (and upstream gradient) is multiplied by
     * {@code 1 + 16 u e} with {@code e} uniform in [-1, 1] ({@value #PERTURBATIONS} draws). An
     * implementation that is backward stable at unit roundoff {@code u} (its result is the exact
     * result for inputs within a few u, Higham ch. 1.5) differs from the reference by about this
     * much where the computation is ill-conditioned (cancellation in a normalization's
     * backward, a softmax's {@code dy - <y, dy>}), which the plain {@code n u} bound misses.
     * Perturbations the reference refuses (a probability pushed above 1, a 0/1 mask) fall back to
     * perturbing the differentiable inputs only, then to none.
     */
    private static Map<String, double[]> spread(double u, Sample s,
                                                java.util.function.Function<Map<String, Tensor>, Map<String, Tensor>> fwd,
                                                Map<String, Tensor> upstream,
                                                java.util.function.BiFunction<Map<String, Tensor>, Map<String, Tensor>,
                                                        Map<String, Tensor>> bwd) {
        Map<String, Tensor> base0 = fwd != null ? fwd.apply(new HashMap<>(s.inputs()))
                : bwd.apply(new HashMap<>(s.inputs()), new HashMap<>(upstream));
        Map<String, double[]> out = new HashMap<>();
        SplittableRandom rnd = new SplittableRandom(s.seed() ^ 0x2545F4914F6CDD1DL);
        for (int k = 0; k < PERTURBATIONS; k++) {
            Map<String, Tensor> res = null;
            for (boolean all : new boolean[] {true, false}) {
                try {
                    Map<String, Tensor> in = perturb(s.inputs(), u, rnd, all ? null : s.diffNames());
                    res = fwd != null ? fwd.apply(in) : bwd.apply(in, perturb(upstream, u, rnd, null));
                    break;
                } catch (RuntimeException ex) {
                    // try the differentiable inputs only, then give up on this draw
                }
            }
            if (res == null) {
                continue;
            }
            for (Map.Entry<String, Tensor> e : base0.entrySet()) {
                Tensor p = res.get(e.getKey());
                if (p == null || !p.sameShape(e.getValue())) {
                    continue;
                }
                double[] acc = out.computeIfAbsent(e.getKey(), key -> new double[e.getValue().size()]);
                for (int i = 0; i < acc.length; i++) {
                    double d = Math.abs(p.get(i) - e.getValue().get(i));
                    if (Double.isFinite(d)) {
                        acc[i] = Math.max(acc[i], d);
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Tensor> perturb(Map<String, Tensor> m, double u, SplittableRandom rnd, List<String> only) {
        Map<String, Tensor> out = new HashMap<>();
        for (String k : new TreeSet<>(m.keySet())) {
            Tensor t = m.get(k);
            if (t.isIntegral() || (only != null && !only.contains(k))) {
                out.put(k, t);
            } else {
                out.put(k, t.map(v -> v * (1 + 16 * u * (2 * rnd.nextDouble() - 1))));
            }
        }
        return out;
    }

    private record Comparison(String problem, double worstRel) {
    }

    /** Compares one tensor; an output the entry defines up to a symmetry after aligning ({@link Entry#alignments()}). */
    private static Comparison compare(String component, String name, Tensor got, Tensor want, Tolerance tol,
                                      double[] spread) {
        if (want == null) {
            return new Comparison(null, 0);
        }
        if (got == null) {
            return new Comparison("no '" + name + "' in the result", Double.POSITIVE_INFINITY);
        }
        if (!got.sameShape(want)) {
            return new Comparison("'" + name + "' has shape " + got.shapeString() + ", the reference " + want.shapeString(),
                    Double.POSITIVE_INFINITY);
        }
        double[] g = got.toArray();
        Tensor aligned = want;
        for (Entry en : Catalogue.find(component)) {
            OutputAlignment a = en.alignments().get(name);
            aligned = a == null ? aligned : a.align(got, want);
        }
        double[] w = aligned.toArray();
        double scale = 0;
        for (double v : w) {
            if (Double.isFinite(v)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        Tolerance t = new Tolerance(tol.rtol(), tol.atol() * scale);
        int bad = 0;
        int worstIdx = -1;
        double worstRel = 0;
        for (int i = 0; i < w.length; i++) {
            double d = Math.abs(g[i] - w[i]);
            double rel = d == 0 || (Double.isNaN(d) && Double.isNaN(g[i]) && Double.isNaN(w[i])) ? 0
                    : d / Math.max(Math.abs(w[i]), Math.max(scale, Double.MIN_NORMAL));
            if (Double.isNaN(rel)) {
                rel = Double.POSITIVE_INFINITY;
            }
            double extra = spread == null || spread.length != w.length ? 0 : TOLERANCE_FACTOR * spread[i];
            if (!t.accepts(g[i], w[i]) && !(Math.abs(g[i] - w[i]) <= extra)) {
                bad++;
                if (worstIdx < 0 || !(d <= Math.abs(g[worstIdx] - w[worstIdx]))) {
                    worstIdx = i;
                }
            }
            worstRel = Math.max(worstRel, rel);
        }
        if (bad == 0) {
            return new Comparison(null, worstRel);
        }
        return new Comparison(String.format(Locale.ROOT,
                "'%s' differs at %d of %d elements; worst at %s: got %s, reference %s (|diff| %.3g, tolerance %s,"
                        + " conditioning allowance %.3g)",
                name, bad, w.length, Arrays.toString(want.unravel(worstIdx)), g[worstIdx], w[worstIdx],
                Math.abs(g[worstIdx] - w[worstIdx]), t,
                spread == null || spread.length != w.length ? 0.0 : TOLERANCE_FACTOR * spread[worstIdx]), worstRel);
    }
}
