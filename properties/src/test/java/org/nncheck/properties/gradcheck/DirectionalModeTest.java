package org.nncheck.properties.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Dependence;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Kinks;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;
import org.nncheck.gradcheck.TensorReport;
import org.nncheck.reference.activation.Sigmoid;

/**
 * What directional mode can miss that the element-by-element (colored) check catches, stated
 * in {@link GradientChecker}'s class comment: an error {@code delta} at one element j of an
 * N-element gradient changes {@code <a, w>} by {@code delta w_j}, next to
 * {@code |<a, w>| ~ sqrt(N) rms(a)}; so a single-element relative error well below
 * {@code tol sqrt(N)} passes every direction, while the dense check compares that element on
 * its own. Errors spread over the tensor (a scale, a sign) move {@code <a, w>} in proportion
 * and are caught by both.
 */
class DirectionalModeTest {

    private static final double TOL = 1e-6;

    /** The affine reference with dx[j] scaled by 1 + rel. */
    private static Component affineWithOneWrongElement(Entry e, int j, double rel) {
        Component ref = e.newReference();
        return BackwardMutants.mutant(ref, "x", new BackwardMutants.Mutation("dx[" + j + "] * (1 + " + rel + ")",
                g -> g.with(j, g.get(j) * (1 + rel))));
    }

    private static Map<String, Tensor> inputs() {
        SplittableRandom r = new SplittableRandom(7);
        return Map.of("x", Samples.normal(r, 0, 1, 64, 256), "w", Samples.normal(r, 0, 1, 256, 128),
                "b", Samples.normal(r, 0, 1, 128));
    }

    @Test
    void aSmallErrorAtOneElementOfALargeTensorIsMissedByDirectionsAndCaughtElementByElement() {
        Entry e = Catalogue.get("affine").orElseThrow();
        Params p = e.params(Map.of());
        Map<String, Tensor> in = inputs();
        // N = 16,384: tol sqrt(N) = 1.3e-4; a 1e-5 relative error at one element is far below it
        Component wrong = affineWithOneWrongElement(e, 1000, 1e-5);
        for (long seed = 1; seed <= 5; seed++) {
            GradCheckResult dir = new GradientChecker(GradientChecker.Options.defaults().directional().withSeed(seed))
                    .check(wrong, in, p, List.of("x"));
            assertTrue(dir.passed(TOL), "directional mode is expected to miss it (seed " + seed + ")\n" + dir.table(TOL));
        }
        GradCheckResult dense = new GradientChecker(GradientChecker.Options.defaults().dense()).check(wrong, in, p, List.of("x"));
        assertFalse(dense.passed(TOL), dense.table(TOL));
        TensorReport x = dense.tensor("x").orElseThrow();
        assertEquals(TensorReport.CheckMode.COLORED, x.mode());
        assertEquals(Tensor.unravel(new int[] {64, 256}, 1000)[0], x.worstIndex()[0]);
        assertEquals(Tensor.unravel(new int[] {64, 256}, 1000)[1], x.worstIndex()[1]);
    }

    @Test
    void aLargeErrorAtOneElementAndAScaleErrorAreCaughtByDirectionsToo() {
        Entry e = Catalogue.get("affine").orElseThrow();
        Params p = e.params(Map.of());
        Map<String, Tensor> in = inputs();
        // 10% at one element: 0.1 |a_j w_j| against 1e-6 * 128 rms(a) |w|: caught
        Component oneElement = affineWithOneWrongElement(e, 1000, 0.1);
        Component scaled = BackwardMutants.mutant(e.newReference(), "x", BackwardMutants.mutations().get(0));
        GradientChecker dir = new GradientChecker(GradientChecker.Options.defaults().directional());
        assertFalse(dir.check(oneElement, in, p, List.of("x")).passed(TOL));
        assertFalse(dir.check(scaled, in, p, List.of("x")).passed(TOL));
        assertTrue(dir.check(e.newReference(), in, p, List.of("x", "w", "b")).passed(TOL));
    }

    /** The component, counting its forward calls. */
    private static Component counting(Component c, AtomicInteger forwards) {
        return new Component() {
            @Override
            public String id() {
                return c.id();
            }

            @Override
            public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
                forwards.incrementAndGet();
                return c.forward(inputs, params);
            }

            @Override
            public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
                return c.backward(inputs, upstream, params);
            }

            @Override
            public Kinks kinks() {
                return c.kinks();
            }
        };
    }

    @Test
    void aDirectionCostsThreeForwardsAndTwoAlongATensorDeclaredAffine() {
        Entry e = Catalogue.get("affine").orElseThrow();
        Params p = e.params(Map.of());
        Map<String, Tensor> in = inputs();
        GradientChecker dir = new GradientChecker(GradientChecker.Options.defaults().directional());
        assertTrue(e.dependence().at(p, in).isAffineIn("x"));
        AtomicInteger declared = new AtomicInteger();
        dir.check(counting(e.newReference(), declared), in, p, List.of("x"), null, Kinks.NONE, e.dependence().at(p, in))
                .assertPasses(TOL);
        // the base forward, then 4 directions of 2 (-h, h): the line is straight
        assertEquals(1 + 4 * 2, declared.get());
        AtomicInteger undeclared = new AtomicInteger();
        dir.check(counting(e.newReference(), undeclared), in, p, List.of("x"), null, Kinks.NONE, Dependence.none())
                .assertPasses(TOL);
        // the base forward, then 4 directions of 3 (-h, h, 2h)
        assertEquals(1 + 4 * 3, undeclared.get());
    }

    @Test
    void aWrongAffineDeclarationChangesNoVerdict() {
        // sigmoid is not affine: the second difference sends every direction to the full stencil
        Map<String, Tensor> in = Map.of("x", Samples.normal(new SplittableRandom(3), 0, 1, 64, 64));
        Dependence wrongly = Dependence.elementWise("x", "y").affineIn("x");
        GradientChecker dir = new GradientChecker(GradientChecker.Options.defaults().directional());
        AtomicInteger forwards = new AtomicInteger();
        GradCheckResult right = dir.check(counting(new Sigmoid(), forwards), in, Params.of("test", List.of(), Map.of()), List.of("x"), null, Kinks.NONE, wrongly);
        assertTrue(right.passed(1e-8), right.table(1e-8));
        assertEquals(1 + 4 * 3, forwards.get());
        GradCheckResult scaled = dir.check(new GradientCheckerTest.ScaledSigmoid(1.01), in, Params.of("test", List.of(), Map.of()), List.of("x"), null,
                Kinks.NONE, wrongly);
        assertFalse(scaled.passed(TOL), scaled.table(TOL));
    }
}
