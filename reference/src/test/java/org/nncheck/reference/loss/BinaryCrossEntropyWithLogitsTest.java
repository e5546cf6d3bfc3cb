package org.nncheck.reference.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nncheck.reference.loss.Fixtures.assertArray;
import static org.nncheck.reference.loss.Fixtures.assertContract;
import static org.nncheck.reference.loss.Fixtures.grad;
import static org.nncheck.reference.loss.Fixtures.inputs;
import static org.nncheck.reference.loss.Fixtures.loss;
import static org.nncheck.reference.loss.Fixtures.params;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nncheck.core.Params;
import org.nncheck.core.Tensor;

class BinaryCrossEntropyWithLogitsTest {
    private final BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits();
    private final Params mean = params("binary_cross_entropy_with_logits");
    private final Params sum = params("binary_cross_entropy_with_logits", "reduction", "sum");

    private static Map<String, Tensor> in(double[] x, double[] t) {
        return inputs("logits", Tensor.vector(x), "targets", Tensor.vector(t));
    }

    @Test
    void zeroLogitCostsLnTwoWhateverTheTarget() {
        // sigmoid(0) = 1/2: -(t ln 1/2 + (1 - t) ln 1/2) = ln 2
        Map<String, Tensor> x = in(new double[] {0, 0, 0}, new double[] {0, 1, 0.3});
        assertEquals(Math.log(2), loss(bce, x, mean), 1e-16);
        // gradient sigmoid(x) - t
        assertArray(new double[] {0.5, -0.5, 0.2}, grad(bce, x, sum, "dlogits"), 1e-16);
    }

    @Test
    void largeLogitsAreStable() {
        // the failing shared case bce-logits-bug0: +-800 where log(sigmoid) overflows; the true values are
        // 0 (right and confident), 800 (wrong by 800)
        Map<String, Tensor> x = in(new double[] {800, -800, 800, -800}, new double[] {1, 0, 0, 1});
        assertEquals(1600.0, loss(bce, x, sum), 0);
        assertArray(new double[] {-0.0, 0, 1, -1}, grad(bce, x, sum, "dlogits"), 0);
        Map<String, Tensor> huge = in(new double[] {1e300, -1e300}, new double[] {0.5, 0.25});
        // max(x, 0) - x t + log1p(exp(-|x|)): 1e300 - 0.5e300 = 5e299; 0 + 0.25e300
        assertEquals(7.5e299, loss(bce, huge, sum), 1e284);
        assertTrue(Double.isNaN(loss(new BinaryCrossEntropyWithLogitsNaive(), x, sum)), "the naive formula gives NaN here");
    }

    @Test
    void confidentCorrectPredictionKeepsRelativeAccuracy() {
        // x = 40, t = 1: log(1 + e^-40) = e^-40 to 1e-17 relative; gradient -sigmoid(-40) = -e^-40 / (1 + e^-40)
        Map<String, Tensor> x = in(new double[] {40}, new double[] {1});
        assertEquals(Math.exp(-40), loss(bce, x, sum), 1e-15 * Math.exp(-40));
        assertEquals(-Math.exp(-40), grad(bce, x, sum, "dlogits").get(0), 1e-15 * Math.exp(-40));
    }

    @Test
    void errors() {
        assertContract(() -> bce.forward(inputs("logits", Tensor.zeros(2), "targets", Tensor.zeros(3)), mean),
                "binary_cross_entropy_with_logits", "'targets'", "[2]", "[3]");
    }

    @Test
    void inputsAreNotModified() {
        Map<String, Tensor> x = in(new double[] {0.3, -2}, new double[] {1, 0});
        Map<String, Tensor> before = Fixtures.snapshot(x);
        bce.forward(x, mean);
        bce.backward(x, Map.of(), mean);
        assertEquals(before, x);
    }
}
