package org.nncheck.reference.activation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.catalogue.TensorSpec;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * The analytic backward of every activation against central differences of
 * {@code L = sum(y * dy)} on the entries' own samples (every sampleParams, sizes 0..3, 3 seeds),
 * step {@code h = 1e-5 max(1, |x|)}; the samples keep away from kinks, so the central
 * difference error is O(h^2) ~ 1e-10 relative. Accepted: {@code |a - n| <= 1e-6 (|a| + |n|) +
 * noise}, with {@code noise = 16 eps mass / h} the rounding noise of evaluating L
 * twice (outputs that did not move contribute exactly 0, and {@code mass = sum over moved outputs
 * of |y dy|}); a wrong gradient is off by far more.
 */
class ActivationGradientTest {

    private static final long SEED = 20261123L;

    @TestFactory
    List<DynamicTest> backwardMatchesCentralDifferences() {
        return ActivationEntries.entries().stream().map(e -> DynamicTest.dynamicTest(e.id(), () -> check(e))).toList();
    }

    private static void check(Entry e) {
        SplittableRandom root = new SplittableRandom(SEED);
        for (Map<String, Object> raw : e.sampleParams()) {
            Params p = e.params(raw);
            for (int size = 0; size < 4; size++) {
                for (int rep = 0; rep < 3; rep++) {
                    SplittableRandom rnd = root.split();
                    Map<String, Tensor> in = e.samples().sample(rnd, p, size);
                    Component c = e.newReference();
                    Tensor y = c.forward(in, p).get("y");
                    Tensor dy = Samples.normal(rnd, 0, 1, y.shape());
                    Map<String, Tensor> g = c.backward(in, Map.of("dy", dy), p);
                    for (TensorSpec t : e.differentiableInputs()) {
                        Tensor analytic = g.get(t.gradientName());
                        Tensor x = in.get(t.name());
                        for (int i = 0; i < x.size(); i++) {
                            double h = 1e-5 * Math.max(1, Math.abs(x.get(i)));
                            int at = i;
                            Tensor up = output(c, in, t.name(), x.with(i, x.get(i) + h), p);
                            Tensor down = output(c, in, t.name(), x.with(i, x.get(i) - h), p);
                            double diff = 0;
                            double mass = 0;
                            for (int j = 0; j < up.size(); j++) {
                                diff += (up.get(j) - down.get(j)) * dy.get(j);
                                mass += up.get(j) == down.get(j) ? 0 : Math.abs(dy.get(j)) * Math.max(Math.abs(up.get(j)), 1e-300);
                            }
                            double numeric = diff / (2 * h);
                            double a = analytic.get(i);
                            double noise = 16 * Math.ulp(1.0) * mass / h;
                            double err = Math.abs(a - numeric);
                            assertTrue(err <= 1e-6 * (Math.abs(a) + Math.abs(numeric)) + noise, () -> e.id() + " " + raw
                                    + " d" + t.name() + "[" + at + "] analytic " + a + " numeric " + numeric + " error " + err
                                    + " noise " + noise + " (seed " + SEED + ")");
                        }
                    }
                }
            }
        }
    }

    private static Tensor output(Component c, Map<String, Tensor> in, String name, Tensor moved, Params p) {
        Map<String, Tensor> m = new HashMap<>(in);
        m.put(name, moved);
        return c.forward(m, p).get("y");
    }
}
