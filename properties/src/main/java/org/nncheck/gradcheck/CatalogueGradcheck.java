package org.nncheck.gradcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Gradient checks of catalogue entries on their own generated inputs, shared by the test suite,
 * {@code nncheck gradcheck} and the report: for one entry, one parameter set and one mode
 * (dense: sizes 0..2, every element; directional: sizes 2..3, random directions per tensor),
 * several samples with fixed seeds ({@link #sampleSeed}).
 */
public final class CatalogueGradcheck {
    /** Samples per size. */
    public static final int REPEATS = 2;

    private CatalogueGradcheck() {
    }

    /**
     * One gradient check of one sample.
     *
     * @param entry the entry
     * @param paramSet index into {@link Entry#sampleParams()}
     * @param params the validated parameters
     * @param size the sample's size hint
     * @param sampleSeed seed of the sample
     * @param shapes the input shapes, for messages
     * @param result the checker's result
     * @param tolerance the entry's tolerance
     */
    public record Run(Entry entry, int paramSet, Params params, int size, long sampleSeed, String shapes, GradCheckResult result,
                      double tolerance) {

        public boolean passed() {
            return result.passed(tolerance);
        }

        /** Where the sample came from, enough to reproduce it. */
        public String where() {
            return Catalogue.key(entry.family(), entry.id()) + " params#" + paramSet + " " + params + ", size " + size + ", sample seed "
                    + sampleSeed + ", checker seed " + result.options().seed() + ", inputs " + shapes;
        }
    }

    /** The seed of sample {@code repeat} of size {@code size} for a parameter set. */
    public static long sampleSeed(Entry e, int paramSet, int size, int repeat) {
        return 0x9E3779B97F4A7C15L * (e.id().hashCode() + 31L * e.family().ordinal()) + 1000L * paramSet + 10L * size + repeat;
    }

    /**
     * Checks an implementation of {@code e} (the reference, or another {@link Component} of the
     * same id) on the entry's samples.
     */
    public static List<Run> run(Entry e, Component c, int paramSet, boolean directional, GradientChecker.Options base) {
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
                GradientChecker.Options opts = (directional ? base.directional() : base.dense()).withSeed(seed ^ 0x5DEECE66DL);
                GradCheckResult r = new GradientChecker(opts).check(c, inputs, params, diff, e.differentiatedOutputs(), e.kinks());
                runs.add(new Run(e, paramSet, params, size, seed, shapes(inputs), r, e.gradcheckTolerance()));
            }
        }
        return runs;
    }

    /** The floating-point differentiable inputs present in a sample. */
    public static List<String> diffInputs(Entry e, Map<String, Tensor> inputs) {
        return e.differentiableInputs().stream().map(TensorSpec::name)
                .filter(n -> inputs.containsKey(n) && !inputs.get(n).isIntegral()).toList();
    }

    private static String shapes(Map<String, Tensor> inputs) {
        StringBuilder sb = new StringBuilder("{");
        inputs.keySet().stream().sorted().forEach(k -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(inputs.get(k).shapeString()));
        return sb.append('}').toString();
    }
}
