package org.nncheck.properties.gradcheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;

/**
 * Gradient-checks every differentiable catalogue entry, for each of its sample parameter sets,
 * on generated inputs of every size hint, in dense mode (sizes 0..2, every element) and in
 * directional mode (sizes 2..3, every tensor along random directions), at the entry's own
 * {@link Entry#gradcheckTolerance()}. Each entry x parameter set x mode is its own test; a skip
 * happens only through {@link Entry#skipReason(String)} with {@link Entry#CHECK_GRADIENT}.
 *
 * <p>Seeds are fixed: the sample seed of (entry, parameter set, size, repetition) is
 * {@link #sampleSeed} and is printed in every failure, with the checker's own seed.
 */
class CatalogueGradientCheckTest {

    /** Samples per size: several random inputs of each size. */
    private static final int REPEATS = 2;

    static long sampleSeed(Entry e, int paramSet, int size, int repeat) {
        return 0x9E3779B97F4A7C15L * (e.id().hashCode() + 31L * e.family().ordinal()) + 1000L * paramSet + 10L * size + repeat;
    }

    @TestFactory
    Stream<DynamicTest> everyDifferentiableEntry() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            if (!e.differentiable()) {
                continue;
            }
            for (int p = 0; p < e.sampleParams().size(); p++) {
                int paramSet = p;
                String name = Catalogue.key(e.family(), e.id()) + " params#" + p + " " + e.sampleParams().get(p);
                tests.add(dynamicTest(name + " dense", () -> run(e, paramSet, false)));
                tests.add(dynamicTest(name + " directional", () -> run(e, paramSet, true)));
            }
        }
        return tests.stream();
    }

    private static void run(Entry e, int paramSet, boolean directional) {
        e.skipReason(Entry.CHECK_GRADIENT).ifPresent(reason -> Assumptions.abort("skipped by the catalogue: " + reason));
        Params params = e.params(e.sampleParams().get(paramSet));
        Component c = e.newReference();
        GradientChecker.Options base = GradientChecker.Options.defaults();
        int[] sizes = directional ? new int[] {2, 3} : new int[] {0, 1, 2};
        int checks = 0;
        for (int size : sizes) {
            for (int rep = 0; rep < REPEATS; rep++) {
                long seed = sampleSeed(e, paramSet, size, rep);
                Map<String, Tensor> inputs = e.samples().sample(new SplittableRandom(seed), params, size);
                List<String> diff = diffInputs(e, inputs);
                if (diff.isEmpty()) {
                    continue;
                }
                GradientChecker.Options opts = (directional ? base.directional() : base.dense()).withSeed(seed ^ 0x5DEECE66DL);
                GradCheckResult r = new GradientChecker(opts).check(c, inputs, params, diff);
                if (!r.passed(e.gradcheckTolerance())) {
                    throw new AssertionError(Catalogue.key(e.family(), e.id()) + " with params " + params + ", size " + size
                            + ", sample seed " + seed + ", checker seed " + opts.seed() + ", tolerance "
                            + e.gradcheckTolerance() + ", input shapes " + shapes(inputs) + "\n" + r.table(e.gradcheckTolerance()));
                }
                checks++;
            }
        }
        assertTrue(checks > 0, e.id() + ": no sample had a floating-point differentiable input");
    }

    /** The differentiable inputs present in a sample, floating point. */
    static List<String> diffInputs(Entry e, Map<String, Tensor> inputs) {
        return e.differentiableInputs().stream().map(TensorSpec::name)
                .filter(n -> inputs.containsKey(n) && !inputs.get(n).isIntegral()).toList();
    }

    private static String shapes(Map<String, Tensor> inputs) {
        StringBuilder sb = new StringBuilder("{");
        inputs.keySet().stream().sorted().forEach(k -> sb.append(sb.length() > 1 ? ", " : "").append(k).append(inputs.get(k).shapeString()));
        return sb.append('}').toString();
    }

    @Test
    void theCatalogueHasDifferentiableEntriesToCheck() {
        assertFalse(Catalogue.entries().stream().noneMatch(Entry::differentiable),
                "no differentiable entry: the factory above would check nothing");
        assertTrue(Catalogue.get("relu").isPresent() && Catalogue.get("sigmoid").isPresent());
    }
}
