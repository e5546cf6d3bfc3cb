package org.nncheck.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Gradient checks of catalogue entries on their generated samples: what {@code nncheck gradcheck}
 * prints and what the catalogue test asserts. For an entry and one of its sample parameter sets,
 * samples of size hints 0..2 are checked element by element (dense) and samples of size hints
 * 2..3 along random directions, two seeds each, at the entry's {@link Entry#gradcheckTolerance()}.
 *
 * <p>Seeds: the sample seed of (entry, parameter set, size, repetition) is
 * {@link #sampleSeed}; the checker's seed is derived from it; both are in every {@link Run}.
 */
public final class CatalogueGradientCheck {

    /** Samples per size hint. */
    public static final int REPEATS = 2;

    private CatalogueGradientCheck() {
    }

    /**
     * One gradient check of one sample.
     *
     * @param entry the family-qualified entry key
     * @param paramSet index into the entry's sample parameter sets
     * @param params the parameters
     * @param size the size hint
     * @param sampleSeed the seed of the sample generator
     * @param directional whether every tensor was checked along random directions
     * @param tolerance the entry's gradcheck tolerance
     * @param result the checker's result (per-tensor table)
     */
    public record Run(String entry, int paramSet, Params params, int size, long sampleSeed, boolean directional,
                      double tolerance, GradCheckResult result) {

        public boolean passed() {
            return result.passed(tolerance);
        }

        /** Where the sample came from, for messages. */
        public String where() {
            return entry + " params#" + paramSet + " " + params + ", size " + size + ", sample seed " + sampleSeed
                    + ", checker seed " + result.options().seed() + (directional ? ", directional" : ", dense")
                    + ", tolerance " + tolerance;
        }
    }

    /** The sample seed of (entry, parameter set, size, repetition): fixed, printed on failure. */
    public static long sampleSeed(Entry e, int paramSet, int size, int repeat) {
        return 0x9E3779B97F4A7C15L * (e.id().hashCode() + 31L * e.family().ordinal()) + 1000L * paramSet + 10L * size + repeat;
    }

    /** The differentiable floating-point inputs present in a sample. */
    public static List<String> diffInputs(Entry e, Map<String, Tensor> inputs) {
        return e.differentiableInputs().stream().map(TensorSpec::name)
                .filter(n -> inputs.containsKey(n) && !inputs.get(n).isIntegral()).toList();
    }

    /**
     * Checks one entry and parameter set in one mode with a component (the reference or an
     * implementation under test).
     *
     * @param base checker options (step, unit roundoff); mode and seed are set here
     */
    public static List<Run> check(Entry e, int paramSet, boolean directional, Component component,
                                  GradientChecker.Options base) {
        Params params = e.params(e.sampleParams().get(paramSet));
        int[] sizes = directional ? new int[] {2, 3} : new int[] {0, 1, 2};
        List<Run> runs = new ArrayList<>();
        for (int size : sizes) {
            for (int rep = 0; rep < REPEATS; rep++) {
                long seed = sampleSeed(e, paramSet, size, rep);
                Map<String, Tensor> inputs = e.samples().sample(new SplittableRandom(seed), params, size);
                List<String> diff = diffInputs(e, inputs);
                if (diff.isEmpty()) {
                    continue;
                }
                GradientChecker.Options o = (directional ? base.directional() : base.dense()).withSeed(seed ^ 0x5DEECE66DL);
                GradCheckResult r = new GradientChecker(o).check(component, inputs, params, diff);
                runs.add(new Run(Catalogue.key(e.family(), e.id()), paramSet, params, size, seed, directional,
                        e.gradcheckTolerance(), r));
            }
        }
        return runs;
    }

    /**
     * Checks every differentiable entry that {@code implementation} provides and the catalogue
     * does not skip, every parameter set, both modes.
     */
    public static List<Run> checkAll(Function<Entry, Optional<Component>> implementation, GradientChecker.Options base) {
        List<Run> runs = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            if (!e.differentiable() || e.skipReason(Entry.CHECK_GRADIENT).isPresent()) {
                continue;
            }
            Optional<Component> c = implementation.apply(e);
            if (c.isEmpty()) {
                continue;
            }
            for (int p = 0; p < e.sampleParams().size(); p++) {
                runs.addAll(check(e, p, false, c.get(), base));
                runs.addAll(check(e, p, true, c.get(), base));
            }
        }
        return runs;
    }

    /** Checks every differentiable entry's reference. */
    public static List<Run> checkReference() {
        return checkAll(e -> Optional.of(e.newReference()), GradientChecker.Options.defaults());
    }
}
