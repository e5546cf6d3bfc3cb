package org.nncheck.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The conformance kit (SPEC.md section 3, {@code nncheck conformance}): a technology
 * compatibility kit that runs on any Java {@link Implementation} of catalogue components and
 * compares it with the reference, entry by entry.
 *
 * <p>For every catalogue entry the implementation provides, on inputs drawn by the entry's
 * sample generator (every sample parameter set the implementation supports
 * ({@link Capability}), size hints 0..3, two seeds each; all seeds derived from the run's seed
 * and printed in every failure; floating-point inputs rounded to the implementation's
 * precision), the rules are, each a small class named after its SPEC clause:
 * <ul>
 *   <li>{@value #PROVIDED}: the lookup gives a component (not provided: skipped; a lookup that
 *       throws or returns null: failed);</li>
 *   <li>{@value #FORWARD} ({@link ForwardMatchesReference});</li>
 *   <li>{@value #BACKWARD} ({@link BackwardMatchesReference}, differentiable entries);</li>
 *   <li>{@value #GRADCHECK} ({@link GradientCheck}, unless the catalogue skips it with a reason);</li>
 *   <li>{@value #UNCHANGED} ({@link InputsUnchanged});</li>
 *   <li>{@value #MISSING_INPUT} ({@link MissingInputThrowsContractException});</li>
 *   <li>{@value #DETERMINISTIC} ({@link Deterministic});</li>
 *   <li>{@value #SAMPLES} ({@link SampleMatchesDistribution}, initializers whose implementation
 *       draws through {@link Implementation#sampler}).</li>
 * </ul>
 * Values are compared with the one tolerance model {@link Allowance}. An implementation that
 * declares an alternative convention is compared with that alternative's computation.
 *
 * <p>Every check runs through {@link CheckRunner}: its own thread with the implementation's
 * context class loader, a time limit ({@link Implementation#checkTimeout()}), every
 * {@code Throwable} caught and reported with its cause chain, {@code System.exit} a failure
 * ({@link ExitGuard}); one broken entry never stops the others.
 */
public final class ConformanceKit {

    public static final String PROVIDED = "optional_provided";
    public static final String FORWARD = ForwardMatchesReference.NAME;
    public static final String BACKWARD = BackwardMatchesReference.NAME;
    public static final String GRADCHECK = GradientCheck.NAME;
    public static final String UNCHANGED = InputsUnchanged.NAME;
    public static final String MISSING_INPUT = MissingInputThrowsContractException.NAME;
    public static final String DETERMINISTIC = Deterministic.NAME;
    public static final String SAMPLES = SampleMatchesDistribution.NAME;

    private static final List<Rule> RULES = List.of(new ForwardMatchesReference(), new BackwardMatchesReference(),
            new GradientCheck(), new InputsUnchanged(), new MissingInputThrowsContractException(), new Deterministic(),
            new SampleMatchesDistribution());

    private ConformanceKit() {
    }

    /** The checks of one entry, in order, not yet run: {@value #PROVIDED} first, then every rule that applies. */
    public static List<PlannedCheck> plan(Implementation impl, long seed, Entry e) {
        return plan(impl, seed, e, null);
    }

    /** {@link #plan(Implementation, long, Entry)} with a time limit per check ({@code null}: the implementation's own). */
    public static List<PlannedCheck> plan(Implementation impl, long seed, Entry e, Duration timeout) {
        Subject s = new Subject(impl, e, seed);
        Duration limit = timeout != null ? timeout : impl.checkTimeout();
        ClassLoader loader = impl.getClass().getClassLoader();
        List<PlannedCheck> out = new ArrayList<>();
        out.add(new PlannedCheck(s.key, PROVIDED, () -> CheckRunner.run(s.key, PROVIDED, limit, loader, () -> provided(s))));
        for (Rule r : RULES) {
            if (r.appliesTo(e)) {
                out.add(new PlannedCheck(s.key, r.name(), () -> CheckRunner.run(s.key, r.name(), limit, loader,
                        () -> guarded(s, r))));
            }
        }
        return out;
    }

    private static CheckResult provided(Subject s) {
        Subject.Resolved r = s.resolve();
        if (r.unavailable() != null) {
            return r.failed() ? CheckResult.fail(s.key, PROVIDED, r.unavailable()) : CheckResult.skip(s.key, PROVIDED, r.unavailable());
        }
        return CheckResult.pass(s.key, PROVIDED, s.impl.name() + " provides " + s.entry.id() + "; " + r.coverage() + ", "
                + r.samples().size() + " samples in " + s.precision.jsonName());
    }

    private static CheckResult guarded(Subject s, Rule r) throws Exception {
        Subject.Resolved res = s.resolve();
        if (res.unavailable() != null) {
            return CheckResult.skip(s.key, r.name(), "not run: " + res.unavailable());
        }
        Optional<String> skip = s.impl.skip(s.entry, r.name());
        if (skip != null && skip.isPresent()) {
            return CheckResult.skip(s.key, r.name(), skip.get());
        }
        if (r.name().equals(GRADCHECK)) {
            Optional<String> why = s.entry.skipReason(org.nncheck.catalogue.Check.GRADIENT);
            if (why.isPresent()) {
                return CheckResult.skip(s.key, r.name(), why.get());
            }
        }
        return r.check(s);
    }

    /**
     * The comparison rules ({@value #FORWARD}, and {@value #BACKWARD} for a differentiable
     * entry) on one given input instead of generated samples: for inputs a caller chooses (work
     * sizes the samples do not reach, edge values), judged by the same {@link Allowance}. The
     * floating-point inputs are rounded to the implementation's precision; {@code seed} seeds
     * the upstream gradients.
     */
    public static List<CheckResult> checkInputs(Implementation impl, Entry e, Map<String, Tensor> inputs, Params params, long seed) {
        Subject s = new Subject(impl, e, seed, inputs, params);
        ClassLoader loader = impl.getClass().getClassLoader();
        List<CheckResult> out = new ArrayList<>();
        for (Rule r : List.of(new ForwardMatchesReference(), new BackwardMatchesReference())) {
            if (r.appliesTo(e)) {
                out.add(CheckRunner.run(s.key, r.name(), impl.checkTimeout(), loader, () -> guarded(s, r)));
            }
        }
        return out;
    }

    /** Runs every check on every catalogue entry. */
    public static List<CheckResult> run(Implementation impl, long seed) {
        return run(impl, seed, Catalogue.entries());
    }

    /**
     * Runs every check on the given entries. An entry that is not provided (or whose lookup
     * fails) gives its one {@value #PROVIDED} line; a provided one its rules' lines.
     */
    public static List<CheckResult> run(Implementation impl, long seed, List<Entry> entries) {
        return run(impl, seed, entries, null, r -> { });
    }

    /**
     * {@link #run(Implementation, long, List)} with a time limit per check ({@code null}: the
     * implementation's own) and a listener told of each result as soon as it is known.
     */
    public static List<CheckResult> run(Implementation impl, long seed, List<Entry> entries, Duration timeout,
                                        Consumer<CheckResult> listener) {
        List<CheckResult> out = new ArrayList<>();
        for (Entry e : entries) {
            List<PlannedCheck> checks = plan(impl, seed, e, timeout);
            CheckResult provided = checks.get(0).run();
            if (!provided.passed()) {
                out.add(provided);
                listener.accept(provided);
                continue;
            }
            for (PlannedCheck c : checks.subList(1, checks.size())) {
                CheckResult r = c.run();
                out.add(r);
                listener.accept(r);
            }
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
}
