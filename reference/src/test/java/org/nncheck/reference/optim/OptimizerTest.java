package org.nncheck.reference.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.ContractException;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Worked examples of the optimizers. Every expected value is the SPEC's (PyTorch 1.13's)
 * one-step formula evaluated by hand; the arithmetic is written in the comment next to it.
 */
class OptimizerTest {

    static Tensor run(String id, Map<String, Object> params, Tensor w, Tensor grads, Tensor lr) {
        return run(Catalogue.get(id).orElseThrow().newReference(), id, params, w, grads, lr);
    }

    static Tensor run(Component c, String id, Map<String, Object> params, Tensor w, Tensor grads, Tensor lr) {
        Entry e = Catalogue.get(id).orElseThrow();
        Map<String, Tensor> in = new HashMap<>();
        in.put("w", w);
        in.put("grads", grads);
        if (lr != null) {
            in.put("lr", lr);
        }
        return c.forward(in, e.params(params)).get("w");
    }

    /** A trajectory of a scalar parameter: grads (T), output (T). */
    static double[] scalar(String id, Map<String, Object> params, double w, double[] grads, double[] lr) {
        return run(id, params, Tensor.scalar(w), Tensor.vector(grads), lr == null ? null : Tensor.vector(lr)).toArray();
    }

    @Test
    void sgdOneStepByHand() {
        Tensor w = Tensor.vector(1.0, -2.0);
        Tensor g = Tensor.of(new int[] {1, 2}, new double[] {0.5, 0.25});
        Tensor out = run("sgd", Map.of("lr", 0.1, "weight_decay", 0.01), w, g, null);
        assertArrayEquals(new int[] {1, 2}, out.shape());
        // w - lr*(g + wd*w): 1 - 0.1*(0.5 + 0.01) = 0.949; -2 - 0.1*(0.25 - 0.02) = -2.023
        assertArrayEquals(new double[] {0.949, -2.023}, out.toArray(), 1e-15);
    }

    @Test
    void sgdUsesTheLrTensorInsteadOfTheParameter() {
        // steps of lr_t * g: 1 - 0.5*1 = 0.5, then 0.5 - 0.25*2 = 0
        assertArrayEquals(new double[] {0.5, 0.0}, scalar("sgd", Map.of("lr", 100.0), 1, new double[] {1, 2}, new double[] {0.5, 0.25}), 0);
        assertArrayEquals(new double[] {0.5, 0.0}, scalar("sgd", Map.of(), 1, new double[] {1, 2}, new double[] {0.5, 0.25}), 0);
    }

    @Test
    void momentumTwoStepsByHand() {
        // v1 = g1 = 1, w1 = 1 - 0.1*1 = 0.9; v2 = 0.9*1 + 2 = 2.9, w2 = 0.9 - 0.29 = 0.61
        assertArrayEquals(new double[] {0.9, 0.61}, scalar("momentum", Map.of("lr", 0.1), 1, new double[] {1, 2}, null), 1e-15);
        // dampening 0.5 (not on the first step): v2 = 0.9 + 0.5*2 = 1.9, w2 = 0.9 - 0.19 = 0.71
        assertArrayEquals(new double[] {0.9, 0.71},
                scalar("momentum", Map.of("lr", 0.1, "dampening", 0.5), 1, new double[] {1, 2}, null), 1e-15);
    }

    @Test
    void momentumFormsDifferOnlyWhenTheLearningRateChanges() {
        double[] lr = {0.1, 0.2};
        // pytorch: v2 = 2.9, w2 = 0.9 - 0.2*2.9 = 0.32
        assertArrayEquals(new double[] {0.9, 0.32}, scalar("momentum", Map.of(), 1, new double[] {1, 2}, lr), 1e-15);
        // cs231n: v1 = -0.1, w1 = 0.9; v2 = 0.9*(-0.1) - 0.2*2 = -0.49, w2 = 0.41
        assertArrayEquals(new double[] {0.9, 0.41}, scalar("momentum", Map.of("form", "cs231n"), 1, new double[] {1, 2}, lr), 1e-15);
        // constant lr: identical (both 0.9, 0.61 as above)
        assertArrayEquals(scalar("momentum", Map.of("lr", 0.1), 1, new double[] {1, 2, -3}, null),
                scalar("momentum", Map.of("lr", 0.1, "form", "cs231n"), 1, new double[] {1, 2, -3}, null), 1e-15);
    }

    @Test
    void nesterovTwoStepsByHandInBothForms() {
        // pytorch: v1 = 1, w1 = 1 - 0.1*(1 + 0.9*1) = 0.81; v2 = 2.9, w2 = 0.81 - 0.1*(2 + 0.9*2.9) = 0.349
        assertArrayEquals(new double[] {0.81, 0.349}, scalar("nesterov", Map.of("lr", 0.1), 1, new double[] {1, 2}, null), 1e-15);
        // cs231n: v1 = -0.1, w1 = 1 + 1.9*(-0.1) = 0.81; v2 = -0.09 - 0.2 = -0.29, w2 = 0.81 + 0.09 + 1.9*(-0.29) = 0.349
        assertArrayEquals(new double[] {0.81, 0.349},
                scalar("nesterov", Map.of("lr", 0.1, "form", "cs231n"), 1, new double[] {1, 2}, null), 1e-15);
    }

    @Test
    void adagradByHand() {
        double eps = 1e-10;
        // G = 4, w1 = 1 - 0.1*2/(2 + eps); then G = 5, clr = 0.1/(1 + 1*0.5), w2 = w1 - clr*1/(sqrt(5) + eps)
        double w1 = 1 - 0.1 * (2 / (2 + eps));
        double w2 = w1 - 0.1 / 1.5 * (1 / (Math.sqrt(5) + eps));
        assertArrayEquals(new double[] {w1, w2},
                scalar("adagrad", Map.of("lr", 0.1, "lr_decay", 0.5), 1, new double[] {2, 1}, null), 1e-15);
        // initial_accumulator_value 5: G = 9, w1 = 1 - 0.1*2/(3 + eps)
        assertEquals(1 - 0.1 * 2 / (3 + eps),
                scalar("adagrad", Map.of("lr", 0.1, "initial_accumulator_value", 5.0), 1, new double[] {2}, null)[0], 1e-15);
    }

    @Test
    void adadeltaFirstStepByHand() {
        // E = 0.1*g^2 = 0.4, u = sqrt(0 + eps)/sqrt(0.4 + eps)*g, w1 = 1 - lr*u (lr = 1, the default)
        double eps = 1e-6;
        double u = Math.sqrt(eps) / Math.sqrt(0.4 + eps) * 2;
        assertEquals(1 - u, scalar("adadelta", Map.of(), 1, new double[] {2}, null)[0], 1e-15);
    }

    @Test
    void rmspropFirstStepByHand() {
        // c = 0.01*g^2, sqrt(c) = 0.1*|g|: w1 = w - lr*g/(0.1*|g| + eps) = 1 - 0.01*2/(0.2 + 1e-8)
        assertEquals(1 - 0.01 * 2 / (0.2 + 1e-8), scalar("rmsprop", Map.of(), 1, new double[] {2}, null)[0], 1e-15);
        // eps inside: 1 - 0.01*2/sqrt(0.04 + 1e-8)
        assertEquals(1 - 0.01 * 2 / Math.sqrt(0.04 + 1e-8),
                scalar("rmsprop", Map.of("eps_inside_sqrt", true), 1, new double[] {2}, null)[0], 1e-15);
        // centered: a = 0.01*g = 0.02, c - a^2 = 0.04 - 0.0004 = 0.0396
        assertEquals(1 - 0.01 * 2 / (Math.sqrt(0.0396) + 1e-8),
                scalar("rmsprop", Map.of("centered", true), 1, new double[] {2}, null)[0], 1e-15);
        // momentum 0.5, two steps of g = 2: b1 = 2/(0.2+eps); c2 = 0.99*0.04 + 0.04, b2 = 0.5*b1 + 2/(sqrt(c2)+eps)
        double b1 = 2 / (0.2 + 1e-8);
        double b2 = 0.5 * b1 + 2 / (Math.sqrt(0.99 * 0.04 + 0.01 * 4) + 1e-8);
        assertArrayEquals(new double[] {1 - 0.01 * b1, 1 - 0.01 * b1 - 0.01 * b2},
                scalar("rmsprop", Map.of("momentum", 0.5), 1, new double[] {2, 2}, null), 1e-14);
    }

    @Test
    void adamFirstStepHasSizeLr() {
        // m_hat = g, v_hat = g^2: w1 = w - lr*g/(|g| + eps)
        assertEquals(1 - 0.001 * 3 / (3 + 1e-8), scalar("adam", Map.of(), 1, new double[] {3}, null)[0], 1e-16);
        // without bias correction (the lecture's first Adam): m = 0.1*g, v = 0.001*g^2: lr*0.3/(sqrt(0.009) + eps)
        assertEquals(1 - 0.001 * 0.3 / (Math.sqrt(0.001 * 9) + 1e-8),
                scalar("adam", Map.of("bias_correction", false), 1, new double[] {3}, null)[0], 1e-16);
    }

    @Test
    void adamHatFormWeighsEpsBySqrtOfBc2() {
        // lr*sqrt(bc2)/bc1 * m/(sqrt(v) + eps) with bc1 = 0.1, bc2 = 0.001, m = 0.1*g, v = 0.001*g^2 = lr*g/(|g| + eps/sqrt(0.001))
        double g = 1e-6;
        double eps = 1e-8;
        assertEquals(1 - 0.001 * g / (g + eps / Math.sqrt(0.001)),
                scalar("adam", Map.of("eps_form", "hat"), 1, new double[] {g}, null)[0], 1e-16);
    }

    @Test
    void adamwDecaysBeforeTheStepAndAdamL2GoesThroughTheGradient() {
        // AdamW: w1 = w*(1 - lr*wd) - lr*g/(|g| + eps) = 2*(1 - 0.01*0.1) - 0.01*3/(3 + 1e-8)
        assertEquals(2 * (1 - 0.01 * 0.1) - 0.01 * 3 / (3 + 1e-8),
                scalar("adam", Map.of("lr", 0.01, "weight_decay", 0.1, "decoupled_weight_decay", true), 2, new double[] {3}, null)[0],
                1e-15);
        // L2: g = 3 + 0.1*2 = 3.2, first step lr*3.2/(3.2 + eps)
        assertEquals(2 - 0.01 * 3.2 / (3.2 + 1e-8),
                scalar("adam", Map.of("lr", 0.01, "weight_decay", 0.1), 2, new double[] {3}, null)[0], 1e-15);
    }

    @Test
    void amsgradUsesTheRunningMaximumOfV() {
        // g = 10 then 0.1: v2 = 0.999*0.1 + 0.001*0.01 = 0.09991 < v1 = 0.1, so vmax2 = 0.1
        double m2 = 0.9 * 1.0 + 0.1 * 0.1;
        double w1 = 1 - 0.001 * 10 / (10 + 1e-8);
        double bc1 = 1 - 0.81;
        double bc2 = 1 - 0.999 * 0.999;
        double w2 = w1 - 0.001 / bc1 * (m2 / (Math.sqrt(0.1) / Math.sqrt(bc2) + 1e-8));
        assertArrayEquals(new double[] {w1, w2}, scalar("adam", Map.of("amsgrad", true), 1, new double[] {10, 0.1}, null), 1e-15);
    }

    @Test
    void outputHasShapeTByShapeOfWAndInputsAreUnchanged() {
        Tensor w = Tensor.of(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
        Tensor g = Tensor.filled(0.5, 4, 2, 3);
        Tensor wCopy = Tensor.of(w.shape(), w.toArray());
        Tensor gCopy = Tensor.of(g.shape(), g.toArray());
        for (String id : new String[] {"sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"}) {
            Tensor out = run(id, Map.of("lr", 0.01), w, g, null);
            assertArrayEquals(new int[] {4, 2, 3}, out.shape(), id);
            assertEquals(wCopy, w, id);
            assertEquals(gCopy, g, id);
        }
    }

    @Test
    void zeroStepsGiveAnEmptyTrajectory() {
        Tensor out = run("adam", Map.of(), Tensor.vector(1, 2), Tensor.zeros(0, 2), null);
        assertArrayEquals(new int[] {0, 2}, out.shape());
    }

    @Test
    void gradsOfTheWrongShapeAreAClearError() {
        ContractException e = assertThrows(ContractException.class,
                () -> run("sgd", Map.of("lr", 0.1), Tensor.zeros(3, 4), Tensor.zeros(5, 4, 3), null));
        assertTrue(e.getMessage().contains("sgd") && e.getMessage().contains("'grads'") && e.getMessage().contains("[T, 3, 4]")
                && e.getMessage().contains("[5, 4, 3]"), e.getMessage());
        assertThrows(ContractException.class, () -> run("adam", Map.of(), Tensor.zeros(3), Tensor.zeros(3), null));
    }

    @Test
    void lrTensorOfTheWrongLengthIsAClearError() {
        ContractException e = assertThrows(ContractException.class,
                () -> run("momentum", Map.of("lr", 0.1), Tensor.zeros(2), Tensor.zeros(3, 2), Tensor.vector(0.1, 0.1)));
        assertTrue(e.getMessage().contains("'lr'") && e.getMessage().contains("[3]") && e.getMessage().contains("[2]"), e.getMessage());
        assertThrows(ContractException.class,
                () -> run("sgd", Map.of(), Tensor.zeros(2), Tensor.zeros(2, 2), Tensor.vector(0.1, -0.1)));
    }

    @Test
    void sgdWithoutAnyLearningRateIsAClearError() {
        for (String id : new String[] {"sgd", "momentum", "nesterov"}) {
            ContractException e = assertThrows(ContractException.class,
                    () -> run(id, Map.of(), Tensor.zeros(2), Tensor.zeros(1, 2), null));
            assertTrue(e.getMessage().contains(id) && e.getMessage().contains("'lr'"), e.getMessage());
        }
    }

    @Test
    void alternativesComputeTheDocumentedMistakes() {
        // MomentumEma: v1 = (1 - 0.9)*g = 0.1, w1 = 1 - 0.1*0.1 = 0.99
        assertEquals(0.99, run(new MomentumEma(), "momentum", Map.of("lr", 0.1), Tensor.scalar(1), Tensor.vector(1), null).get(0), 1e-15);
        // NesterovAsPlainMomentum: the momentum trajectory 0.9, 0.61
        assertArrayEquals(new double[] {0.9, 0.61}, run(new NesterovAsPlainMomentum(), "nesterov", Map.of("lr", 0.1), Tensor.scalar(1),
                Tensor.vector(1, 2), null).toArray(), 1e-15);
        // RmsPropLectureTypo: c1 = 0.01*4 = 0.04; c2 = c1 + 0.99*c1 + 0.01*4 = 0.1196
        double w1 = 1 - 0.01 * 2 / (0.2 + 1e-8);
        double w2 = w1 - 0.01 * 2 / (Math.sqrt(0.04 + 0.99 * 0.04 + 0.04) + 1e-8);
        assertArrayEquals(new double[] {w1, w2}, run(new RmsPropLectureTypo(), "rmsprop", Map.of(), Tensor.scalar(1), Tensor.vector(2, 2),
                null).toArray(), 1e-15);
        // AdamEpsInsideSqrt first step: lr*g/sqrt(g^2 + eps)
        double g = 1e-5;
        assertEquals(1 - 0.001 * g / Math.sqrt(g * g + 1e-8),
                run(new AdamEpsInsideSqrt(), "adam", Map.of(), Tensor.scalar(1), Tensor.vector(g), null).get(0), 1e-16);
    }

    @Test
    void everyAlternativeOfTheFamilyRunsOnEverySampleParameterSet() {
        for (String id : new String[] {"sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"}) {
            Entry e = Catalogue.get(id).orElseThrow();
            var rnd = new java.util.SplittableRandom(7);
            for (Map<String, Object> raw : e.sampleParams()) {
                Params p = e.params(raw);
                Map<String, Tensor> in = e.samples().sample(rnd, p, 1);
                Tensor ref = e.newReference().forward(in, p).get("w");
                for (var alt : e.alternatives()) {
                    Component c = alt.component() != null ? alt.component() : e.newReference();
                    Tensor out = c.forward(in, alt.params().apply(p)).get("w");
                    assertArrayEquals(ref.shape(), out.shape(), id + " / " + alt.name());
                }
            }
        }
    }

    @Test
    void everyAlternativeDiffersFromTheReferenceOnSomeSample() {
        for (String id : new String[] {"sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"}) {
            Entry e = Catalogue.get(id).orElseThrow();
            for (var alt : e.alternatives()) {
                boolean differs = false;
                var rnd = new java.util.SplittableRandom(3);
                for (Map<String, Object> raw : e.sampleParams()) {
                    Params p = e.params(raw);
                    for (boolean withLr : new boolean[] {false, true}) {
                        // 5 steps of N(0,1) gradients (decreasing magnitudes, so amsgrad's maximum matters) on 3 coordinates
                        double[] g = new double[15];
                        for (int i = 0; i < g.length; i++) {
                            g[i] = org.nncheck.catalogue.Samples.gaussian(rnd) / (1 + i / 3);
                        }
                        Map<String, Tensor> in = new HashMap<>(Map.of("w", Tensor.vector(0.5, -1, 2),
                                "grads", Tensor.of(new int[] {5, 3}, g)));
                        if (withLr || !p.has("lr")) {
                            in.put("lr", Tensor.vector(0.1, 0.05, 0.02, 0.05, 0.1));
                        }
                        Component c = alt.component() != null ? alt.component() : e.newReference();
                        differs |= !e.newReference().forward(in, p).get("w").equals(c.forward(in, alt.params().apply(p)).get("w"));
                    }
                }
                assertTrue(differs, id + ": alternative '" + alt.name() + "' never differs from the reference on the samples");
            }
        }
    }
}
