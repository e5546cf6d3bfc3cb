package org.nncheck.reference.schedule;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Family;
import org.nncheck.core.Component;
import org.nncheck.core.ContractException;
import org.nncheck.core.Tensor;

/** Schedule values by their formulas (written next to each expectation) and bad steps. */
class ScheduleTest {

    static Entry entry(String id) {
        return Catalogue.entries(Family.SCHEDULE).stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    static double[] lr(String id, Map<String, Object> params, long... steps) {
        return lr(entry(id).newReference(), id, params, steps);
    }

    static double[] lr(Component c, String id, Map<String, Object> params, long... steps) {
        Tensor s = Tensor.ofIntegers(new int[] {steps.length}, steps);
        Tensor out = c.forward(Map.of("steps", s), entry(id).params(params)).get("lr");
        assertArrayEquals(new int[] {steps.length}, out.shape());
        return out.toArray();
    }

    @Test
    void constant() {
        assertArrayEquals(new double[] {0.3, 0.3, 0.3}, lr("constant", Map.of("lr", 0.3), 0, 5, 1000), 0);
    }

    @Test
    void stepFloorAndCeil() {
        // floor(n/3) for n = 0,2,3,5,6: 0,0,1,1,2 -> 1, 1, 0.5, 0.5, 0.25
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0.25},
                lr("step", Map.of("lr", 1.0, "gamma", 0.5, "step_size", 3), 0, 2, 3, 5, 6), 0);
        // ceil(n/3): 0,1,1,2,2 -> 1, 0.5, 0.5, 0.25, 0.25
        assertArrayEquals(new double[] {1, 0.5, 0.5, 0.25, 0.25},
                lr("step", Map.of("lr", 1.0, "gamma", 0.5, "step_size", 3, "rounding", "ceil"), 0, 2, 3, 5, 6), 0);
    }

    @Test
    void multistepCountsMilestonesAtOrBelowN() {
        // milestones {3, 3, 9} given unsorted, 3 twice (PyTorch's Counter): n = 2 -> 0, n = 3 -> 2, n = 8 -> 2, n = 9 -> 3
        assertArrayEquals(new double[] {1, 0.25, 0.25, 0.125},
                lr("multistep", Map.of("lr", 1.0, "gamma", 0.5, "milestones", List.of(9, 3, 3)), 2, 3, 8, 9), 0);
    }

    @Test
    void exponentialStartsAtLr() {
        // lr * gamma^n: 2*0.5^0 = 2, 2*0.5^1 = 1, 2*0.5^4 = 0.125
        assertArrayEquals(new double[] {2, 1, 0.125}, lr("exponential", Map.of("lr", 2.0, "gamma", 0.5), 0, 1, 4), 0);
    }

    @Test
    void inverseIsCaffeInv() {
        // lr*(1 + gamma*n)^-power: n = 0 -> 0.1; n = 3 -> 0.1*(1 + 1)^-1 = 0.05; n = 15 with power 0.5 -> 0.1*6^-0.5 (below)
        assertArrayEquals(new double[] {0.1, 0.05}, lr("inverse", Map.of("lr", 0.1, "gamma", 1.0 / 3, "power", 1.0), 0, 3), 1e-17);
        assertEquals(0.1 / Math.sqrt(6), lr("inverse", Map.of("lr", 0.1, "gamma", 1.0 / 3, "power", 0.5), 15)[0], 1e-17);
    }

    @Test
    void oneOverTAndItsErrorAtZero() {
        // c/n: 2/1, 2/4
        assertArrayEquals(new double[] {2, 0.5}, lr("one_over_t", Map.of("c", 2.0), 1, 4), 0);
        ContractException e = assertThrows(ContractException.class, () -> lr("one_over_t", Map.of("c", 2.0), 3, 0));
        assertTrue(e.getMessage().contains("one_over_t") && e.getMessage().contains("'steps'[1]"), e.getMessage());
    }

    @Test
    void warmupLinearAndConstant() {
        // linear, f = 0.2, 4 steps: lr*(0.2 + 0.8*n/4) = 0.2, 0.4, ..., 0.8; then lr = 1
        assertArrayEquals(new double[] {0.2, 0.4, 0.6, 0.8, 1, 1},
                lr("warmup", Map.of("lr", 1.0, "warmup_steps", 4, "warmup_factor", 0.2), 0, 1, 2, 3, 4, 9), 1e-15);
        // constant: lr*f before warmup_steps
        assertArrayEquals(new double[] {0.2, 0.2, 1}, lr("warmup", Map.of("lr", 1.0, "warmup_steps", 4, "warmup_factor", 0.2,
                "mode", "constant"), 0, 3, 4), 0);
        // warmup_steps 0: no warmup
        assertArrayEquals(new double[] {1}, lr("warmup", Map.of("lr", 1.0, "warmup_steps", 0), 0), 0);
    }

    @Test
    void cyclicTriangularHitsItsCorners() {
        // Smith 2017: base at n = 0 and 2s, max at n = s, midway at s/2; period 2s
        double[] r = lr("cyclic_triangular", Map.of("base_lr", 1.0, "max_lr", 3.0, "step_size", 4), 0, 2, 4, 6, 8, 12, 16);
        assertArrayEquals(new double[] {1, 2, 3, 2, 1, 3, 1}, r, 1e-15);
    }

    @Test
    void cosineHalfPeriodAndBeyond() {
        // eta_min + (lr - eta_min)*(1 + cos(pi*n/t_max))/2: n = 0 -> lr, t_max/2 -> midpoint, t_max -> eta_min, 2*t_max -> lr again
        assertArrayEquals(new double[] {1, 0.55, 0.1, 1},
                lr("cosine", Map.of("lr", 1.0, "t_max", 10, "eta_min", 0.1), 0, 5, 10, 20), 1e-15);
    }

    @Test
    void negativeOrFractionalStepsAreClearErrors() {
        ContractException e = assertThrows(ContractException.class, () -> lr("exponential", Map.of("lr", 1.0, "gamma", 0.5), 0, -1));
        assertTrue(e.getMessage().contains("exponential") && e.getMessage().contains("'steps'[1]") && e.getMessage().contains(">= 0"),
                e.getMessage());
        Tensor frac = Tensor.vector(0.5);
        assertThrows(ContractException.class,
                () -> new Step().forward(Map.of("steps", frac), entry("step").params(Map.of("lr", 1.0, "step_size", 2))));
        Tensor matrix = Tensor.ofIntegers(new int[] {1, 2}, new long[] {0, 1});
        assertThrows(ContractException.class, () -> new Constant().forward(Map.of("steps", matrix), entry("constant").params(Map.of("lr", 1.0))));
        assertThrows(ContractException.class, () -> entry("step").params(Map.of("lr", 1.0)));
    }

    @Test
    void alternativesAreOffByOneOrDocumentedVariants() {
        // exponential one step ahead: lr*gamma^(n+1)
        assertArrayEquals(new double[] {1, 0.5},
                lr(new ShiftedSchedule(new Exponential(), 1), "exponential", Map.of("lr", 2.0, "gamma", 0.5), 0, 1), 0);
        // one behind, clamped at 0: lr*gamma^max(n-1, 0)
        assertArrayEquals(new double[] {2, 2, 1},
                lr(new ShiftedSchedule(new Exponential(), -1), "exponential", Map.of("lr", 2.0, "gamma", 0.5), 0, 1, 2), 0);
        // one_over_t counted from 0 accepts n = 0: c/(n+1)
        assertArrayEquals(new double[] {2, 1}, lr(new ShiftedSchedule(new OneOverT(), 1), "one_over_t", Map.of("c", 2.0), 0, 1), 0);
        // warm restarts: n = 12 with t_max 10 behaves as n = 2
        assertEquals(lr("cosine", Map.of("lr", 1.0, "t_max", 10), 2)[0],
                lr(new CosineWarmRestarts(), "cosine", Map.of("lr", 1.0, "t_max", 10), 12)[0], 0);
    }

    @Test
    void everyAlternativeRunsOnEverySampleAndDiffersSomewhere() {
        for (Entry e : Catalogue.entries(Family.SCHEDULE)) {
            java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
            for (var alt : e.alternatives()) {
                boolean differs = false;
                for (Map<String, Object> raw : e.sampleParams()) {
                    var p = e.params(raw);
                    long min = e.id().equals("one_over_t") ? 1 : 0;
                    long[] steps = new long[40];
                    for (int i = 0; i < steps.length; i++) {
                        steps[i] = min + i;
                    }
                    Map<String, Tensor> in = Map.of("steps", Tensor.ofIntegers(new int[] {steps.length}, steps));
                    Map<String, Tensor> sampled = e.samples().sample(rnd, p, 2);
                    Component c = alt.component() != null ? alt.component() : e.newReference();
                    c.forward(sampled, alt.params().apply(p));
                    Tensor ref = e.newReference().forward(in, p).get("lr");
                    Tensor out = c.forward(in, alt.params().apply(p)).get("lr");
                    differs |= !ref.equals(out);
                }
                assertTrue(differs, e.id() + ": alternative '" + alt.name() + "' never differs from the reference on the samples");
            }
        }
    }
}
