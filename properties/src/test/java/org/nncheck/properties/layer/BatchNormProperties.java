package org.nncheck.properties.layer;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/**
 * Properties of {@code batch_norm} (Ioffe and Szegedy 2015, section 3; CS231n lecture 6):
 * training output has per-channel mean 0 and variance {@code v/(v + eps)} (1 up to eps) before
 * gamma/beta; with {@code gamma = sqrt(var + eps)}, {@code beta = mean} it is the identity (the
 * lecture's "the network can learn to undo the normalization"); in eval mode it is the affine
 * map its running statistics imply. Shapes (N, D) when {@code spatial = 0}, else
 * (N, C, spatial, spatial + 1). Fixed seed, printed on failure by QuickTheories and in the
 * messages.
 */
class BatchNormProperties {
    private static final long SEED = 0x5EED_B001L;
    private static final double EPS = 1e-5;

    private static final Component BN = LayerProps.entry("batch_norm").newReference();

    private static int[] shape(int n, int c, int spatial) {
        return spatial == 0 ? new int[] {n, c} : new int[] {n, c, spatial, spatial + 1};
    }

    private static Map<String, Tensor> inputs(Tensor x, Tensor gamma, Tensor beta, Tensor rm, Tensor rv) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("x", x);
        in.put("gamma", gamma);
        in.put("beta", beta);
        in.put("running_mean", rm);
        in.put("running_var", rv);
        return in;
    }

    /** Per-channel mean and biased variance (two-pass, independent of the code under test). */
    private static double[][] channelStats(Tensor x) {
        int c = x.dim(1);
        int inner = x.size() / (x.dim(0) * c);
        double[] mean = new double[c];
        double[] var = new double[c];
        int[] count = new int[c];
        for (int i = 0; i < x.size(); i++) {
            int ch = (i / inner) % c;
            mean[ch] += x.get(i);
            count[ch]++;
        }
        for (int ch = 0; ch < c; ch++) {
            mean[ch] /= count[ch];
        }
        for (int i = 0; i < x.size(); i++) {
            int ch = (i / inner) % c;
            double d = x.get(i) - mean[ch];
            var[ch] += d * d;
        }
        for (int ch = 0; ch < c; ch++) {
            var[ch] /= count[ch];
        }
        return new double[][] {mean, var};
    }

    @Test
    void trainingOutputHasMeanZeroAndUnitVariance() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(2, 9), integers().between(1, 4), integers().between(0, 3), longs().all())
                .checkAssert((n, c, spatial, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    Tensor x = LayerProps.channelData(rnd, shape(n, c, spatial));
                    Params p = LayerProps.params("batch_norm", Map.of("eps", EPS));
                    Tensor y = BN.forward(inputs(x, Tensor.filled(1, c), Tensor.zeros(c), Tensor.zeros(c), Tensor.filled(1, c)), p).get("y");
                    double[][] xs = channelStats(x);
                    double[][] ys = channelStats(y);
                    for (int ch = 0; ch < c; ch++) {
                        double want = xs[1][ch] / (xs[1][ch] + EPS);
                        assertTrue(Math.abs(ys[0][ch]) <= 1e-12, "seed " + SEED + "/" + seed + ": mean of channel " + ch + " = " + ys[0][ch]);
                        assertTrue(Math.abs(ys[1][ch] - want) <= 1e-12, "seed " + SEED + "/" + seed + ": variance of channel " + ch + " = "
                                + ys[1][ch] + ", want v/(v+eps) = " + want);
                        assertTrue(Math.abs(ys[1][ch] - 1) <= EPS / xs[1][ch] + 1e-12, "variance not 1 up to eps/v");
                    }
                });
    }

    /**
     * Negative control: normalizing with the unbiased variance (a documented mistake) gives
     * output variance (M-1)/M, which the same check rejects (here M = 4, variance 0.75).
     */
    @Test
    void theUnitVarianceCheckRejectsTheUnbiasedNormalization() {
        Component wrong = new org.nncheck.reference.layer.BatchNorm(org.nncheck.reference.layer.NormConvention.UNBIASED_NORMALIZATION);
        Tensor x = LayerProps.channelData(new SplittableRandom(SEED), 4, 2);
        Tensor y = wrong.forward(inputs(x, Tensor.filled(1, 2), Tensor.zeros(2), Tensor.zeros(2), Tensor.filled(1, 2)),
                LayerProps.params("batch_norm", Map.of("eps", EPS))).get("y");
        double[][] xs = channelStats(x);
        double[][] ys = channelStats(y);
        double want = xs[1][0] / (xs[1][0] + EPS);
        assertTrue(Math.abs(ys[1][0] - want) > 0.2, "seed " + SEED + ": the unbiased normalization went unnoticed, variance " + ys[1][0]);
    }

    @Test
    void gammaSqrtVarBetaMeanIsTheIdentity() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(2, 9), integers().between(1, 4), integers().between(0, 3), longs().all())
                .checkAssert((n, c, spatial, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    Tensor x = LayerProps.channelData(rnd, shape(n, c, spatial));
                    double[][] st = channelStats(x);
                    double[] gamma = new double[c];
                    for (int ch = 0; ch < c; ch++) {
                        gamma[ch] = Math.sqrt(st[1][ch] + EPS);
                    }
                    Tensor y = BN.forward(inputs(x, Tensor.vector(gamma), Tensor.vector(st[0]), Tensor.zeros(c), Tensor.filled(1, c)),
                            LayerProps.params("batch_norm", Map.of("eps", EPS))).get("y");
                    double tol = 1e-13 * LayerProps.maxAbs(x) + 1e-12;
                    assertTrue(LayerProps.maxDiff(x, y) <= tol, "seed " + SEED + "/" + seed + ": |y - x| = " + LayerProps.maxDiff(x, y));
                });
    }

    @Test
    void evalModeIsTheAffineMapOfTheRunningStatistics() {
        qt().withFixedSeed(SEED).withExamples(200)
                .forAll(integers().between(1, 9), integers().between(1, 4), integers().between(0, 3), longs().all())
                .checkAssert((n, c, spatial, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    int[] shape = shape(n, c, spatial);
                    Tensor x = LayerProps.channelData(rnd, shape);
                    Tensor gamma = Samples.normal(rnd, 1, 1, c);
                    Tensor beta = Samples.normal(rnd, 0, 1, c);
                    Tensor rm = Samples.normal(rnd, 0, 10, c);
                    Tensor rv = Samples.uniform(rnd, 0, 5, c);
                    Tensor dy = Samples.normal(rnd, 0, 1, shape);
                    Params p = LayerProps.params("batch_norm", Map.of("training", false, "eps", EPS));
                    Map<String, Tensor> in = inputs(x, gamma, beta, rm, rv);
                    Tensor y = BN.forward(in, p).get("y");
                    Map<String, Tensor> g = BN.backward(in, Map.of("dy", dy), p);
                    int inner = x.size() / (n * c);
                    double[] want = new double[x.size()];
                    double[] wantDx = new double[x.size()];
                    for (int i = 0; i < want.length; i++) {
                        int ch = (i / inner) % c;
                        double a = gamma.get(ch) / Math.sqrt(rv.get(ch) + EPS);
                        want[i] = a * x.get(i) + (beta.get(ch) - a * rm.get(ch));
                        wantDx[i] = a * dy.get(i);
                    }
                    Tensor w = Tensor.wrap(shape, want);
                    double tol = 1e-13 * (LayerProps.maxAbs(w) + LayerProps.maxAbs(x) * LayerProps.maxAbs(gamma) / Math.sqrt(EPS)) + 1e-12;
                    assertTrue(LayerProps.maxDiff(w, y) <= tol, "seed " + SEED + "/" + seed + ": eval y differs from a x + c by "
                            + LayerProps.maxDiff(w, y));
                    assertTrue(LayerProps.maxDiff(Tensor.wrap(shape, wantDx), g.get("dx")) <= 1e-12 * LayerProps.maxAbs(g.get("dx")) + 1e-15,
                            "seed " + SEED + "/" + seed + ": eval dx is not a dy");
                });
    }
}
