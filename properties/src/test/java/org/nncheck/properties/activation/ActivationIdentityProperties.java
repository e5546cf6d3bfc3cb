package org.nncheck.properties.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Samples;
import org.nncheck.core.Tensor;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * Algebraic identities of the activations (QuickTheories, fixed seed {@link Act#SEED}, printed
 * on failure). Each identity is exact mathematics; the tolerances are the rounding of the two
 * sides.
 */
class ActivationIdentityProperties {

    private static QuickTheory qt() {
        return org.quicktheories.QuickTheory.qt().withFixedSeed(Act.SEED).withExamples(500);
    }

    /** A rank-1..3 tensor of N(0, scale^2) values with a random shape, from a seed. */
    private record Sample(Tensor x, int axis) {
        @Override
        public String toString() {
            return "x " + x.shapeString() + " " + x + ", axis " + axis;
        }
    }

    private static Gen<Sample> samples(double scale) {
        return longs().all().zip(integers().between(1, 3), (seed, rank) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            int[] shape = new int[rank];
            for (int i = 0; i < rank; i++) {
                shape[i] = 1 + rnd.nextInt(5);
            }
            int axis = rnd.nextInt(2 * rank) - rank; // -rank .. rank-1
            return new Sample(Samples.normal(rnd, 0, scale, shape), axis);
        });
    }

    private static double sumAlong(Tensor y, int axis, int[] index) {
        int a = axis < 0 ? axis + y.rank() : axis;
        double s = 0;
        for (int t = 0; t < y.shape()[a]; t++) {
            int[] o = index.clone();
            o[a] = t;
            s += y.at(o);
        }
        return s;
    }

    @Test
    void softmaxSumsToOneAlongItsAxis() {
        Act.withSeed("softmax sums to 1", () -> qt().forAll(samples(20)).checkAssert(s -> {
            Tensor y = Act.y("softmax", Map.of("axis", s.axis()), s.x());
            int n = s.x().dim(s.axis());
            for (int i = 0; i < y.size(); i++) {
                assertTrue(y.get(i) >= 0 && y.get(i) <= 1, "probability in [0, 1]");
                assertEquals(1.0, sumAlong(y, s.axis(), y.unravel(i)), 2 * n * Math.ulp(1.0), s.toString());
            }
        }));
    }

    @Test
    void softmaxIsShiftInvariant() {
        Act.withSeed("softmax shift invariance", () -> qt().forAll(samples(10), doubles().between(-1e3, 1e3))
                .checkAssert((s, c) -> {
                    Tensor y = Act.y("softmax", Map.of("axis", s.axis()), s.x());
                    Tensor shifted = Act.y("softmax", Map.of("axis", s.axis()), s.x().map(v -> v + c));
                    // x + c rounds each entry by <= ulp(|x| + |c|)/2; e^{x - m} moves by that, relatively
                    double maxAbs = 0;
                    for (int i = 0; i < s.x().size(); i++) {
                        maxAbs = Math.max(maxAbs, Math.abs(s.x().get(i)));
                    }
                    double rel = 8 * Math.ulp(maxAbs + Math.abs(c)) + 16 * Math.ulp(1.0);
                    for (int i = 0; i < y.size(); i++) {
                        assertEquals(y.get(i), shifted.get(i), rel * y.get(i) + Double.MIN_NORMAL, s + " shift " + c);
                    }
                }));
    }

    @Test
    void logSoftmaxIsTheLogOfSoftmaxAndShiftInvariant() {
        Act.withSeed("log_softmax = log softmax", () -> qt().forAll(samples(10)).checkAssert(s -> {
            Tensor y = Act.y("softmax", Map.of("axis", s.axis()), s.x());
            Tensor ly = Act.y("log_softmax", Map.of("axis", s.axis()), s.x());
            for (int i = 0; i < y.size(); i++) {
                // exp(log_softmax) = softmax: both within a few ulp of the truth where softmax is normal
                assertEquals(y.get(i), Math.exp(ly.get(i)), 1e-14 * y.get(i) + Double.MIN_NORMAL, s.toString());
                assertTrue(ly.get(i) <= 0, "log-probability <= 0");
            }
        }));
    }

    @Test
    void sigmoidIsSymmetric() {
        Act.withSeed("sigmoid(-x) = 1 - sigmoid(x)", () -> qt().forAll(doubles().between(-60, 60)).checkAssert(x -> {
            double s = Act.y("sigmoid", Map.of(), x);
            double m = Act.y("sigmoid", Map.of(), -x);
            // both sides are within ~1 ulp of values <= 1
            assertEquals(1 - s, m, 2 * Math.ulp(1.0), "x = " + x);
            // and the derivative is even
            assertEquals(Act.dx("sigmoid", Map.of(), x), Act.dx("sigmoid", Map.of(), -x), 0.0, "x = " + x);
        }));
    }

    @Test
    void tanhIsTwiceSigmoidOfTwiceXMinusOne() {
        Act.withSeed("tanh(x) = 2 sigmoid(2x) - 1", () -> qt().forAll(doubles().between(-30, 30)).checkAssert(x -> {
            double t = Act.y("tanh", Map.of(), x);
            double viaSigmoid = 2 * Act.y("sigmoid", Map.of(), 2 * x) - 1;
            assertEquals(t, viaSigmoid, 4 * Math.ulp(1.0), "x = " + x);
            // derivatives: tanh' = 4 sigmoid'(2x)
            double dt = Act.dx("tanh", Map.of(), x);
            double ds = 4 * Act.dx("sigmoid", Map.of(), 2 * x);
            assertEquals(dt, ds, 8 * Math.ulp(dt) + 1e-300, "x = " + x);
        }));
    }

    @Test
    void rectifiersArePositivelyHomogeneous() {
        Act.withSeed("max(0, a x) = a max(0, x)", () -> qt().forAll(doubles().between(-1e6, 1e6), doubles().between(0, 1e3),
                doubles().between(0, 1)).checkAssert((x, a, alpha) -> {
                    assertEquals(a * Act.y("relu", Map.of(), x), Act.y("relu", Map.of(), a * x), 0.0, "x " + x + " a " + a);
                    double l1 = Act.y("leaky_relu", Map.of("alpha", alpha), a * x);
                    double l2 = a * Act.y("leaky_relu", Map.of("alpha", alpha), x);
                    assertEquals(l1, l2, 2 * Math.ulp(l1), "x " + x + " a " + a + " alpha " + alpha);
                }));
    }

    @Test
    void leakyReluWithAlphaZeroIsRelu() {
        Act.withSeed("leaky_relu(alpha 0) = relu", () -> qt().forAll(doubles().any()).checkAssert(x -> {
            // compared as numbers: leaky gives 0 * x = -0.0 for negative x
            assertEquals(Act.y("relu", Map.of(), x), Act.y("leaky_relu", Map.of("alpha", 0.0), x), 0.0, "x " + x);
            assertEquals(Act.dx("relu", Map.of(), x), Act.dx("leaky_relu", Map.of("alpha", 0.0), x), 0.0, "x " + x);
        }));
    }

    @Test
    void eluWithAlphaOneBetweenReluAndIdentity() {
        Act.withSeed("min(x, 0) <= elu(x) - relu(x) <= 0", () -> qt().forAll(doubles().between(-700, 700)).checkAssert(x -> {
            double e = Act.y("elu", Map.of(), x);
            double r = Act.y("relu", Map.of(), x);
            assertTrue(e <= r && e >= Math.min(x, 0) && e >= -1, "x " + x + " elu " + e);
            // selu = lambda elu(x, alpha_selu)
            double selu = Act.y("selu", Map.of(), x);
            double viaElu = 1.0507009873554805 * Act.y("elu", Map.of("alpha", 1.6732632423543772), x);
            assertEquals(viaElu, selu, 4 * Math.ulp(selu), "x " + x);
        }));
    }

    @Test
    void maxoutWithAZeroSecondPieceIsReluOfTheFirst() {
        Act.withSeed("maxout(w0, 0) = relu(x w0 + b0)", () -> qt().forAll(longs().all(), integers().between(1, 6),
                integers().between(1, 6), integers().between(1, 6)).checkAssert((seed, n, d, m) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    Tensor x = Samples.normal(rnd, 0, 1, n, d);
                    Tensor w0 = Samples.normal(rnd, 0, 1, 1, d, m);
                    Tensor b0 = Samples.normal(rnd, 0, 1, 1, m);
                    double[] w = new double[2 * d * m];
                    w0.copyTo(w, 0);
                    double[] b = new double[2 * m];
                    b0.copyTo(b, 0);
                    Map<String, Tensor> two = Map.of("x", x, "w", Tensor.of(new int[] {2, d, m}, w), "b", Tensor.of(new int[] {2, m}, b));
                    Tensor affine = Act.forward("maxout", Map.of(), Map.of("x", x, "w", w0, "b", b0)).get("y");
                    Tensor expected = Act.y("relu", Map.of(), affine);
                    Tensor y = Act.forward("maxout", Map.of(), two).get("y");
                    for (int i = 0; i < y.size(); i++) {
                        assertEquals(expected.get(i), y.get(i), 0.0, "seed " + seed);
                    }
                    // gradients: dx = relu's mask times the affine backward through piece 0
                    Tensor dy = Samples.normal(rnd, 0, 1, n, m);
                    Map<String, Tensor> g = Act.backward("maxout", Map.of(), two, dy);
                    Tensor masked = Act.backward("relu", Map.of(), Map.of("x", affine), dy).get("dx");
                    Map<String, Tensor> g1 = Act.backward("maxout", Map.of(), Map.of("x", x, "w", w0, "b", b0), masked);
                    double[] dx = g.get("dx").toArray();
                    double[] dx1 = g1.get("dx").toArray();
                    for (int i = 0; i < dx.length; i++) {
                        assertEquals(dx1[i], dx[i], 1e-14 * (1 + Math.abs(dx1[i])), "seed " + seed);
                    }
                    for (int j = 0; j < m; j++) {
                        assertEquals(g1.get("db").get(j), g.get("db").get(j), 1e-14, "db, seed " + seed);
                        // the zero piece takes dy exactly where the first piece is negative
                        double total = 0;
                        for (int i = 0; i < n; i++) {
                            total += dy.get(i * m + j);
                        }
                        assertEquals(total - g.get("db").get(j), g.get("db").get(m + j), 1e-13, "db of piece 1, seed " + seed);
                    }
                }));
    }

    @Test
    void preluWithSharedAlphaIsLeakyRelu() {
        Act.withSeed("prelu(shared alpha) = leaky_relu(alpha)", () -> qt().forAll(lists().of(doubles().between(-1e3, 1e3))
                .ofSizeBetween(1, 20), doubles().between(-1, 1)).checkAssert((xs, alpha) -> {
                    Tensor x = Tensor.vector(xs.stream().mapToDouble(Double::doubleValue).toArray()).reshape(1, xs.size());
                    Tensor p = Act.forward("prelu", Map.of(), Map.of("x", x, "alpha", Tensor.vector(alpha))).get("y");
                    Tensor l = Act.y("leaky_relu", Map.of("alpha", alpha), x);
                    assertEquals(List.of(l.toArray()).size(), 1);
                    for (int i = 0; i < x.size(); i++) {
                        assertEquals(l.get(i), p.get(i), 0.0, "xs " + xs + " alpha " + alpha);
                    }
                }));
    }
}
