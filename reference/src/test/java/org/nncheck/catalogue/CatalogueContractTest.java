package org.nncheck.catalogue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The catalogue's own contract, one dynamic test per entry and invariant, over every entry on the
 * class path (so a new entry is covered without editing this test): ids agree, the sample
 * generator gives every required input and nothing undeclared, the forward gives the declared
 * outputs (finite, deterministic), forward and backward leave the inputs unchanged, the backward
 * gives a gradient for every differentiable input, declared traits hold, a missing input is a {@link ContractException}
 * naming the component (or unused), samples keep off declared kinks, every declared trait holds, every
 * alternative differs from the reference on some sample, and every skip has a reason.
 */
class CatalogueContractTest {
    /** Samples per parameter set and size hint. */
    private static final int REPEATS = 2;
    /** The least distance from a declared kink point a sample element may have (below every sampler's margin). */
    private static final double KINK_MARGIN = 1e-3;

    @TestFactory
    Stream<DynamicNode> everyEntryKeepsTheContract() {
        List<DynamicNode> nodes = new ArrayList<>();
        assertFalse(Catalogue.entries().isEmpty(), "the catalogue is empty");
        for (Entry e : Catalogue.entries()) {
            List<DynamicTest> tests = new ArrayList<>();
            tests.add(test("ids agree", () -> idsAgree(e)));
            tests.add(test("samples give every required input", () -> forEachSample(e, (p, in) -> samplesAreComplete(e, in))));
            tests.add(test("outputs as declared, finite, deterministic", () -> forEachSample(e, (p, in) -> outputsAsDeclared(e, p, in))));
            tests.add(test("inputs unchanged", () -> forEachSample(e, (p, in) -> inputsUnchanged(e, p, in))));
            if (e.differentiable() && e.skipReason(Check.GRADIENT).isEmpty()) {
                tests.add(test("backward gives every gradient", () -> forEachSample(e, (p, in) -> gradientsGiven(e, p, in))));
            }
            tests.add(test("a missing input is a contract error", () -> forEachSample(e, (p, in) -> missingInput(e, p, in))));
            if (e.kinks().any()) {
                tests.add(test("samples keep off declared kinks", () -> forEachSample(e, (p, in) -> offKinks(e, p, in))));
            }
            if (e.has(Trait.ELEMENTWISE)) {
                tests.add(test("element-wise", () -> forEachSample(e, (p, in) -> elementwise(e, p, in))));
            }
            if (e.has(Trait.PER_SAMPLE)) {
                tests.add(test("per sample", () -> perSample(e)));
            }
            tests.add(test("every alternative differs on some sample", () -> alternativesDiffer(e)));
            if (!e.differentiable()) {
                tests.add(test("says why it has no gradient check", () -> assertTrue(e.skipReason(Check.GRADIENT).isPresent())));
            }
            tests.add(test("every skip has a reason", () -> e.skips().forEach((c, r) -> assertFalse(r.isBlank(), c + " skipped without a reason"))));
            nodes.add(DynamicContainer.dynamicContainer(Catalogue.key(e.family(), e.id()), tests));
        }
        return nodes.stream();
    }

    private static DynamicTest test(String name, Executable body) {
        return DynamicTest.dynamicTest(name, body);
    }

    private interface SampleCheck {
        void check(Params p, Map<String, Tensor> in);
    }

    /** Runs a check on every parameter set, size hint 0..3 and {@link #REPEATS} seeds, naming the sample on failure. */
    private static void forEachSample(Entry e, SampleCheck c) {
        for (int ps = 0; ps < e.sampleParams().size(); ps++) {
            Params p = e.params(e.sampleParams().get(ps));
            for (int size = 0; size <= 3; size++) {
                for (int rep = 0; rep < REPEATS; rep++) {
                    long seed = 1000L * ps + 10L * size + rep;
                    Map<String, Tensor> in = e.samples().sample(new SplittableRandom(seed), p, size);
                    try {
                        c.check(p, in);
                    } catch (AssertionError | RuntimeException ex) {
                        throw new AssertionError(e.id() + " params " + p + ", size " + size + ", sample seed " + seed + ": " + ex.getMessage(), ex);
                    }
                }
            }
        }
    }

    private static void idsAgree(Entry e) {
        assertEquals(e.id(), e.newReference().id(), "the reference's id");
        assertFalse(e.summary().isBlank(), "a summary");
        assertFalse(e.outputs().isEmpty(), "declared outputs");
        for (String o : e.differentiatedOutputs()) {
            assertTrue(e.outputs().contains(o), o + " is an output");
        }
        for (Map<String, Object> raw : e.sampleParams()) {
            e.params(raw);
        }
    }

    private static void samplesAreComplete(Entry e, Map<String, Tensor> in) {
        e.inputs().stream().filter(t -> !t.optional())
                .forEach(t -> assertTrue(in.containsKey(t.name()), "sample lacks required input " + t.name()));
        in.keySet().forEach(k -> assertTrue(e.input(k).isPresent(), "sample gives undeclared input " + k));
        e.inputs().stream().filter(t -> in.containsKey(t.name()))
                .forEach(t -> assertEquals(t.integral(), in.get(t.name()).isIntegral(), t.name() + " integral as declared"));
    }

    private static void outputsAsDeclared(Entry e, Params p, Map<String, Tensor> in) {
        Map<String, Tensor> out = e.newReference().forward(in, p);
        assertFalse(out.isEmpty(), "no output");
        out.forEach((k, v) -> {
            assertTrue(e.outputs().contains(k), "undeclared output " + k + " (declared " + e.outputs() + ")");
            for (int i = 0; i < v.size(); i++) {
                assertTrue(Double.isFinite(v.get(i)), "output " + k + " is " + v.get(i) + " at " + i);
            }
        });
        e.differentiatedOutputs().forEach(o -> assertTrue(out.containsKey(o), "no output " + o));
        assertEquals(out, e.newReference().forward(in, p), "deterministic");
    }

    private static Map<String, Tensor> upstream(Entry e, Map<String, Tensor> out) {
        SplittableRandom rnd = new SplittableRandom(7);
        Map<String, Tensor> up = new LinkedHashMap<>();
        for (String o : e.differentiatedOutputs()) {
            if (out.containsKey(o)) {
                up.put("d" + o, Samples.normal(rnd, 0, 1, out.get(o).shape()));
            }
        }
        return up;
    }

    private static void inputsUnchanged(Entry e, Params p, Map<String, Tensor> in) {
        Map<String, double[]> before = new HashMap<>();
        in.forEach((k, v) -> before.put(k, v.toArray()));
        Component c = e.newReference();
        Map<String, Tensor> out = c.forward(in, p);
        if (e.differentiable() && e.skipReason(Check.GRADIENT).isEmpty()) {
            c.backward(in, upstream(e, out), p);
        }
        in.forEach((k, v) -> assertArrayEquals(before.get(k), v.toArray(), 0, "input " + k + " modified"));
    }

    private static void gradientsGiven(Entry e, Params p, Map<String, Tensor> in) {
        Component c = e.newReference();
        Map<String, Tensor> g = c.backward(in, upstream(e, c.forward(in, p)), p);
        e.differentiableInputs().stream().filter(t -> in.containsKey(t.name()) && !in.get(t.name()).isIntegral()).forEach(t -> {
            Tensor d = g.get(t.gradientName());
            assertTrue(d != null, "no gradient " + t.gradientName() + " (gave " + g.keySet() + ")");
            assertTrue(d.sameShape(in.get(t.name())), t.gradientName() + " has shape " + d.shapeString());
        });
    }

    /**
     * Without a required input the forward throws a {@link ContractException} naming the
     * component and the tensor, unless these parameters do not use it (dropout's mask at test
     * time, docs/SPEC-EXTENSIONS.md item 17): then the outputs are those with it.
     */
    private static void missingInput(Entry e, Params p, Map<String, Tensor> in) {
        e.inputs().stream().filter(t -> !t.optional()).forEach(t -> {
            Map<String, Tensor> less = new HashMap<>(in);
            less.remove(t.name());
            Map<String, Tensor> out;
            try {
                out = e.newReference().forward(less, p);
            } catch (ContractException ex) {
                assertTrue(ex.getMessage().contains(e.id()) && ex.getMessage().contains(t.name()),
                        "the message names the component and the tensor: " + ex.getMessage());
                return;
            }
            assertEquals(e.newReference().forward(in, p), out, "forward without " + t.name() + " neither refused nor unaffected");
        });
    }

    private static void offKinks(Entry e, Params p, Map<String, Tensor> in) {
        for (TensorSpec t : e.differentiableInputs()) {
            Tensor x = in.get(t.name());
            for (int i = 0; x != null && i < x.size(); i++) {
                double d = e.kinks().distance(in, p, t.name(), i);
                assertTrue(Double.isNaN(d) || d >= KINK_MARGIN, t.name() + "[" + i + "] is " + d + " from a kink (" + e.kinks().describe() + ")");
            }
        }
    }

    /**
     * y and dx element by element equal those of the element alone (a rank-0 tensor), and NaN
     * in gives NaN out (docs/SPEC-EXTENSIONS.md item 21).
     */
    private static void elementwise(Entry e, Params p, Map<String, Tensor> in) {
        assertEquals(List.of("x"), e.inputs().stream().map(TensorSpec::name).toList(), "one input x");
        assertEquals(List.of("y"), e.outputs(), "one output y");
        Component c = e.newReference();
        Tensor x = in.get("x");
        Tensor y = c.forward(in, p).get("y");
        assertTrue(y.sameShape(x), "y has the shape of x");
        Tensor dy = Samples.normal(new SplittableRandom(3), 0, 1, x.shape());
        Tensor dx = c.backward(in, Map.of("dy", dy), p).get("dx");
        for (int i = 0; i < x.size(); i++) {
            Map<String, Tensor> one = Map.of("x", Tensor.scalar(x.get(i)));
            assertEquals(y.get(i), c.forward(one, p).get("y").item(), 0, "y[" + i + "]");
            assertEquals(dx.get(i), c.backward(one, Map.of("dy", Tensor.scalar(dy.get(i))), p).get("dx").item(), 0, "dx[" + i + "]");
        }
        assertTrue(Double.isNaN(c.forward(Map.of("x", Tensor.scalar(Double.NaN)), p).get("y").item()), "f(NaN) is NaN");
    }

    /**
     * Changing every sample of x but the first leaves the first sample of each output whose
     * leading dimension is x's bit for bit unchanged; at least one sample with two or more
     * samples must occur among the entry's samples.
     */
    private static void perSample(Entry e) {
        int[] checked = {0};
        forEachSample(e, (p, in) -> {
            Tensor x = in.get("x");
            if (x == null || x.rank() == 0 || x.dim(0) < 2) {
                return;
            }
            int n = x.dim(0);
            int per = x.size() / n;
            double[] v = x.toArray();
            for (int i = per; i < v.length; i++) {
                v[i] = 0.25 - 1.5 * v[i];
            }
            Map<String, Tensor> other = new HashMap<>(in);
            other.put("x", Tensor.wrap(x.shape(), v));
            Map<String, Tensor> a = e.newReference().forward(in, p);
            Map<String, Tensor> b = e.newReference().forward(other, p);
            a.forEach((k, t) -> {
                if (t.rank() >= 1 && t.dim(0) == n) {
                    int m = t.size() / n;
                    for (int i = 0; i < m; i++) {
                        assertEquals(t.get(i), b.get(k).get(i), 0, k + "[" + i + "] of sample 0 changed with the other samples");
                    }
                    checked[0]++;
                }
            });
        });
        assertTrue(checked[0] > 0, "no sample with two or more samples and a per-sample output");
    }

    /** Some parameter set, size and seed where the alternative's outputs or gradients differ (else verify could never name it). */
    private static void alternativesDiffer(Entry e) {
        for (Alternative a : e.alternatives()) {
            boolean differs = false;
            for (int ps = 0; ps < e.sampleParams().size() && !differs; ps++) {
                Params p = e.params(e.sampleParams().get(ps));
                for (int trial = 0; trial < 8 && !differs; trial++) {
                    Map<String, Tensor> in = e.samples().sample(new SplittableRandom(5 + trial), p, 1 + trial % 3);
                    differs = differs(e, a, p, in);
                }
            }
            if (!differs) {
                fail("alternative '" + a.name() + "' never differs from the reference on the entry's samples");
            }
        }
    }

    private static boolean differs(Entry e, Alternative a, Params p, Map<String, Tensor> in) {
        Component ref = e.newReference();
        Component alt = a.component() == null ? e.newReference() : a.component();
        Params ap;
        Map<String, Tensor> s;
        try {
            ap = a.params().apply(p);
            s = new LinkedHashMap<>(alt.forward(in, ap));
        } catch (ContractException ex) {
            return true;
        }
        Map<String, Tensor> r = new LinkedHashMap<>(ref.forward(in, p));
        if (!r.equals(s)) {
            return true; // the forward already differs (perhaps in shape: ceil_mode swapped); no backward needed
        }
        if (e.differentiable() && e.skipReason(Check.GRADIENT).isEmpty()) {
            Map<String, Tensor> up = upstream(e, r);
            r.putAll(ref.backward(in, up, p));
            try {
                s.putAll(alt.backward(in, up, ap));
            } catch (ContractException | UnsupportedOperationException ex) {
                return true;
            }
        }
        return !r.equals(s);
    }
}
