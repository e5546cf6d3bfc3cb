package org.nncheck.properties.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Tensor;

/** Properties of the learning-rate schedules and of schedules fed into optimizers (fixed seeds). */
class ScheduleProperties {
    private static final long SEED = 20261124L;

    /** step (floor): constant between multiples of step_size, times gamma at each multiple. */
    @Test
    void stepChangesExactlyAtMultiplesOfStepSize() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(doubles().between(1e-4, 1), doubles().between(0.01, 0.99), integers().between(1, 12))
                .checkAssert((lr, gamma, size) -> {
                    double[] r = Runs.rates("step", Map.of("lr", lr, "gamma", gamma, "step_size", size), 60);
                    assertEquals(lr, r[0], 0);
                    for (int n = 1; n < r.length; n++) {
                        double expected = n % size == 0 ? r[n - 1] * gamma : r[n - 1];
                        assertEquals(expected, r[n], 1e-14 * r[n - 1], "n = " + n);
                    }
                    // ceil moves every change one step earlier: ceil(n/s) = floor((n + s - 1)/s)
                    double[] c = Runs.rates("step", Map.of("lr", lr, "gamma", gamma, "step_size", size, "rounding", "ceil"), 60);
                    for (int n = 0; n + size - 1 < r.length; n++) {
                        assertEquals(r[n + size - 1], c[n], 0, "ceil at n = " + n);
                    }
                }));
    }

    /** exponential: lr(0) = lr and lr(n+1) = gamma * lr(n). */
    @Test
    void exponentialMultipliesByGammaEachStep() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(doubles().between(1e-4, 1), doubles().between(0.5, 1.0))
                .checkAssert((lr, gamma) -> {
                    double[] r = Runs.rates("exponential", Map.of("lr", lr, "gamma", gamma), 50);
                    assertEquals(lr, r[0], 0);
                    for (int n = 1; n < r.length; n++) {
                        assertEquals(gamma * r[n - 1], r[n], 4 * Math.ulp(r[n]), "n = " + n);
                    }
                }));
    }

    /**
     * cyclic_triangular (Smith 2017): periodic with period 2*step_size, piecewise linear with
     * slope (max_lr - base_lr)/step_size, base_lr at multiples of 2*step_size and max_lr halfway.
     */
    @Test
    void cyclicTriangularIsAPeriodicTriangle() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(doubles().between(0, 1), doubles().between(0, 1), integers().between(1, 10))
                .checkAssert((base, max, size) -> {
                    double[] r = Runs.rates("cyclic_triangular", Map.of("base_lr", base, "max_lr", max, "step_size", size), 80);
                    double tol = 1e-14 * (Math.abs(base) + Math.abs(max));
                    for (int n = 0; n < r.length; n++) {
                        int phase = n % (2 * size);
                        double expected = base + (max - base) * (phase <= size ? phase : 2 * size - phase) / (double) size;
                        assertEquals(expected, r[n], tol, "n = " + n);
                        if (n >= 2 * size) {
                            assertEquals(r[n - 2 * size], r[n], tol, "period at n = " + n);
                        }
                    }
                }));
    }

    /** cosine: between eta_min and lr, lr at 0, eta_min at t_max, symmetric about t_max. */
    @Test
    void cosineStaysBetweenEtaMinAndLrAndIsSymmetric() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(doubles().between(1e-3, 1), doubles().between(0, 1e-3), integers().between(1, 30))
                .checkAssert((lr, etaMin, tMax) -> {
                    double[] r = Runs.rates("cosine", Map.of("lr", lr, "t_max", tMax, "eta_min", etaMin), 2 * tMax + 1);
                    assertEquals(lr, r[0], 1e-15);
                    assertEquals(etaMin, r[tMax], 1e-15);
                    for (int n = 0; n <= 2 * tMax; n++) {
                        assertTrue(r[n] >= etaMin - 1e-15 && r[n] <= lr + 1e-15, "n = " + n + ": " + r[n]);
                        assertEquals(r[n], r[2 * tMax - n], 1e-15, "symmetry at n = " + n);
                        if (n > 0 && n <= tMax) {
                            assertTrue(r[n] <= r[n - 1], "decreasing up to t_max, n = " + n);
                        }
                    }
                }));
    }

    /** warmup (linear): nondecreasing from lr*f, lr from warmup_steps on; constant: lr*f then lr. */
    @Test
    void warmupRampsUpToLr() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(doubles().between(1e-4, 1), doubles().between(0, 1), integers().between(0, 20))
                .checkAssert((lr, f, steps) -> {
                    double[] r = Runs.rates("warmup", Map.of("lr", lr, "warmup_steps", steps, "warmup_factor", f), 30);
                    double[] c = Runs.rates("warmup", Map.of("lr", lr, "warmup_steps", steps, "warmup_factor", f, "mode", "constant"), 30);
                    for (int n = 0; n < r.length; n++) {
                        if (n >= steps) {
                            assertEquals(lr, r[n], 0, "after warmup, n = " + n);
                            assertEquals(lr, c[n], 0, "after warmup, n = " + n);
                        } else {
                            assertEquals(lr * f, c[n], 0, "constant warmup, n = " + n);
                            assertEquals(lr * (f + (1 - f) * n / steps), r[n], 1e-15, "linear warmup, n = " + n);
                        }
                        if (n > 0) {
                            assertTrue(r[n] >= r[n - 1], "nondecreasing at n = " + n);
                        }
                    }
                }));
    }

    /**
     * How schedules meet optimizers: the schedule's {@code lr} (T) fed to an optimizer as its
     * {@code lr} tensor gives, for SGD (whose steps carry no
     * state), exactly the trajectory of calling it once per step with the parameter {@code lr} set to
     * the schedule's value.
     */
    @Test
    void aScheduleFedToSgdEqualsSteppingWithEachRate() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(100)
                .forAll(doubles().between(1e-3, 0.5), doubles().between(0.5, 0.99), integers().between(1, 20))
                .checkAssert((lr, gamma, steps) -> {
                    double[] rates = Runs.rates("exponential", Map.of("lr", lr, "gamma", gamma), steps);
                    double[][] g = Runs.gaussian((long) (lr * 1e9), steps, 3, 1.0);
                    double[] w = Runs.gaussian(steps, 1, 3, 1.0)[0];
                    double[][] fed = Runs.trajectory("sgd", Map.of(), w, g, rates);
                    for (int t = 0; t < steps; t++) {
                        w = Runs.step("sgd", Map.of("lr", rates[t]), w, g[t]);
                        assertArrayEquals(w, fed[t], 0, "step " + (t + 1));
                    }
                }));
    }

    /** multistep: lr * gamma^(number of milestones <= n), in any order, a repeated milestone counted twice. */
    @Test
    void multistepCountsMilestones() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(integers().between(0, 40), integers().between(0, 40), integers().between(0, 40), doubles().between(0.1, 0.9))
                .checkAssert((a, b, c, gamma) -> {
                    Map<String, Object> p = new HashMap<>(Map.of("lr", 1.0, "gamma", gamma, "milestones", java.util.List.of(a, b, c)));
                    double[] r = Runs.rates("multistep", p, 45);
                    for (int n = 0; n < r.length; n++) {
                        int k = (a <= n ? 1 : 0) + (b <= n ? 1 : 0) + (c <= n ? 1 : 0);
                        assertEquals(Math.pow(gamma, k), r[n], 0, "n = " + n);
                    }
                    assertEquals(Tensor.vector(r), Tensor.vector(Runs.rates("multistep", Map.of("lr", 1.0, "gamma", gamma,
                            "milestones", java.util.List.of(c, a, b)), 45)), "milestone order does not matter");
                }));
    }
}
