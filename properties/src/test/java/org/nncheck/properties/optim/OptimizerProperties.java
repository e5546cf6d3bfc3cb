package org.nncheck.properties.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Properties of the optimizers that hold for every input, checked on the reference with
 * QuickTheories (fixed seeds; the seed is in every failure message).
 */
class OptimizerProperties {
    private static final long SEED = 20261123L;

    /**
     * Momentum's closed form (CS231n / the lecture's unrolled momentum): for a constant lr and
     * no dampening, {@code W(t+1) - W(t) = -lr * sum_(k=1..t+1) beta^(t+1-k) g(k)}, where
     * {@code g(k)} is the gradient handed to step k and {@code W(t)} the parameters after t steps
     * ({@code W(0) = w}). Which indexing holds: PyTorch's {@code v = g} at {@code t = 1} makes
     * the <em>current</em> gradient enter with weight {@code beta^0 = 1}, i.e. the sum runs up to
     * {@code k = t+1} (not to {@code k = t}, which would be the EMA-style lag). Both forms
     * (pytorch and cs231n) satisfy it.
     */
    @Test
    void momentumEqualsItsClosedFormForAConstantLearningRate() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(longs().all(), doubles().between(1e-3, 0.5), doubles().between(0, 0.99), integers().between(1, 20))
                .checkAssert((s, lr, beta, steps) -> {
                    int n = 3;
                    double[][] g = Runs.gaussian(s, steps, n, 1.0);
                    double[] w0 = Runs.gaussian(s + 1, 1, n, 1.0)[0];
                    for (String form : new String[] {"pytorch", "cs231n"}) {
                        double[][] w = Runs.trajectory("momentum", Map.of("lr", lr, "momentum", beta, "form", form), w0, g, null);
                        for (int t = 0; t < steps; t++) {
                            double[] prev = t == 0 ? w0 : w[t - 1];
                            for (int i = 0; i < n; i++) {
                                double before = prev[i];
                                double sum = 0;
                                double scale = 0;
                                for (int k = 0; k <= t; k++) {
                                    double term = Math.pow(beta, t - k) * g[k][i];
                                    sum += term;
                                    scale += Math.abs(term);
                                }
                                double closed = -lr * sum;
                                double delta = w[t][i] - before;
                                double tol = 1e-13 * (t + 1) * (lr * scale + Math.abs(w[t][i]) + Math.abs(before));
                                assertEquals(closed, delta, tol, form + " step " + (t + 1) + " coordinate " + i);
                            }
                        }
                    }
                }));
    }

    /**
     * SGD's weight decay theta is the gradient of the SPEC's l2 regularizer
     * {@code lambda * sum w^2} with {@code lambda = theta / 2} (d/dw = 2 lambda w = theta w): a
     * trajectory with {@code weight_decay = theta} equals plain SGD steps on
     * {@code grad + d(l2)/dw} evaluated at the current parameters.
     */
    @Test
    void sgdWeightDecayIsTheL2GradientWithHalfTheLambda() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(longs().all(), doubles().between(1e-3, 0.5), doubles().between(0, 1), integers().between(1, 20))
                .checkAssert((s, lr, theta, steps) -> {
                    int n = 4;
                    double[][] g = Runs.gaussian(s, steps, n, 1.0);
                    double[] w = Runs.gaussian(s + 1, 1, n, 1.0)[0];
                    double[][] decayed = Runs.trajectory("sgd", Map.of("lr", lr, "weight_decay", theta), w, g, null);
                    double lambda = theta / 2;
                    for (int t = 0; t < steps; t++) {
                        double[] withL2 = new double[n];
                        for (int i = 0; i < n; i++) {
                            withL2[i] = g[t][i] + 2 * lambda * w[i];
                        }
                        w = Runs.step("sgd", Map.of("lr", lr), w, withL2);
                        assertArrayEquals(w, decayed[t], 1e-12 * (t + 1), "step " + (t + 1));
                    }
                }));
    }

    /**
     * Adam's first step has size lr in every coordinate (the point of bias correction):
     * {@code m_hat = g}, {@code v_hat = g^2}, so {@code |w1 - w0| = lr * |g| / (|g| + eps)},
     * within {@code lr * eps / |g|} of lr, for every beta1, beta2, amsgrad and weight decay 0.
     * In the hat form the eps term is {@code eps / sqrt(1 - beta2)}.
     */
    @Test
    void adamFirstStepHasMagnitudeLrPerCoordinate() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(300)
                .forAll(longs().all(), doubles().between(1e-5, 1), doubles().between(0, 0.999), doubles().between(0, 0.9999))
                .checkAssert((s, lr, beta1, beta2) -> {
                    SplittableRandom rnd = new SplittableRandom(s);
                    int n = 5;
                    double[] w0 = new double[n];
                    double[] g = new double[n];
                    for (int i = 0; i < n; i++) {
                        w0[i] = 2 * rnd.nextDouble() - 1;
                        g[i] = (rnd.nextBoolean() ? 1 : -1) * Math.pow(10, -3 + 6 * rnd.nextDouble());
                    }
                    boolean amsgrad = rnd.nextBoolean();
                    boolean hat = rnd.nextBoolean();
                    double eps = 1e-8;
                    double[] w1 = Runs.step("adam", Map.of("lr", lr, "beta1", beta1, "beta2", beta2, "amsgrad", amsgrad,
                            "eps_form", hat ? "hat" : "standard"), w0, g);
                    double effEps = hat ? eps / Math.sqrt(1 - beta2) : eps;
                    for (int i = 0; i < n; i++) {
                        double size = Math.abs(w1[i] - w0[i]);
                        double tol = lr * effEps / Math.abs(g[i]) + 4 * Math.ulp(1.0) * (Math.abs(w0[i]) + lr) + lr * 1e-12;
                        assertEquals(lr, size, tol, "coordinate " + i + ", g = " + g[i] + ", amsgrad " + amsgrad + ", hat " + hat);
                        assertTrue(Math.signum(w0[i] - w1[i]) == Math.signum(g[i]), "the step goes against the gradient");
                    }
                }));
    }

    /**
     * Adagrad's effective step size {@code clr_t / (sqrt(G_t) + eps)}, observed as
     * {@code |w_t - w_(t-1)| / |g_t|}, never grows: G only accumulates and {@code clr} only
     * decays (any lr_decay >= 0, any initial accumulator).
     */
    @Test
    void adagradEffectiveStepNeverGrows() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(longs().all(), doubles().between(1e-3, 1), doubles().between(0, 1), doubles().between(0, 1))
                .checkAssert((s, lr, lrDecay, initial) -> {
                    SplittableRandom rnd = new SplittableRandom(s);
                    int steps = 1 + rnd.nextInt(20);
                    int n = 3;
                    double[][] g = new double[steps][n];
                    for (double[] row : g) {
                        for (int i = 0; i < n; i++) {
                            row[i] = (rnd.nextBoolean() ? 1 : -1) * (0.1 + 2 * rnd.nextDouble());
                        }
                    }
                    double[] w0 = new double[n];
                    double[][] w = Runs.trajectory("adagrad", Map.of("lr", lr, "lr_decay", lrDecay,
                            "initial_accumulator_value", initial), w0, g, null);
                    for (int i = 0; i < n; i++) {
                        double previous = Double.POSITIVE_INFINITY;
                        for (int t = 0; t < steps; t++) {
                            double before = t == 0 ? w0[i] : w[t - 1][i];
                            double effective = Math.abs(w[t][i] - before) / Math.abs(g[t][i]);
                            assertTrue(effective <= previous * (1 + 1e-9),
                                    "coordinate " + i + " step " + (t + 1) + ": " + effective + " > " + previous);
                            previous = effective;
                        }
                    }
                }));
    }

    /** z = 10 x^2 + 2.5 y^2 (the lecture's quadratic) and its gradient (20 x, 5 y). */
    private static double z(double[] w) {
        return 10 * w[0] * w[0] + 2.5 * w[1] * w[1];
    }

    /**
     * On the lecture's quadratic {@code z = 10 x^2 + 2.5 y^2}, SGD multiplies x by
     * {@code 1 - 20 lr} and y by {@code 1 - 5 lr} each step: it converges for {@code lr < 1/10}
     * (z decreases at every step and falls below 1e-6 z0) and diverges above (z grows past 1e6
     * z0), the gradient being evaluated at the current parameters at every step.
     */
    @Test
    void sgdOnTheLectureQuadraticConvergesBelowOneTenthAndDivergesAbove() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(60)
                .forAll(doubles().between(0.01, 0.099), doubles().between(0.101, 0.3), doubles().between(0.5, 2),
                        doubles().between(-2, 2))
                .checkAssert((below, above, x0, y0) -> {
                    double[] start = {x0, y0};
                    double z0 = z(start);
                    double[] w = start.clone();
                    for (int t = 1; t <= 2000 && z(w) >= 1e-6 * z0; t++) {
                        double before = z(w);
                        w = Runs.step("sgd", Map.of("lr", below), w, new double[] {20 * w[0], 5 * w[1]});
                        assertTrue(z(w) < before, "lr " + below + ": z did not decrease at step " + t);
                    }
                    assertTrue(z(w) < 1e-6 * z0, "lr " + below + " did not converge: z = " + z(w));
                    w = start.clone();
                    boolean diverged = false;
                    for (int t = 1; t <= 2000 && !diverged; t++) {
                        w = Runs.step("sgd", Map.of("lr", above), w, new double[] {20 * w[0], 5 * w[1]});
                        diverged = z(w) > 1e6 * z0;
                    }
                    assertTrue(diverged, "lr " + above + " did not diverge: z = " + z(w));
                }));
    }

    /**
     * The momentum and nesterov forms (pytorch, cs231n) give the same trajectory whenever the
     * learning rate is constant, for any dampening and weight decay; they differ once it
     * changes (the cs231n velocity holds lr-scaled gradients).
     */
    @Test
    void momentumFormsAgreeForAConstantLearningRateAndDifferWhenItChanges() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(200)
                .forAll(longs().all(), doubles().between(1e-3, 0.5), doubles().between(0.1, 0.99), booleans().all())
                .checkAssert((s, lr, beta, nesterov) -> {
                    SplittableRandom rnd = new SplittableRandom(s);
                    int steps = 2 + rnd.nextInt(15);
                    double[][] g = Runs.gaussian(s, steps, 3, 1.0);
                    double[] w0 = Runs.gaussian(s + 1, 1, 3, 1.0)[0];
                    String id = nesterov ? "nesterov" : "momentum";
                    Map<String, Object> p = new HashMap<>(Map.of("lr", lr, "momentum", beta, "weight_decay", 0.01 * rnd.nextInt(3)));
                    if (!nesterov) {
                        p.put("dampening", 0.5 * rnd.nextDouble());
                    }
                    Map<String, Object> cs = new HashMap<>(p);
                    cs.put("form", "cs231n");
                    double[][] a = Runs.trajectory(id, p, w0, g, null);
                    double[][] b = Runs.trajectory(id, cs, w0, g, null);
                    for (int t = 0; t < steps; t++) {
                        assertArrayEquals(a[t], b[t], 1e-12 * (t + 1) * (1 + lr * 10 * (t + 1)), id + " step " + (t + 1));
                    }
                    double[] lrs = new double[steps];
                    for (int t = 0; t < steps; t++) {
                        lrs[t] = t == 0 ? lr : lr / 2;
                    }
                    double[][] c = Runs.trajectory(id, p, w0, g, lrs);
                    double[][] d = Runs.trajectory(id, cs, w0, g, lrs);
                    double gap = 0;
                    for (int i = 0; i < 3; i++) {
                        gap = Math.max(gap, Math.abs(c[1][i] - d[1][i]));
                    }
                    // step 2 with lr then lr/2 (v1 = g1 in the pytorch form, -lr*g1 in the cs231n form; c = gradient weight):
                    //   momentum pytorch -lr/2*(beta*g1 + c*g2), cs231n -beta*lr*g1 - lr/2*c*g2: gap beta*lr/2*|g1|;
                    //   nesterov pytorch -lr/2*(g2 + beta*(beta*g1 + g2)), cs231n -beta^2*lr*g1 - (1+beta)*lr/2*g2: gap beta^2*lr/2*|g1|
                    double expectedGap = 0;
                    for (int i = 0; i < 3; i++) {
                        double g1 = g[0][i] + ((Number) p.get("weight_decay")).doubleValue() * w0[i];
                        expectedGap = Math.max(expectedGap, (nesterov ? beta * beta : beta) * lr / 2 * Math.abs(g1));
                    }
                    assertEquals(expectedGap, gap, 1e-9 * (1 + expectedGap), id + ": forms at step 2 after an lr change");
                }));
    }

    /**
     * An {@code lr} tensor of constant value gives the trajectory of the parameter {@code lr}
     * (every optimizer, every sample parameter set, random samples); inputs are not modified.
     */
    @Test
    void aConstantLrTensorEqualsTheLrParameterAndInputsAreUnchanged() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(100)
                .forAll(longs().all(), integers().between(0, 6), integers().between(0, 3), doubles().between(1e-3, 0.5))
                .checkAssert((s, which, size, lr) -> {
                    String id = new String[] {"sgd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"}[which];
                    Entry e = Runs.optimizer(id);
                    SplittableRandom rnd = new SplittableRandom(s);
                    Map<String, Object> raw = new HashMap<>(e.sampleParams().get(rnd.nextInt(e.sampleParams().size())));
                    raw.put("lr", lr);
                    Params p = e.params(raw);
                    Map<String, Tensor> in = new HashMap<>(e.samples().sample(rnd, p, size));
                    in.remove("lr");
                    Map<String, Tensor> copy = Map.copyOf(in);
                    Tensor byParam = e.newReference().forward(in, p).get("w");
                    int steps = in.get("grads").dim(0);
                    in.put("lr", Tensor.filled(lr, steps));
                    Tensor byTensor = e.newReference().forward(in, p).get("w");
                    assertEquals(byParam, byTensor, id + " " + raw);
                    for (var entry : copy.entrySet()) {
                        assertEquals(entry.getValue(), in.get(entry.getKey()), "input " + entry.getKey() + " was modified");
                    }
                }));
    }

    /**
     * The properties above tell the documented mistakes apart: the EMA momentum
     * ({@code v = beta*v + (1-beta)*g}) takes a first step of {@code lr * (1 - beta) * |g|},
     * not the closed form's {@code lr * |g|}; the lecture's Adam without bias correction takes a
     * first step of {@code lr * (1 - beta1) / sqrt(1 - beta2)} (about 3.16 lr at the defaults),
     * not lr. Run through the catalogue's alternatives, as {@code verify} does.
     */
    @Test
    void theLectureMistakesBreakTheseProperties() {
        Runs.withSeed(SEED, seed -> qt().withFixedSeed(seed).withExamples(100)
                .forAll(doubles().between(1e-3, 0.5), doubles().between(0.1, 0.99), doubles().between(0.1, 10))
                .checkAssert((lr, beta, g) -> {
                    Entry momentum = Runs.optimizer("momentum");
                    var ema = momentum.alternatives().stream().filter(a -> a.name().startsWith("momentum as an EMA")).findFirst()
                            .orElseThrow();
                    Map<String, Tensor> in = Map.of("w", Tensor.scalar(0), "grads", Tensor.vector(g));
                    double emaStep = ema.component().forward(in, ema.params().apply(momentum.params(Map.of("lr", lr, "momentum", beta))))
                            .get("w").get(0);
                    assertEquals(-lr * (1 - beta) * g, emaStep, 1e-15 * lr * g);
                    assertTrue(Math.abs(emaStep + lr * g) > 0.005 * lr * g, "the EMA form must violate the closed form");

                    Entry adam = Runs.optimizer("adam");
                    var noBias = adam.alternatives().stream().filter(a -> a.name().startsWith("Adam without bias correction"))
                            .findFirst().orElseThrow();
                    Params p = noBias.params().apply(adam.params(Map.of("lr", lr)));
                    double step = adam.newReference().forward(in, p).get("w").get(0);
                    assertEquals(-lr * 0.1 / Math.sqrt(0.001) * g / (g + 1e-8 / Math.sqrt(0.001)), step, 1e-12 * lr);
                    assertTrue(Math.abs(Math.abs(step) - lr) > lr, "Adam without bias correction must violate the first-step size");
                }));
    }
}
