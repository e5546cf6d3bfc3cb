package org.nncheck.properties.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.gpu.Gpu;
import org.nncheck.gpu.GpuCatalogue;
import org.nncheck.gpu.Precision;

/**
 * OpenCL vs reference for every catalogue entry that has a kernel (iterating
 * {@link Catalogue#entries()}, so a newly merged reference is covered without touching this
 * class): forward outputs and every gradient, float32 always and float64 on an fp64 device,
 * with {@link GpuTolerance}. Inputs: the entry's own sample generator at every size hint
 * (odd, prime, below and above the work-group size) and every sample parameter set; for the
 * element-wise activations also extremes (+-80, the largest float exp argument that stays
 * finite is 88.7) and values just beside the kinks. QuickTheories with a fixed seed; a
 * failure prints the falsifying (seed, size, parameter set).
 */
class GpuCrossCheckProperties {
    static final long SEED = 0x6E6E636865636BL;
    static final int EXAMPLES = 10;
    private static final Set<String> ELEMENTWISE = Set.of("sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "gelu");

    static final java.util.concurrent.atomic.AtomicInteger OUT_OF_DOMAIN = new java.util.concurrent.atomic.AtomicInteger();
    static final java.util.concurrent.atomic.AtomicInteger COMPARISONS = new java.util.concurrent.atomic.AtomicInteger();

    @AfterAll
    static void dispose() {
        System.out.println("GPU cross-check: " + COMPARISONS.get() + " OpenCL-vs-reference comparisons (forward + backward)");
        System.out.println("GPU cross-check: perturbed reference evaluations outside the domain (no conditioning term): "
                + OUT_OF_DOMAIN.get());
        Gpu.disposeAll();
        GpuTestSupport.assertNoFallback();
    }

    /** The entries the cross-check covers: built in the catalogue, with a kernel, not skipped. */
    static List<Entry> covered() {
        return Catalogue.entries().stream()
                .filter(e -> GpuCatalogue.hasKernel(e.id()) && e.skipReason(Entry.CHECK_GPU).isEmpty()).toList();
    }

    @TestFactory
    Stream<DynamicTest> openClMatchesReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : covered()) {
            for (Precision p : List.of(Precision.F32, Precision.F64)) {
                tests.add(DynamicTest.dynamicTest(e.id() + " " + p.dtype(), () -> check(e, p)));
            }
        }
        return tests.stream();
    }

    /** The check can fail: leaky_relu's kernel passed off as relu is caught. */
    @org.junit.jupiter.api.Test
    void aWrongKernelIsCaught() {
        GpuTestSupport.requireOpenCl();
        Entry relu = Catalogue.get("relu").orElseThrow();
        Component wrong = GpuCatalogue.create("leaky_relu", Precision.F32).orElseThrow();
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> {
            for (long seed = 1; seed <= 5; seed++) {
                compare(relu, wrong, Precision.F32, seed, 2, 0);
            }
        });
    }

    static void check(Entry e, Precision p) {
        GpuTestSupport.requireOpenCl();
        if (p == Precision.F64) {
            GpuTestSupport.requireFp64();
        }
        Component gpu = GpuCatalogue.create(e.id(), p).orElseThrow();
        // every sample parameter set (each mode/option of the entry), EXAMPLES generated inputs each
        for (int i = 0; i < e.sampleParams().size(); i++) {
            int pi = i;
            qt().withFixedSeed(SEED + pi).withExamples(EXAMPLES)
                    .forAll(longs().all(), integers().between(0, 3))
                    .checkAssert((seed, size) -> compare(e, gpu, p, seed, size, pi));
        }
    }

    static void compare(Entry e, Component gpu, Precision p, long seed, int size, int pi) {
        String where = e.id() + " " + p.dtype() + " seed=" + seed + " size=" + size + " params=" + e.sampleParams().get(pi);
        SplittableRandom rnd = new SplittableRandom(seed);
        Params params = e.params(e.sampleParams().get(pi));
        Map<String, Tensor> raw = new LinkedHashMap<>(e.samples().sample(rnd, params, size));
        if (ELEMENTWISE.contains(e.id())) {
            raw.replaceAll((k, t) -> withExtremes(t, rnd));
        }
        crossCheck(e, gpu, p, raw, params, seed, rnd, where);
    }

    /**
     * One cross-check on given inputs: rounds them to the kernel precision, runs reference and
     * OpenCL forward (and backward with random upstream gradients), compares with
     * {@link GpuTolerance}.
     */
    static void crossCheck(Entry e, Component gpu, Precision p, Map<String, Tensor> raw, Params params, long seed,
                           SplittableRandom rnd, String where) {
        COMPARISONS.incrementAndGet();
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        raw.forEach((k, t) -> inputs.put(k, t.isIntegral() ? t : t.map(p::round)));
        long reduction = ELEMENTWISE.contains(e.id()) ? 0 : inputs.values().stream().mapToLong(Tensor::size).max().orElse(1);
        Component ref = e.newReference();
        Map<String, Tensor> rf = ref.forward(inputs, params);
        Map<String, Tensor> gf = gpu.forward(inputs, params);
        double eps = GpuTolerance.perturbation(p, reduction);
        List<Map<String, Tensor>> pf = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            Map<String, Tensor> pin = perturbInputs(e, inputs, eps, new SplittableRandom(seed + 31L * (d + 1)));
            perturbed(() -> ref.forward(pin, params)).ifPresent(pf::add);
        }
        Map<String, double[]> fterms = new LinkedHashMap<>();
        if (e.family() == Family.OPTIMIZER && rf.containsKey("w")) {
            fterms.put("w", FormulaBounds.trajectoryTerms(inputs.get("w"), rf.get("w")));
        }
        for (String o : rf.keySet()) {
            FormulaBounds.forwardTerms(e.id(), o, inputs, params).ifPresent(t -> fterms.put(o, t));
        }
        assertSame(where + " forward", rf, gf, p, pf, fterms);
        if (e.differentiable()) {
            Map<String, Tensor> upstream = new LinkedHashMap<>();
            for (String o : e.outputs()) {
                Tensor r = rf.get(o);
                if (r != null) {
                    upstream.put("d" + o, Samples.normal(rnd, 0, 1, r.shape()).map(p::round));
                }
            }
            Map<String, Tensor> rb = ref.backward(inputs, upstream, params);
            Map<String, Tensor> gb = gpu.backward(inputs, upstream, params);
            List<Map<String, Tensor>> pb = new ArrayList<>();
            for (int d = 0; d < 2; d++) {
                SplittableRandom pr = new SplittableRandom(seed + 77L * (d + 1));
                Map<String, Tensor> pin = perturbInputs(e, inputs, eps, pr);
                Map<String, Tensor> pup = GpuTolerance.perturb(upstream, eps, pr);
                perturbed(() -> ref.backward(pin, pup, params)).ifPresent(pb::add);
            }
            Map<String, double[]> terms = new LinkedHashMap<>();
            for (String g : rb.keySet()) {
                FormulaBounds.gradientTerms(e.id(), g, inputs, upstream, params).ifPresent(t -> terms.put(g, t));
            }
            assertSame(where + " backward", rb, gb, p, pb, terms);
        }
    }

    /**
     * Perturbs the differentiable inputs (for a component without gradients: every
     * floating-point input). Data such as masks, targets and running statistics keep their
     * values: they are not rounding-error carriers of the kernel and have domain constraints
     * (0/1 masks, probabilities summing to 1).
     */
    static Map<String, Tensor> perturbInputs(Entry e, Map<String, Tensor> inputs, double eps, SplittableRandom rnd) {
        Map<String, Tensor> sel = new LinkedHashMap<>();
        Map<String, Tensor> rest = new LinkedHashMap<>();
        inputs.forEach((k, t) -> {
            boolean diff = e.input(k).map(org.nncheck.catalogue.TensorSpec::differentiable).orElse(false);
            (diff || !e.differentiable() ? sel : rest).put(k, t);
        });
        Map<String, Tensor> out = new LinkedHashMap<>(GpuTolerance.perturb(sel, eps, rnd));
        out.putAll(rest);
        return out;
    }

    /** A perturbed reference evaluation, or nothing when the perturbation leaves the domain. */
    static java.util.Optional<Map<String, Tensor>> perturbed(java.util.function.Supplier<Map<String, Tensor>> f) {
        try {
            return java.util.Optional.of(f.get());
        } catch (org.nncheck.core.ContractException ex) {
            OUT_OF_DOMAIN.incrementAndGet();
            return java.util.Optional.empty();
        }
    }

    /** Replaces about a fifth of the values by extremes and near-kink values. */
    static Tensor withExtremes(Tensor t, SplittableRandom rnd) {
        double[] special = {80, -80, 20, -20, 1e-4, -1e-4, 1e-30, -1e-30, 5, -5};
        double[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            if (rnd.nextInt(5) == 0) {
                v[i] = special[rnd.nextInt(special.length)];
            }
        }
        return Tensor.wrap(t.shape(), v);
    }

    static void assertSame(String where, Map<String, Tensor> ref, Map<String, Tensor> gpu, Precision p,
                           List<Map<String, Tensor>> perturbed, Map<String, double[]> formulaTerms) {
        assertEquals(new TreeSet<>(ref.keySet()), new TreeSet<>(gpu.keySet()), where + ": tensors returned");
        for (String k : ref.keySet()) {
            Tensor r = ref.get(k);
            Tensor g = gpu.get(k);
            assertEquals(r.shapeString(), g.shapeString(), where + ": shape of " + k);
            for (int j = 0; j < r.size(); j++) {
                double rv = r.get(j);
                double gv = g.get(j);
                if (Double.isNaN(rv) || Double.isNaN(gv)) {
                    if (Double.isNaN(rv) != Double.isNaN(gv)) {
                        fail(where + ": " + k + "[" + j + "] NaN mismatch: reference " + rv + ", OpenCL " + gv);
                    }
                    continue;
                }
                if (Double.isInfinite(rv) || Double.isInfinite(gv)) {
                    if (rv != gv) {
                        fail(where + ": " + k + "[" + j + "] reference " + rv + ", OpenCL " + gv);
                    }
                    continue;
                }
                double cond = 0;
                for (Map<String, Tensor> pm : perturbed) {
                    Tensor pt = pm.get(k);
                    if (pt != null && pt.size() == r.size()) {
                        double dlt = Math.abs(pt.get(j) - rv);
                        cond = Double.isNaN(dlt) ? cond : Math.max(cond, dlt);
                    }
                }
                double[] ft = formulaTerms.get(k);
                if (ft != null) {
                    cond += GpuTolerance.C * p.unitRoundoff() * ft[j];
                }
                double tol = GpuTolerance.allowed(p, rv, cond);
                if (!(Math.abs(gv - rv) <= tol)) {
                    fail(where + ": " + k + "[" + j + "] reference " + rv + ", OpenCL " + gv + ", error " + Math.abs(gv - rv)
                            + " > allowed " + tol + " (C=" + GpuTolerance.C + ", u=" + p.unitRoundoff()
                            + ", conditioning term " + cond + ")");
                }
            }
        }
    }
}
