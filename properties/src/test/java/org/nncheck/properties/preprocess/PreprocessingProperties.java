package org.nncheck.properties.preprocess;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Tensor;
import org.nncheck.reference.preprocess.Pca;

/**
 * Properties of the preprocessing (QuickTheories, fixed seed; QuickTheories prints it on
 * failure): whitened outputs have identity covariance within tolerance, standardized features
 * have mean 0 and std 1, min_max hits its bounds, pca is shift invariant and sign-stable under
 * {@link Pca#alignSigns}, gcn samples have mean 0 and rms scale.
 */
class PreprocessingProperties {
    private static final long SEED = 0x5EED_9CAL;

    private static Tensor apply(String id, Map<String, Object> raw, Tensor x) {
        Entry e = Catalogue.get(id).orElseThrow();
        return e.newReference().forward(Map.of("x", x), e.params(raw)).get("y");
    }

    /** (n, d) data with distinct scales per latent direction, mixed and offset. */
    private static Tensor data(long seed, int n, int d) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] a = new double[n * d];
        double[] mix = new double[d * d];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = Samples.gaussian(rnd);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double z = Samples.gaussian(rnd) * (1 + j);
                for (int c = 0; c < d; c++) {
                    a[i * d + c] += z * mix[j * d + c];
                }
            }
            for (int c = 0; c < d; c++) {
                a[i * d + c] += 5 * c - 7;
            }
        }
        return Tensor.wrap(new int[] {n, d}, a);
    }

    private static double[][] covariance(Tensor y) {
        int n = y.dim(0);
        int k = y.dim(1);
        double[] m = new double[k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                m[c] += y.at(i, c) / n;
            }
        }
        double[][] cov = new double[k][k];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    cov[a][b] += (y.at(i, a) - m[a]) * (y.at(i, b) - m[b]) / n;
                }
            }
        }
        return cov;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }

    @Test
    void whitenedOutputsHaveIdentityCovariance() {
        qt().withFixedSeed(SEED).withExamples(100)
                .forAll(longs().all(), integers().between(1, 6), integers().between(0, 30))
                .checkAssert((s, d, extra) -> {
                    int n = d + 2 + extra;
                    Tensor x = data(s, n, d);
                    double eps = 1e-12;
                    Tensor zca = apply("zca_whiten", Map.of("eps", eps), x);
                    Tensor pcw = apply("pca_whiten", Map.of("k", d, "eps", eps), x);
                    for (Tensor y : new Tensor[] {zca, pcw}) {
                        double[][] c = covariance(y);
                        for (int a = 0; a < d; a++) {
                            for (int b = 0; b < d; b++) {
                                double want = a == b ? 1 : 0;
                                check(Math.abs(c[a][b] - want) < 1e-6, "covariance[" + a + "][" + b + "] = " + c[a][b]);
                            }
                        }
                    }
                    // ZCA is the symmetric whitening: its matrix is symmetric, so it is the whitening
                    // closest to the identity; PCA whitening rotated by U^T gives it back
                    check(zca.sameShape(x), "zca keeps the shape");
                });
    }

    @Test
    void standardizeAndMinMaxHitTheirTargets() {
        qt().withFixedSeed(SEED).withExamples(100)
                .forAll(longs().all(), integers().between(2, 40), integers().between(1, 5))
                .checkAssert((s, n, d) -> {
                    Tensor x = data(s, n, d);
                    Tensor z = apply("standardize", Map.of("eps", 0.0), x);
                    double[][] c = covariance(z);
                    for (int j = 0; j < d; j++) {
                        double mean = 0;
                        for (int i = 0; i < n; i++) {
                            mean += z.at(i, j) / n;
                        }
                        check(Math.abs(mean) < 1e-12, "standardized mean " + mean);
                        check(Math.abs(c[j][j] - 1) < 1e-12, "standardized variance " + c[j][j]);
                    }
                    Tensor mm = apply("min_max", Map.of("low", -2.0, "high", 3.0), x);
                    for (int j = 0; j < d; j++) {
                        double lo = Double.POSITIVE_INFINITY;
                        double hi = Double.NEGATIVE_INFINITY;
                        for (int i = 0; i < n; i++) {
                            lo = Math.min(lo, mm.at(i, j));
                            hi = Math.max(hi, mm.at(i, j));
                        }
                        check(lo == -2.0 && Math.abs(hi - 3.0) < 1e-14, "min_max range [" + lo + ", " + hi + "]");
                    }
                    Tensor centred = apply("mean_subtraction", Map.of(), x);
                    for (int j = 0; j < d; j++) {
                        double mean = 0;
                        for (int i = 0; i < n; i++) {
                            mean += centred.at(i, j) / n;
                        }
                        check(Math.abs(mean) < 1e-12, "centred mean " + mean);
                    }
                });
    }

    @Test
    void pcaIsShiftInvariantAndSignsAlign() {
        qt().withFixedSeed(SEED).withExamples(100)
                .forAll(longs().all(), integers().between(2, 5), integers().between(0, 30))
                .checkAssert((s, d, extra) -> {
                    int n = d + 3 + extra;
                    Tensor x = data(s, n, d);
                    int k = 1 + (int) Math.floorMod(s, (long) d);
                    Tensor y = apply("pca", Map.of("k", k), x);
                    Tensor shifted = x.map(v -> v + 1000.0);
                    Tensor ys = apply("pca", Map.of("k", k), shifted);
                    Tensor aligned = Pca.alignSigns(y, ys);
                    double scale = 0;
                    for (int i = 0; i < y.size(); i++) {
                        scale = Math.max(scale, Math.abs(y.get(i)));
                    }
                    for (int i = 0; i < y.size(); i++) {
                        check(Math.abs(aligned.get(i) - y.get(i)) <= 1e-9 * scale, "shift changed pca at " + i);
                    }
                    // negating a column of the data's projection is undone by alignSigns
                    Tensor negated = y.map(v -> -v);
                    check(Pca.alignSigns(y, negated).equals(y), "alignSigns does not undo a sign flip");
                    // the components are uncorrelated and ordered by decreasing variance
                    double[][] c = covariance(y);
                    for (int a = 0; a < k; a++) {
                        for (int b = 0; b < k; b++) {
                            if (a != b) {
                                check(Math.abs(c[a][b]) <= 1e-9 * c[0][0], "pca components correlated");
                            }
                        }
                        if (a > 0) {
                            check(c[a][a] <= c[a - 1][a - 1] * (1 + 1e-12), "pca variances not descending");
                        }
                    }
                });
    }

    @Test
    void gcnGivesZeroMeanAndRmsScalePerSample() {
        qt().withFixedSeed(SEED).withExamples(100)
                .forAll(longs().all(), integers().between(1, 10), integers().between(2, 30))
                .checkAssert((s, n, d) -> {
                    Tensor x = data(s, n, d);
                    double scale = 3.0;
                    Tensor y = apply("gcn", Map.of("scale", scale), x);
                    for (int i = 0; i < n; i++) {
                        double m = 0;
                        double ss = 0;
                        for (int j = 0; j < d; j++) {
                            m += y.at(i, j) / d;
                            ss += y.at(i, j) * y.at(i, j) / d;
                        }
                        check(Math.abs(m) < 1e-12 * scale, "gcn mean " + m);
                        check(Math.abs(Math.sqrt(ss) - scale) < 1e-9, "gcn rms " + Math.sqrt(ss));
                    }
                });
    }
}
