package org.nncheck.reference.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Every layer's analytic backward against central finite differences, element by element, for
 * every differentiable input, every parameter set of the entry ({@code sampleParams}: training
 * and eval, both momentum conventions, classic and inverted, stride/pad variants) and several
 * seeded samples (which cover 2-D and 4-D batch norm). The objective is
 * {@code L = sum_o <o, do>} with random upstream gradients over every output that is not an
 * updated state (batch norm's running_mean and running_var share input names and are not
 * differentiated, the convention of the catalogue gradient checker).
 *
 * <p>Oracle: the central difference {@code D(h) = (L(x + h) - L(x - h)) / 2h} with one
 * Richardson step, {@code (4 D(h/2) - D(h)) / 3}, {@code h = 1e-4 max(1, |x|)}: truncation
 * error {@code O(h^4)} and rounding error about {@code 1e-16 |L| / h}, both far below the
 * entry's gradcheckTolerance (1e-6, 1e-5 for the norms). This is a self-check of the reference; the catalogue-wide
 * gradient checker lives in module properties.
 */
class LayerGradientTest {
    private static final int SEEDS = 6;

    @TestFactory
    Stream<DynamicTest> everyLayerEveryParamSetEveryInput() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Entry e : LayerEntries.entries()) {
            for (Map<String, Object> raw : e.sampleParams()) {
                tests.add(DynamicTest.dynamicTest(e.id() + " " + raw, () -> check(e, raw)));
            }
        }
        return tests.stream();
    }

    /** The central difference of the objective along element i of input name. */
    private static double central(Component c, Map<String, Tensor> in, Params p, Map<String, Tensor> up, String name, int i, double h) {
        Tensor x = in.get(name);
        Map<String, Tensor> plus = new LinkedHashMap<>(in);
        plus.put(name, x.with(i, x.get(i) + h));
        Map<String, Tensor> minus = new LinkedHashMap<>(in);
        minus.put(name, x.with(i, x.get(i) - h));
        return (objective(c, plus, p, up) - objective(c, minus, p, up)) / (2 * h);
    }

    private static double objective(Component c, Map<String, Tensor> in, Params p, Map<String, Tensor> up) {
        double s = 0;
        for (Map.Entry<String, Tensor> o : c.forward(in, p).entrySet()) {
            Tensor d = up.get("d" + o.getKey());
            if (d == null) {
                continue;
            }
            for (int i = 0; i < d.size(); i++) {
                s += d.get(i) * o.getValue().get(i);
            }
        }
        return s;
    }

    private static void check(Entry e, Map<String, Object> raw) {
        Result r = worstError(e, e.newReference(), raw);
        System.out.printf("gradient %-13s %-60s worst relative error %.2e %s%n", e.id(), raw, r.worst, r.where);
        assertTrue(r.worst <= e.gradcheckTolerance(), e.id() + " " + raw + ": worst relative error " + r.worst + " at " + r.where);
    }

    /** The check must be able to fail: a batch norm whose backward ignores the statistics is caught. */
    @org.junit.jupiter.api.Test
    void detectsABackwardWithoutTheStatisticsTerms() {
        Entry e = LayerEntries.entries().stream().filter(x -> x.id().equals("batch_norm")).findFirst().orElseThrow();
        Result r = worstError(e, new BatchNorm(NormConvention.NO_STATISTICS_GRADIENT), Map.of());
        assertTrue(r.worst > 1e-2, "the wrong backward went unnoticed: worst " + r.worst);
    }

    private record Result(double worst, String where) {
    }

    private static Result worstError(Entry e, Component c, Map<String, Object> raw) {
        Params p = e.params(raw);
        double worst = 0;
        String where = "";
        for (int seed = 0; seed < SEEDS; seed++) {
            SplittableRandom rnd = new SplittableRandom(1000L * seed + e.id().hashCode());
            Map<String, Tensor> in = e.samples().sample(rnd, p, seed % 2);
            Map<String, Tensor> up = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> o : c.forward(in, p).entrySet()) {
                if (!in.containsKey(o.getKey())) {
                    up.put("d" + o.getKey(), Samples.normal(rnd, 0, 1, o.getValue().shape()));
                }
            }
            Map<String, Tensor> grads = c.backward(in, up, p);
            for (TensorSpec t : e.differentiableInputs()) {
                Tensor x = in.get(t.name());
                Tensor g = grads.get(t.gradientName());
                assertTrue(g != null, e.id() + ": backward gave no " + t.gradientName());
                assertEquals(x.shapeString(), g.shapeString(), e.id() + ": shape of " + t.gradientName());
                for (int i = 0; i < x.size(); i++) {
                    double h = 1e-4 * Math.max(1, Math.abs(x.get(i)));
                    double numeric = (4 * central(c, in, p, up, t.name(), i, h / 2) - central(c, in, p, up, t.name(), i, h)) / 3;
                    double analytic = g.get(i);
                    double err = Math.abs(numeric - analytic) / Math.max(1e-3, Math.max(Math.abs(numeric), Math.abs(analytic)));
                    if (err > worst) {
                        worst = err;
                        where = "seed " + seed + " " + t.gradientName() + "[" + i + "] of " + x.shapeString() + ": analytic " + analytic
                                + " numeric " + numeric;
                    }
                }
            }
        }
        return new Result(worst, where);
    }
}
