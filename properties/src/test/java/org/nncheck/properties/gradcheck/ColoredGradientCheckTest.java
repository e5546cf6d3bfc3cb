package org.nncheck.properties.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Dependence;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gradcheck.CatalogueGradcheck;
import org.nncheck.gradcheck.GradCheckResult;
import org.nncheck.gradcheck.GradientChecker;
import org.nncheck.gradcheck.TensorReport;
import org.nncheck.reference.layer.Affine;

/**
 * Colored finite differences against the element-by-element check they replace: the same
 * verdict on every catalogue entry, parameter set and sample, and on deliberately wrong
 * backward passes ({@link BackwardMutants}); far fewer forward evaluations; and a declared
 * dependence that the implementation breaks is reported as a failure.
 */
class ColoredGradientCheckTest {

    private static final String AFFINE = "affine";
    private static final GradientChecker COLORED = new GradientChecker(GradientChecker.Options.defaults().dense());
    private static final GradientChecker UNCOLORED = new GradientChecker(GradientChecker.Options.defaults().uncolored());

    private static boolean declares(Entry e, Params p, Map<String, Tensor> in) {
        return !e.dependence().at(p, in).describe().equals(Dependence.none().describe());
    }

    @TestFactory
    Stream<DynamicTest> sameVerdictsOnTheCatalogue() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            if (!e.differentiable()) {
                continue;
            }
            tests.add(dynamicTest(Catalogue.key(e.family(), e.id()), () -> {
                e.skipReason(org.nncheck.catalogue.Check.GRADIENT).ifPresent(r -> Assumptions.abort("skipped by the catalogue: " + r));
                int colored = 0;
                int declared = 0;
                for (int p = 0; p < e.sampleParams().size(); p++) {
                    Params params = e.params(e.sampleParams().get(p));
                    for (int size = 0; size <= 2; size++) {
                        long seed = CatalogueGradcheck.sampleSeed(e, p, size, 0);
                        Map<String, Tensor> in = e.samples().sample(new SplittableRandom(seed), params, size);
                        List<String> diff = CatalogueGradcheck.diffInputs(e, in);
                        if (diff.isEmpty()) {
                            continue;
                        }
                        GradCheckResult c = COLORED.check(e.newReference(), in, params, diff, e.differentiatedOutputs(), e.kinks());
                        GradCheckResult u = UNCOLORED.check(e.newReference(), in, params, diff, e.differentiatedOutputs(), e.kinks());
                        String where = e.id() + " params " + params + " size " + size + " seed " + seed;
                        assertEquals(u.passed(e.gradcheckTolerance()), c.passed(e.gradcheckTolerance()),
                                where + "\ncolored:\n" + c.table(e.gradcheckTolerance()) + "uncolored:\n" + u.table(e.gradcheckTolerance()));
                        assertTrue(c.passed(e.gradcheckTolerance()), where + "\n" + c.table(e.gradcheckTolerance()));
                        colored += (int) c.tensors().stream().filter(t -> t.mode() == TensorReport.CheckMode.COLORED).count();
                        declared += declares(e, params, in) ? 1 : 0;
                    }
                }
                // an entry that declares a structure is really checked colored (not silently densely)
                assertEquals(declared > 0, colored > 0, e.id() + ": declared on " + declared + " samples, colored tensors " + colored);
            }));
        }
        return tests.stream();
    }

    @Test
    void everyDeclaredDependenceNamesTheEntrysOwnInputsAndOutputs() {
        int declared = 0;
        for (Entry e : Catalogue.entries()) {
            for (int p = 0; p < e.sampleParams().size(); p++) {
                Params params = e.params(e.sampleParams().get(p));
                Map<String, Tensor> in = e.samples().sample(new SplittableRandom(CatalogueGradcheck.sampleSeed(e, p, 1, 0)), params, 1);
                Dependence d = e.dependence().at(params, in);
                for (String input : d.inputs()) {
                    declared++;
                    assertTrue(e.input(input).isPresent() && e.input(input).get().differentiable(), e.id() + ": " + input);
                    assertTrue(e.outputs().containsAll(d.outputs(input)), e.id() + ": " + d.outputs(input) + " not all in " + e.outputs());
                }
            }
        }
        assertTrue(declared > 0);
    }

    /**
     * A tensor declared affine ({@link Dependence#affineIn}) lets directional mode drop its
     * truncation estimate: on every sample the reference's outputs at {@code x - w, x, x + w}
     * (a random direction of unit size per element, far beyond a finite-difference step) lie on
     * a straight line to rounding.
     */
    private static Tensor moved(Tensor x, Tensor w, double t) {
        double[] p = x.toArray();
        for (int i = 0; i < p.length; i++) {
            p[i] += t * w.get(i);
        }
        return Tensor.wrap(x.shape(), p);
    }

    @Test
    void everyTensorDeclaredAffineIsAffineInTheReference() {
        int declared = 0;
        for (Entry e : Catalogue.entries()) {
            for (int p = 0; p < e.sampleParams().size(); p++) {
                Params params = e.params(e.sampleParams().get(p));
                Map<String, Tensor> in = e.samples().sample(new SplittableRandom(CatalogueGradcheck.sampleSeed(e, p, 1, 0)), params, 1);
                Dependence d = e.dependence().at(params, in);
                for (String input : d.affineInputs()) {
                    declared++;
                    assertTrue(e.input(input).isPresent() && e.input(input).get().differentiable(), e.id() + ": " + input);
                    Tensor x = in.get(input);
                    Tensor w = Samples.normal(new SplittableRandom(p), 0, 1, x.shape());
                    Map<String, Tensor> up = new java.util.HashMap<>(in);
                    up.put(input, moved(x, w, 1));
                    Map<String, Tensor> down = new java.util.HashMap<>(in);
                    down.put(input, moved(x, w, -1));
                    Map<String, Tensor> o0 = e.newReference().forward(in, params);
                    Map<String, Tensor> op = e.newReference().forward(up, params);
                    Map<String, Tensor> om = e.newReference().forward(down, params);
                    for (String out : o0.keySet()) {
                        for (int k = 0; k < o0.get(out).size(); k++) {
                            double scale = Math.abs(op.get(out).get(k)) + 2 * Math.abs(o0.get(out).get(k)) + Math.abs(om.get(out).get(k));
                            double second = op.get(out).get(k) - 2 * o0.get(out).get(k) + om.get(out).get(k);
                            assertTrue(Math.abs(second) <= 1e-12 * Math.max(1, scale),
                                    e.id() + " is not affine in " + input + ": " + out + "[" + k + "] second difference " + second);
                        }
                    }
                }
            }
        }
        assertTrue(declared >= 8, "affine, conv2d (x, w, b) and batch norm (gamma, beta) declare it: " + declared);
    }

    @TestFactory
    Stream<DynamicTest> sameVerdictsOnWrongBackwardPasses() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : Catalogue.entries()) {
            if (!e.differentiable() || e.skipReason(org.nncheck.catalogue.Check.GRADIENT).isPresent()) {
                continue;
            }
            tests.add(dynamicTest(Catalogue.key(e.family(), e.id()), () -> {
                int caught = 0;
                int mutants = 0;
                Params params = e.params(e.sampleParams().get(0));
                long seed = CatalogueGradcheck.sampleSeed(e, 0, 2, 1);
                Map<String, Tensor> in = e.samples().sample(new SplittableRandom(seed), params, 2);
                for (String t : CatalogueGradcheck.diffInputs(e, in)) {
                    for (BackwardMutants.Mutation m : BackwardMutants.mutations()) {
                        Component mutant = BackwardMutants.mutant(e.newReference(), t, m);
                        GradCheckResult c = COLORED.check(mutant, in, params, List.of(t), e.differentiatedOutputs(), e.kinks());
                        GradCheckResult u = UNCOLORED.check(mutant, in, params, List.of(t), e.differentiatedOutputs(), e.kinks());
                        boolean pc = c.passed(e.gradcheckTolerance());
                        assertEquals(u.passed(e.gradcheckTolerance()), pc, e.id() + " d" + t + " " + m.name() + ", seed " + seed
                                + "\ncolored:\n" + c.table(e.gradcheckTolerance()) + "uncolored:\n" + u.table(e.gradcheckTolerance()));
                        mutants++;
                        caught += pc ? 0 : 1;
                    }
                }
                Assumptions.assumeTrue(mutants > 0, "no floating-point differentiable input in the sample");
                // the scale and sign mutants change every non-zero gradient: something must be caught
                assertTrue(caught > 0, e.id() + ": no mutant caught");
            }));
        }
        return tests.stream();
    }

    /** Counts forward evaluations. */
    private static final class Counting implements Component {
        final Component inner;
        final AtomicInteger forwards = new AtomicInteger();

        Counting(Component inner) {
            this.inner = inner;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> inputs, Params params) {
            forwards.incrementAndGet();
            return inner.forward(inputs, params);
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> inputs, Map<String, Tensor> upstream, Params params) {
            return inner.backward(inputs, upstream, params);
        }
    }

    private static Map<String, Tensor> affineInputs(int n, int d, int m) {
        SplittableRandom rnd = new SplittableRandom(13);
        return Map.of("x", Samples.normal(rnd, 0, 1, n, d), "w", Samples.normal(rnd, 0, 1, d, m), "b", Samples.normal(rnd, 0, 1, m));
    }

    @Test
    void anAffineLayerNeedsOneGroupPerColumnOfXAndPerRowOfW() {
        // x (16, 64), w (64, 32), b (32): 3,104 elements; colors: 64 (x) + 64 (w) + 1 (b) = 129,
        // 4 forwards each for Richardson's central difference, plus 4 probes per tensor and the base
        Map<String, Tensor> in = affineInputs(16, 64, 32);
        Entry e = Catalogue.get(AFFINE).orElseThrow();
        Params p = e.params(Map.of());
        Counting colored = new Counting(new Affine());
        GradCheckResult r = COLORED.check(colored, in, p, List.of("x", "w", "b"));
        r.assertPasses(e.gradcheckTolerance());
        Counting dense = new Counting(new Affine());
        UNCOLORED.check(dense, in, p, List.of("x", "w", "b")).assertPasses(e.gradcheckTolerance());
        // Every element is still compared on its own
        assertEquals(16 * 64, r.tensor("x").orElseThrow().checked());
        assertEquals(64 * 32, r.tensor("w").orElseThrow().checked());
        int bound = 129 * 4 + 3 * (GradientChecker.STRUCTURE_PROBES + 1) + 1;
        assertTrue(colored.forwards.get() <= bound, colored.forwards.get() + " forwards, expected at most " + bound);
        assertTrue(dense.forwards.get() >= 3104 * 4, dense.forwards.get() + " forwards uncolored");
    }

    /**
     * An affine layer whose forward mixes the samples (x' = x + 0.05 mean_n x, then x' w + b) with
     * a backward consistent with it: the element-by-element check cannot see anything wrong (the
     * gradient is that of the forward), but per-sample independence is a fact of the affine
     * entry, so the colored check reports the violation.
     */
    static final class SampleMixingAffine implements Component {
        private final Affine ref = new Affine();

        @Override
        public String id() {
            return AFFINE;
        }

        private static Tensor mix(Tensor x, double c) {
            int n = x.dim(0);
            int d = x.size() / n;
            double[] v = x.toArray();
            double[] r = v.clone();
            for (int j = 0; j < d; j++) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += v[i * d + j];
                }
                mean /= n;
                for (int i = 0; i < n; i++) {
                    r[i * d + j] += c * mean;
                }
            }
            return Tensor.of(x.shape(), r);
        }

        @Override
        public Map<String, Tensor> forward(Map<String, Tensor> in, Params p) {
            Map<String, Tensor> m = new HashMap<>(in);
            m.put("x", mix(in.get("x"), 0.05));
            return ref.forward(m, p);
        }

        @Override
        public Map<String, Tensor> backward(Map<String, Tensor> in, Map<String, Tensor> up, Params p) {
            Map<String, Tensor> m = new HashMap<>(in);
            m.put("x", mix(in.get("x"), 0.05));
            Map<String, Tensor> g = new HashMap<>(ref.backward(m, up, p));
            // d/dx of x + c mean_n x is its own transpose: dx = g + c mean_n g
            g.put("dx", mix(g.get("dx"), 0.05));
            return g;
        }
    }

    @Test
    void anImplementationThatMixesSamplesCannotHideBehindTheDeclaredStructure() {
        Map<String, Tensor> in = affineInputs(4, 5, 3);
        Params p = Catalogue.get(AFFINE).orElseThrow().params(Map.of());
        GradCheckResult dense = UNCOLORED.check(new SampleMixingAffine(), in, p, List.of("x", "w", "b"));
        assertTrue(dense.passed(1e-6), "its gradient is right for its forward:\n" + dense.table());
        GradCheckResult colored = COLORED.check(new SampleMixingAffine(), in, p, List.of("x", "w", "b"));
        assertFalse(colored.passed(1e-6), colored.table());
        TensorReport x = colored.tensor("x").orElseThrow();
        assertTrue(x.problem() != null && x.problem().contains("does not hold") && x.problem().contains("outside its block"),
                x.problem());
        // w and b keep their declared structure (per output column): they pass
        assertTrue(colored.tensor("w").orElseThrow().passed(1e-6), colored.table());
    }

    @Test
    void coloringCanBeSwitchedOffAndIsOnByDefault() {
        assertTrue(GradientChecker.Options.defaults().colored());
        assertTrue(GradientChecker.Options.float32().colored());
        assertFalse(GradientChecker.Options.defaults().uncolored().colored());
        Map<String, Tensor> in = affineInputs(3, 4, 2);
        Params p = Catalogue.get(AFFINE).orElseThrow().params(Map.of());
        assertEquals(TensorReport.CheckMode.DENSE, UNCOLORED.check(new Affine(), in, p, List.of("x")).tensors().get(0).mode());
        assertEquals(TensorReport.CheckMode.COLORED, COLORED.check(new Affine(), in, p, List.of("x")).tensors().get(0).mode());
    }
}
