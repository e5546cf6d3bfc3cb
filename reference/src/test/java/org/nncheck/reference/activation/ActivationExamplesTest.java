package org.nncheck.reference.activation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.catalogue.Catalogue;
import org.nncheck.catalogue.Entry;
import org.nncheck.core.Component;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

/** Worked examples whose expected values come from the formulas (source in each comment). */
class ActivationExamplesTest {

    static Entry entry(String id) {
        return Catalogue.get(id).orElseThrow();
    }

    static Tensor y(String id, Map<String, Object> params, Map<String, Tensor> inputs) {
        Entry e = entry(id);
        return e.newReference().forward(inputs, e.params(params)).get("y");
    }

    static Map<String, Tensor> grads(String id, Map<String, Object> params, Map<String, Tensor> inputs, Tensor dy) {
        Entry e = entry(id);
        return e.newReference().backward(inputs, Map.of("dy", dy), e.params(params));
    }

    static double y1(String id, Map<String, Object> params, double x) {
        return y(id, params, Map.of("x", Tensor.vector(x))).get(0);
    }

    static double dx1(String id, Map<String, Object> params, double x) {
        return grads(id, params, Map.of("x", Tensor.vector(x)), Tensor.vector(1.0)).get("dx").get(0);
    }

    @Test
    void sigmoidAtZeroIsOneHalfWithSlopeOneQuarter() {
        // s(0) = 1/(1+1) = 1/2; s'(0) = s(0)(1 - s(0)) = 1/4
        assertEquals(0.5, y1("sigmoid", Map.of(), 0.0));
        assertEquals(0.25, dx1("sigmoid", Map.of(), 0.0));
    }

    @Test
    void sigmoidTailsKeepRelativeAccuracy() {
        // s(-40) = e^-40 / (1 + e^-40) = e^-40 (1 - e^-40 + ...) = e^-40 to double precision
        assertEquals(Math.exp(-40), y1("sigmoid", Map.of(), -40.0), 2 * Math.ulp(Math.exp(-40)));
        // s'(40) = s(40) s(-40) = e^-40 to double precision (s(1-s) would cancel to 0)
        assertEquals(Math.exp(-40), dx1("sigmoid", Map.of(), 40.0), 4 * Math.ulp(Math.exp(-40)));
        assertEquals(1.0, y1("sigmoid", Map.of(), 800.0));
        assertEquals(0.0, y1("sigmoid", Map.of(), -800.0));
    }

    @Test
    void tanhAtZeroAndItsDerivative() {
        // tanh 0 = 0, tanh' 0 = 1 - 0 = 1; tanh'(20) = sech^2(20) = 4 e^-40 / (1 + e^-40)^2
        assertEquals(0.0, y1("tanh", Map.of(), 0.0));
        assertEquals(1.0, dx1("tanh", Map.of(), 0.0));
        assertEquals(4 * Math.exp(-40), dx1("tanh", Map.of(), 20.0), 8 * Math.ulp(4 * Math.exp(-40)));
        // tanh'(x) = 1 - tanh^2 x where that does not cancel
        assertEquals(1 - Math.tanh(0.5) * Math.tanh(0.5), dx1("tanh", Map.of(), 0.5), 1e-15);
    }

    @Test
    void reluAndLeakyAtTheKinkFollowPyTorch() {
        // PyTorch threshold_backward: x <= 0 -> 0; leaky_relu_backward: x > 0 ? dy : alpha dy
        assertEquals(0.0, dx1("relu", Map.of(), 0.0));
        assertEquals(1.0, dx1("relu", Map.of(), 1e-300));
        assertEquals(0.01, dx1("leaky_relu", Map.of(), 0.0));
        assertEquals(0.3, dx1("leaky_relu", Map.of("alpha", 0.3), 0.0));
        assertEquals(-0.03, y1("leaky_relu", Map.of("alpha", 0.01), -3.0), 1e-18);
        assertEquals(2.5, y1("leaky_relu", Map.of("alpha", 0.01), 2.5));
    }

    @Test
    void leakyReluWithAlphaZeroIsRelu() {
        double[] xs = {-3, -1e-300, 0, 1e-300, 2, 7.5};
        Tensor x = Tensor.vector(xs);
        Tensor dy = Tensor.vector(1, 2, 3, 4, 5, 6);
        // equal as numbers (0 * -3 = -0.0 for leaky, +0.0 for relu)
        assertArrayEquals(y("relu", Map.of(), Map.of("x", x)).toArray(),
                y("leaky_relu", Map.of("alpha", 0.0), Map.of("x", x)).toArray(), 0.0);
        assertArrayEquals(grads("relu", Map.of(), Map.of("x", x), dy).get("dx").toArray(),
                grads("leaky_relu", Map.of("alpha", 0.0), Map.of("x", x), dy).get("dx").toArray());
    }

    @Test
    void eluAndSeluValuesAndSlopeAtZero() {
        // elu(-1) = alpha (e^-1 - 1); PyTorch elu_backward tests x <= 0: slope alpha at 0
        assertEquals(0.5 * Math.expm1(-1), y1("elu", Map.of("alpha", 0.5), -1.0), 1e-16);
        assertEquals(0.5, dx1("elu", Map.of("alpha", 0.5), 0.0));
        assertEquals(1.0, dx1("elu", Map.of(), 0.0));
        assertEquals(-2.0, y1("elu", Map.of("alpha", 2.0), -1e300));
        // selu(1) = lambda; selu'(0) = lambda alpha (left slope, PyTorch)
        assertEquals(Selu.LAMBDA, y1("selu", Map.of(), 1.0));
        assertEquals(Selu.LAMBDA * Selu.ALPHA, dx1("selu", Map.of(), 0.0), 1e-15);
        assertEquals(-Selu.LAMBDA * Selu.ALPHA, y1("selu", Map.of(), -800.0), 1e-15);
    }

    @Test
    void geluKnownValues() {
        // Phi(0) = 1/2: gelu(0) = 0, gelu'(0) = Phi(0) + 0 = 1/2 (both modes: sigmoid(0) = 1/2)
        for (String mode : new String[] {"none", "tanh"}) {
            assertEquals(0.0, y1("gelu", Map.of("approximate", mode), 0.0));
            assertEquals(0.5, dx1("gelu", Map.of("approximate", mode), 0.0), 1e-16);
        }
        // Phi(1) = 0.841344746068542948585232545632 (Abramowitz & Stegun table 26.1): gelu(1) = Phi(1)
        assertEquals(0.8413447460685429, y1("gelu", Map.of(), 1.0), 2e-16);
        // gelu'(1) = Phi(1) + phi(1), phi(1) = e^-1/2 / sqrt(2 pi) = 0.241970724519143349797830...
        assertEquals(0.8413447460685429 + 0.24197072451914337, dx1("gelu", Map.of(), 1.0), 4e-16);
        // tanh form at 1: 0.5 (1 + tanh(sqrt(2/pi) * 1.044715))
        double u = Math.sqrt(2 / Math.PI) * (1 + 0.044715);
        assertEquals(0.5 * (1 + Math.tanh(u)), y1("gelu", Map.of("approximate", "tanh"), 1.0), 4e-16);
        // far tails: gelu(-1e300) = -0, gelu(1e300) = 1e300, no NaN; -inf gives the limit 0
        assertEquals(0.0, y1("gelu", Map.of(), -1e300), 0.0);
        assertEquals(1e300, y1("gelu", Map.of(), 1e300));
        assertEquals(0.0, y1("gelu", Map.of("approximate", "tanh"), -1e300), 0.0);
        assertEquals(0.0, y1("gelu", Map.of(), Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(0.0, dx1("gelu", Map.of("approximate", "tanh"), -1e300), 0.0);
        assertEquals(1.0, dx1("gelu", Map.of("approximate", "tanh"), 1e300));
    }

    @Test
    void standardNormalAgainstTables() {
        // Abramowitz & Stegun 7.1: erf(1) = 0.842700792949714869341; erfc(3) = 2.20904969985854413727e-5
        assertEquals(0.8427007929497149, StandardNormal.erf(1.0), 2e-16);
        assertEquals(2.209049699858544e-5, StandardNormal.erfc(3.0), 4 * Math.ulp(2.209049699858544e-5));
        // Phi(-1.96) = 0.0249978951482204 (two-sided 5% point of the normal distribution)
        assertEquals(0.024997895148220435, StandardNormal.cdf(-1.96), 1e-17);
        // Phi(-x) + Phi(x) = 1
        for (double x = 0; x < 8; x += 0.37) {
            assertEquals(1.0, StandardNormal.cdf(x) + StandardNormal.cdf(-x), 2e-16);
        }
    }

    @Test
    void softmaxOfEqualValuesIsUniformAndShiftInvariant() {
        Tensor x = Tensor.of(new int[] {2, 4}, new double[] {3, 3, 3, 3, -1, 0, 1, 2});
        Tensor y = y("softmax", Map.of(), Map.of("x", x));
        for (int k = 0; k < 4; k++) {
            assertEquals(0.25, y.get(k));
        }
        // softmax(x + c) = softmax(x): the shift cancels in e^{x_k + c} / sum e^{x_j + c}
        Tensor shifted = x.map(v -> v + 1000);
        assertArrayEquals(y.toArray(), y("softmax", Map.of(), Map.of("x", shifted)).toArray(), 1e-15);
        // second row: e^k / (e^-1 + 1 + e + e^2)
        double z = Math.exp(-1) + 1 + Math.E + Math.exp(2);
        assertEquals(Math.exp(2) / z, y.at(1, 3), 1e-15);
    }

    @Test
    void softmaxAlongEveryAxisOfARank3Tensor() {
        double[] data = new double[2 * 3 * 4];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(i) * 3;
        }
        Tensor x = Tensor.of(new int[] {2, 3, 4}, data);
        for (int axis : new int[] {0, 1, 2, -1, -2, -3}) {
            Tensor y = y("softmax", Map.of("axis", axis), Map.of("x", x));
            Tensor ly = y("log_softmax", Map.of("axis", axis), Map.of("x", x));
            int a = axis < 0 ? axis + 3 : axis;
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    for (int k = 0; k < 4; k++) {
                        int[] idx = {i, j, k};
                        double sum = 0;
                        for (int t = 0; t < x.shape()[a]; t++) {
                            int[] o = idx.clone();
                            o[a] = t;
                            sum += Math.exp(x.at(o));
                        }
                        // direct definition e^{x} / sum along the axis (values are small: no overflow)
                        assertEquals(Math.exp(x.at(idx)) / sum, y.at(idx), 1e-15, "axis " + axis);
                        assertEquals(x.at(idx) - Math.log(sum), ly.at(idx), 1e-14, "axis " + axis);
                    }
                }
            }
        }
    }

    @Test
    void softmaxAndLogSoftmaxNeverOverflow() {
        Tensor x = Tensor.vector(1000, 1000, -1000);
        Tensor y = y("softmax", Map.of(), Map.of("x", x));
        assertEquals(0.5, y.get(0));
        assertEquals(0.5, y.get(1));
        assertEquals(0.0, y.get(2));
        Tensor ly = y("log_softmax", Map.of(), Map.of("x", x));
        assertEquals(-Math.log(2), ly.get(0), 1e-16);
        // log_softmax of the far entry: -2000 - log 2, finite where log(softmax) would be -inf
        assertEquals(-2000 - Math.log(2), ly.get(2), 1e-12);
        // one dominant entry: log_softmax_0 = -log1p(e^-40) ~ -e^-40, kept by log1p
        Tensor l2 = y("log_softmax", Map.of(), Map.of("x", Tensor.vector(0, -40)));
        assertEquals(-Math.exp(-40), l2.get(0), 1e-30);
    }

    @Test
    void softmaxBackwardIsTheJacobianProduct() {
        Tensor x = Tensor.vector(0.3, -1.2, 2.0);
        Tensor dy = Tensor.vector(0.7, -0.4, 1.1);
        Tensor y = y("softmax", Map.of(), Map.of("x", x));
        Tensor dx = grads("softmax", Map.of(), Map.of("x", x), dy).get("dx");
        // dx_i = sum_j J_ji dy_j with J_ji = y_j (delta_ij - y_i)
        double sumDx = 0;
        for (int i = 0; i < 3; i++) {
            double expect = 0;
            for (int j = 0; j < 3; j++) {
                expect += dy.get(j) * y.get(j) * ((i == j ? 1 : 0) - y.get(i));
            }
            assertEquals(expect, dx.get(i), 1e-15);
            sumDx += dx.get(i);
        }
        assertEquals(0.0, sumDx, 1e-15, "softmax gradients sum to 0 along the axis");
        // log_softmax: dx_i = dy_i - y_i sum_j dy_j
        Tensor ldx = grads("log_softmax", Map.of(), Map.of("x", x), dy).get("dx");
        double s = 0.7 - 0.4 + 1.1;
        for (int i = 0; i < 3; i++) {
            assertEquals(dy.get(i) - y.get(i) * s, ldx.get(i), 1e-15);
        }
    }

    @Test
    void preluSharedAndPerChannel() {
        // x (2, 2, 1): channel c = index 1
        Tensor x = Tensor.of(new int[] {2, 2, 1}, new double[] {-1, 2, -3, -4});
        Tensor dy = Tensor.of(new int[] {2, 2, 1}, new double[] {1, 1, 2, 0.5});
        Tensor shared = Tensor.vector(0.25);
        assertArrayEquals(new double[] {-0.25, 2, -0.75, -1}, y("prelu", Map.of(), Map.of("x", x, "alpha", shared)).toArray());
        Map<String, Tensor> g = grads("prelu", Map.of(), Map.of("x", x, "alpha", shared), dy);
        assertArrayEquals(new double[] {0.25, 1, 0.5, 0.125}, g.get("dx").toArray());
        // dalpha = sum over x <= 0 of x dy = -1*1 + -3*2 + -4*0.5 = -9 (summed, not averaged)
        assertArrayEquals(new double[] {-9}, g.get("dalpha").toArray());
        assertArrayEquals(new int[] {1}, g.get("dalpha").shape());
        Tensor perChannel = Tensor.vector(0.1, 0.5);
        assertArrayEquals(new double[] {-0.1, 2, -0.3, -2},
                y("prelu", Map.of(), Map.of("x", x, "alpha", perChannel)).toArray(), 1e-16);
        g = grads("prelu", Map.of(), Map.of("x", x, "alpha", perChannel), dy);
        // channel 0: x = -1 (dy 1), -3 (dy 2): -7; channel 1: x = 2 (positive), -4 (dy 0.5): -2
        assertArrayEquals(new double[] {-7, -2}, g.get("dalpha").toArray());
        assertArrayEquals(new double[] {0.1, 1, 0.2, 0.25}, g.get("dx").toArray(), 1e-16);
        // the batch-mean variant divides dalpha by N = 2
        Map<String, Tensor> mean = new Prelu.BatchMeanAlphaGrad().backward(Map.of("x", x, "alpha", perChannel),
                Map.of("dy", dy), entry("prelu").params(Map.of()));
        assertArrayEquals(new double[] {-3.5, -1}, mean.get("dalpha").toArray());
    }

    @Test
    void maxoutPicksTheBestPieceAndTheFirstOnTies() {
        // x (1, 2), w (2, 2, 2), b (2, 2): piece 0 = identity, piece 1 = swap, b = 0
        Tensor x = Tensor.of(new int[] {1, 2}, new double[] {1, 3});
        Tensor w = Tensor.of(new int[] {2, 2, 2}, new double[] {1, 0, 0, 1, 0, 1, 1, 0});
        Tensor b = Tensor.zeros(2, 2);
        Map<String, Tensor> in = Map.of("x", x, "w", w, "b", b);
        // z0 = (1, 3), z1 = (3, 1): y = (3, 3), winners (1, 0)
        assertArrayEquals(new double[] {3, 3}, y("maxout", Map.of(), in).toArray());
        Map<String, Tensor> g = grads("maxout", Map.of(), in, Tensor.of(new int[] {1, 2}, new double[] {1, 10}));
        // db[k, m] = dy where k wins: db[0,1] = 10, db[1,0] = 1
        assertArrayEquals(new double[] {0, 10, 1, 0}, g.get("db").toArray());
        // dw[k, d, m] = x[d] dy[m] where k wins
        assertArrayEquals(new double[] {0, 10, 0, 30, 1, 0, 3, 0}, g.get("dw").toArray());
        // dx[d] = sum_m dy[m] w[k*(m), d, m] = 1 * w[1,d,0] + 10 * w[0,d,1] = (0 + 0, 1 + 10)
        assertArrayEquals(new double[] {0, 11}, g.get("dx").toArray());
        // a tie (x = (2, 2): z0 = z1) sends the gradient to piece 0
        Map<String, Tensor> tie = Map.of("x", Tensor.of(new int[] {1, 2}, new double[] {2, 2}), "w", w, "b", b);
        Map<String, Tensor> gt = grads("maxout", Map.of(), tie, Tensor.of(new int[] {1, 2}, new double[] {1, 1}));
        assertArrayEquals(new double[] {1, 1, 0, 0}, gt.get("db").toArray());
    }

    @Test
    void maxoutWithOnePieceIsAffine() {
        Tensor x = Tensor.of(new int[] {2, 3}, new double[] {1, 2, 3, -1, 0.5, 2});
        Tensor w = Tensor.of(new int[] {1, 3, 2}, new double[] {1, 0, 0, 1, 1, -1});
        Tensor b = Tensor.of(new int[] {1, 2}, new double[] {0.5, -0.5});
        // y = x w + b: row 0: (1 + 3 + 0.5, 2 - 3 - 0.5), row 1: (-1 + 2 + 0.5, 0.5 - 2 - 0.5)
        assertArrayEquals(new double[] {4.5, -1.5, 1.5, -2}, y("maxout", Map.of(), Map.of("x", x, "w", w, "b", b)).toArray());
    }

    @Test
    void nanPropagationIsAsDocumented() {
        double nan = Double.NaN;
        // f(NaN) = NaN for every element-wise activation: CatalogueContractTest, "element-wise"
        // backward branches as PyTorch's kernels: relu x <= 0 ? 0 : dy -> dy; leaky x > 0 ? dy : alpha dy -> alpha dy
        assertEquals(1.0, dx1("relu", Map.of(), nan));
        // relu's backward is a select: an infinite or NaN dy where x <= 0 gives 0, not 0 * inf = NaN
        Tensor g = grads("relu", Map.of(), Map.of("x", Tensor.vector(-1, 0, 2)),
                Tensor.vector(Double.POSITIVE_INFINITY, nan, 3)).get("dx");
        assertArrayEquals(new double[] {0, 0, 3}, g.toArray());
        assertEquals(0.01, dx1("leaky_relu", Map.of(), nan));
        assertEquals(1.0, dx1("elu", Map.of(), nan));
        assertTrue(Double.isNaN(dx1("sigmoid", Map.of(), nan)));
        assertTrue(Double.isNaN(dx1("gelu", Map.of(), nan)));
        Tensor y = y("softmax", Map.of(), Map.of("x", Tensor.of(new int[] {2, 2}, new double[] {nan, 1, 0, 1})));
        assertTrue(Double.isNaN(y.get(0)) && Double.isNaN(y.get(1)), "a NaN poisons its slice");
        assertEquals(1 / (1 + Math.E), y.get(2), 1e-16, "other slices are unaffected");
        Tensor masked = y("softmax", Map.of(), Map.of("x", Tensor.vector(Double.NEGATIVE_INFINITY, 0)));
        assertArrayEquals(new double[] {0, 1}, masked.toArray(), "-inf entries are masked out");
    }

    @Test
    void inputsAreNotModified() {
        for (Entry e : Catalogue.entries(org.nncheck.catalogue.Family.ACTIVATION)) {
            for (Map<String, Object> raw : e.sampleParams()) {
                Params p = e.params(raw);
                Map<String, Tensor> in = e.samples().sample(new java.util.SplittableRandom(7), p, 1);
                Map<String, double[]> before = new java.util.HashMap<>();
                in.forEach((k, v) -> before.put(k, v.toArray()));
                Component c = e.newReference();
                Tensor y = c.forward(in, p).get("y");
                Tensor dy = y.map(v -> 0.5);
                double[] dyBefore = dy.toArray();
                c.backward(in, Map.of("dy", dy), p);
                in.forEach((k, v) -> assertArrayEquals(before.get(k), v.toArray(), e.id() + " modified " + k));
                assertArrayEquals(dyBefore, dy.toArray(), e.id() + " modified dy");
            }
        }
    }
}
