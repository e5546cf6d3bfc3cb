package org.nncheck.properties.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;
import org.nncheck.reference.layer.Dropout;
import org.nncheck.reference.layer.DropoutConvention;

/**
 * Properties of {@code dropout} and {@code dropconnect} (Srivastava et al. 2014; CS231n
 * "inverted dropout"): inverted dropout is unbiased, {@code E_mask[y] = x}; its test-time
 * output is x itself; classic dropout's test-time scaling {@code x (1 - p)} is the expectation
 * of its training output; dropconnect's training output averages to its test output.
 *
 * <p>Statistical tests: K masks with keep probability 1 - p (p = 0, 0.1, ..., 0.9); for each
 * element, {@code z = (sample mean - expected) / (sd / sqrt(K))} with the exact per-mask
 * standard deviation (inverted: {@code |x| sqrt(p/(1-p))}; classic: {@code |x| sqrt(p(1-p))}).
 * An element fails when {@code |z| > 5}: under the normal approximation of the binomial mean
 * (K (1 - p) >= 400 kept samples) that has probability 5.7e-7 per element, so over the at most
 * 12 * 100 elements of one test the false-alarm rate is below 7e-4, and with the fixed seed the
 * outcome is reproducible. A negative control shows the test has power: the keep-probability
 * reading (a documented mistake) is rejected.
 */
class DropoutProperties {
    private static final long SEED = 0x5EED_D409L;
    private static final int K = 4000;
    private static final double Z = 5.0;

    private static final Component DROPOUT = LayerProps.entry("dropout").newReference();

    /** Column means of y over K masks for x tiled to (K, D). */
    private static double[] meanOverMasks(Component dropout, Tensor x, double p, boolean inverted, SplittableRandom rnd) {
        int d = x.size();
        double[] tiled = new double[K * d];
        for (int k = 0; k < K; k++) {
            x.copyTo(tiled, k * d);
        }
        Tensor xs = Tensor.wrap(new int[] {K, d}, tiled);
        Params params = LayerProps.params("dropout", Map.of("p", p, "inverted", inverted, "training", true));
        Tensor y = dropout.forward(Map.of("x", xs, "mask", LayerProps.mask(rnd, 1 - p, K, d)), params).get("y");
        double[] mean = new double[d];
        for (int i = 0; i < y.size(); i++) {
            mean[i % d] += y.get(i);
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= K;
        }
        return mean;
    }

    /** Largest |z| of the means against the expectation, with per-mask sd factor * |x|. */
    private static double worstZ(double[] mean, double[] expected, Tensor x, double sdFactor) {
        double worst = 0;
        for (int j = 0; j < mean.length; j++) {
            double se = Math.abs(x.get(j)) * sdFactor / Math.sqrt(K);
            double err = Math.abs(mean[j] - expected[j]);
            double rounding = 1e-12 * Math.abs(x.get(j));
            worst = Math.max(worst, err <= rounding ? 0 : (se == 0 ? Double.POSITIVE_INFINITY : (err - rounding) / se));
        }
        return worst;
    }

    @Test
    void invertedDropoutIsUnbiased() {
        qt().withFixedSeed(SEED).withExamples(100)
                .forAll(integers().between(0, 9), integers().between(1, 12), longs().all())
                .checkAssert((tenths, d, seed) -> {
                    double p = tenths / 10.0;
                    SplittableRandom rnd = new SplittableRandom(seed);
                    Tensor x = Samples.normal(rnd, 0, 3, d);
                    double z = worstZ(meanOverMasks(DROPOUT, x, p, true, rnd), x.toArray(), x, Math.sqrt(p / (1 - p)));
                    assertTrue(z <= Z, "seed " + SEED + "/" + seed + ": p = " + p + ", E[y] != x, |z| = " + z);
                });
    }

    /** Negative control: reading p as the keep probability biases E[y] to x (1-p)/p, which the same test rejects. */
    @Test
    void theTestRejectsTheKeepProbabilityReading() {
        Component wrong = new Dropout(DropoutConvention.P_IS_KEEP_PROBABILITY);
        SplittableRandom rnd = new SplittableRandom(SEED);
        Tensor x = Samples.normal(rnd, 0, 3, 8);
        double p = 0.3;
        double z = worstZ(meanOverMasks(wrong, x, p, true, rnd), x.toArray(), x, Math.sqrt(p / (1 - p)));
        assertTrue(z > Z, "seed " + SEED + ": the keep-probability reading went unnoticed, |z| = " + z);
    }

    @Test
    void invertedTestTimeOutputIsX() {
        qt().withFixedSeed(SEED).withExamples(100)
                .forAll(integers().between(0, 9), integers().between(1, 12), longs().all())
                .checkAssert((tenths, d, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    Tensor x = Samples.normal(rnd, 0, 3, d);
                    Tensor dy = Samples.normal(rnd, 0, 1, d);
                    Params p = LayerProps.params("dropout", Map.of("p", tenths / 10.0, "training", false));
                    Map<String, Tensor> in = Map.of("x", x, "mask", LayerProps.mask(rnd, 0.5, d));
                    assertArrayEquals(x.toArray(), DROPOUT.forward(in, p).get("y").toArray(), 0, "seed " + SEED + "/" + seed);
                    assertArrayEquals(dy.toArray(), DROPOUT.backward(in, Map.of("dy", dy), p).get("dx").toArray(), 0,
                            "seed " + SEED + "/" + seed);
                });
    }

    @Test
    void classicTestScalingIsTheTrainingExpectation() {
        qt().withFixedSeed(SEED).withExamples(100)
                .forAll(integers().between(0, 9), integers().between(1, 12), longs().all())
                .checkAssert((tenths, d, seed) -> {
                    double p = tenths / 10.0;
                    SplittableRandom rnd = new SplittableRandom(seed);
                    Tensor x = Samples.normal(rnd, 0, 3, d);
                    Params eval = LayerProps.params("dropout", Map.of("p", p, "inverted", false, "training", false));
                    double[] test = DROPOUT.forward(Map.of("x", x, "mask", Tensor.filled(1, d)), eval).get("y").toArray();
                    for (int j = 0; j < d; j++) {
                        assertTrue(Math.abs(test[j] - x.get(j) * (1 - p)) <= 1e-15 * Math.abs(x.get(j)), "classic test output is not x(1-p)");
                    }
                    double z = worstZ(meanOverMasks(DROPOUT, x, p, false, rnd), test, x, Math.sqrt(p * (1 - p)));
                    assertTrue(z <= Z, "seed " + SEED + "/" + seed + ": p = " + p + ", E[train y] != test y, |z| = " + z);
                });
    }

    /**
     * Dropconnect: {@code E_mask[x (w mask)/(1-p) + b] = x w + b}. For output (n, j) the per-mask
     * variance is {@code sum_d x_nd^2 w_dj^2 p/(1-p)}; same |z| <= 5 rule, at most 6 outputs x 20
     * examples (false-alarm rate below 7e-5). K = 2000 masks.
     */
    @Test
    void dropconnectTrainingAveragesToTestOutput() {
        Component dc = LayerProps.entry("dropconnect").newReference();
        int masks = 2000;
        qt().withFixedSeed(SEED).withExamples(20)
                .forAll(integers().between(0, 8), integers().between(1, 4), longs().all())
                .checkAssert((tenths, d, seed) -> {
                    double p = tenths / 10.0;
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int n = 2;
                    int m = 3;
                    Tensor x = Samples.normal(rnd, 0, 1, n, d);
                    Tensor w = Samples.normal(rnd, 0, 1, d, m);
                    Tensor b = Samples.normal(rnd, 0, 1, m);
                    Tensor test = dc.forward(Map.of("x", x, "w", w, "b", b), LayerProps.params("dropconnect", Map.of("p", p, "training", false)))
                            .get("y");
                    Params train = LayerProps.params("dropconnect", Map.of("p", p));
                    double[] mean = new double[n * m];
                    for (int k = 0; k < masks; k++) {
                        Tensor y = dc.forward(Map.of("x", x, "w", w, "b", b, "mask", LayerProps.mask(rnd, 1 - p, d, m)), train).get("y");
                        for (int i = 0; i < mean.length; i++) {
                            mean[i] += y.get(i) / masks;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < m; j++) {
                            double var = 0;
                            for (int a = 0; a < d; a++) {
                                double t = x.at(i, a) * w.at(a, j);
                                var += t * t * p / (1 - p);
                            }
                            double se = Math.sqrt(var / masks);
                            double err = Math.abs(mean[i * m + j] - test.at(i, j));
                            assertTrue(err <= Z * se + 1e-12 * (1 + Math.abs(test.at(i, j))), "seed " + SEED + "/" + seed + ": p = " + p
                                    + ", E[train y] - test y = " + err + " (" + err / se + " standard errors)");
                        }
                    }
                });
    }
}
