package org.nncheck.properties.gradcheck;

import org.nncheck.catalogue.Check;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;

/**
 * Mutation test of the gradient checker over the whole catalogue: for every differentiable
 * entry and every differentiable input, a backward whose largest-magnitude gradient element is
 * off by 1% must fail the check at the entry's own tolerance (a 1% error has relative error
 * 0.01/1.01 ~ 1e-2 at that element, far above every gradcheck tolerance, which are at most 1e-4
 * by CS231n's tiers). Shows that the catalogue check above can fail for every entry, not only
 * for the checker's toy components.
 */
class CatalogueMutationTest {

    /** The reference with d{tensor} at its largest element scaled by 1.01 (0.01 added if all are 0). */
    static Component mutant(Component ref, String tensor) {
        return BackwardMutants.mutant(ref, tensor, new BackwardMutants.Mutation("largest element 1% off", d -> {
            int arg = 0;
            for (int i = 1; i < d.size(); i++) {
                if (Math.abs(d.get(i)) > Math.abs(d.get(arg))) {
                    arg = i;
                }
            }
            double max = Math.abs(d.get(arg));
            // 1% of the largest element; an all-zero gradient gets an absolute 0.01 (wrong either way)
            return d.with(arg, d.get(arg) + (max > 0 ? 0.01 * d.get(arg) : 0.01));
        }));
    }

    @TestFactory
    Stream<DynamicTest> aOnePercentErrorInAnyGradientIsCaught() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            if (!e.differentiable()) {
                continue;
            }
            tests.add(dynamicTest(Catalogue.key(e.family(), e.id()), () -> {
                e.skipReason(Check.GRADIENT).ifPresent(r -> Assumptions.abort("skipped by the catalogue: " + r));
                int mutants = 0;
                for (int p = 0; p < e.sampleParams().size(); p++) {
                    Params params = e.params(e.sampleParams().get(p));
                    long seed = CatalogueGradientCheckTest.sampleSeed(e, p, 1, 0);
                    Map<String, Tensor> inputs = e.samples().sample(new SplittableRandom(seed), params, 1);
                    for (String t : CatalogueGradientCheckTest.diffInputs(e, inputs)) {
                        Component m = mutant(e.newReference(), t);
                        GradCheckResult r = new GradientChecker(GradientChecker.Options.defaults().dense())
                                .check(m, inputs, params, List.of(t));
                        mutants++;
                        if (r.passed(e.gradcheckTolerance())) {
                            throw new AssertionError("a 1% error in d" + t + " of " + e.id() + " (params " + params
                                    + ", sample seed " + seed + ") was NOT caught at tolerance " + e.gradcheckTolerance()
                                    + "\n" + r.table(e.gradcheckTolerance()));
                        }
                    }
                }
                Assumptions.assumeTrue(mutants > 0, "no sample with a floating-point differentiable input");
            }));
        }
        return tests.stream();
    }
}
