package org.nncheck.reference.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

class BinaryCrossEntropyTest {
    private final BinaryCrossEntropy bce = new BinaryCrossEntropy();
    private final BinaryCrossEntropyTorchClamp torch = new BinaryCrossEntropyTorchClamp();
    private final Params mean = params("binary_cross_entropy");
    private final Params sum = params("binary_cross_entropy", "reduction", "sum");

    private static Map<String, Tensor> in(double[] p, double[] t) {
        return inputs("probs", Tensor.vector(p), "targets", Tensor.vector(t));
    }

    @Test
    void definitionValues() {
        // -(1 * ln 0.25) = ln 4; -(ln 0.5) = ln 2 for either target; soft target 0.5 at p = 0.5: ln 2
        Map<String, Tensor> x = in(new double[] {0.25, 0.5, 0.5}, new double[] {1, 0, 0.5});
        assertEquals(Math.log(4) + 2 * Math.log(2), loss(bce, x, sum), 1e-15);
        assertEquals((Math.log(4) + 2 * Math.log(2)) / 3, loss(bce, x, mean), 1e-15);
        // d/dp = (p - t) / (p (1 - p)): -0.75 / 0.1875 = -4 = -1/p; 0.5 / 0.25 = 2; 0
        assertArray(new double[] {-4, 2, 0}, grad(bce, x, sum, "dprobs"), 1e-15);
    }

    @Test
    void probsAtExactlyZeroOrOneGiveTheTrueValue() {
        // 0 * log 0 = 0: (p, t) = (0, 0) and (1, 1) cost nothing; one-sided derivatives 1 and -1
        Map<String, Tensor> ok = in(new double[] {0, 1}, new double[] {0, 1});
        assertEquals(0.0, loss(bce, ok, sum), 0);
        assertArray(new double[] {1, -1}, grad(bce, ok, sum, "dprobs"), 0);
        // a non-zero weight on log 0: the true loss is +infinity
        assertEquals(Double.POSITIVE_INFINITY, loss(bce, in(new double[] {0}, new double[] {1}), sum));
        assertEquals(Double.POSITIVE_INFINITY, loss(bce, in(new double[] {1}, new double[] {0.5}), sum));
        assertEquals(Double.NEGATIVE_INFINITY, grad(bce, in(new double[] {0}, new double[] {1}), sum, "dprobs").get(0));
    }

    @Test
    void pyTorchClampIsTheAlternative() {
        // torch.nn.BCELoss clamps log at -100: p = 0, t = 1 costs 100; p = 1, t = 0.5 costs 0.5 * 100
        assertEquals(100.0, loss(torch, in(new double[] {0}, new double[] {1}), sum), 0);
        assertEquals(50.0, loss(torch, in(new double[] {1}, new double[] {0.5}), sum), 0);
        // gradient (p - t) / max(p (1 - p), 1e-12)
        assertEquals(-1e12, grad(torch, in(new double[] {0}, new double[] {1}), sum, "dprobs").get(0), 0);
        // agrees with the reference away from 0 and 1
        Map<String, Tensor> x = in(new double[] {0.3, 0.9, 1e-6}, new double[] {1, 0.2, 0});
        assertEquals(loss(bce, x, mean), loss(torch, x, mean), 1e-15);
        assertArray(grad(bce, x, mean, "dprobs").toArray(), grad(torch, x, mean, "dprobs"), 1e-12);
    }

    @Test
    void tinyProbabilitiesKeepAccuracy() {
        // t = 0: -log(1 - p) = p + p^2/2 + ... = 1e-20 for p = 1e-20 (log1p, not log(1 - p) = 0)
        assertEquals(1e-20, loss(bce, in(new double[] {1e-20}, new double[] {0}), sum), 1e-35);
    }

    @Test
    void errors() {
        assertContract(() -> bce.forward(in(new double[] {1.5}, new double[] {1}), mean), "binary_cross_entropy", "'probs'",
                "1.5");
        assertContract(() -> bce.forward(in(new double[] {-0.1}, new double[] {1}), mean), "'probs'", "-0.1");
        assertContract(() -> bce.forward(in(new double[] {Double.NaN}, new double[] {1}), mean), "'probs'", "NaN");
        assertContract(() -> bce.forward(inputs("probs", Tensor.vector(0.5, 0.5), "targets", Tensor.vector(1)), mean),
                "'targets'", "[2]", "[1]");
    }

    @Test
    void inputsAreNotModified() {
        Map<String, Tensor> x = in(new double[] {0.3, 0.9}, new double[] {1, 0});
        Map<String, Tensor> before = Fixtures.snapshot(x);
        bce.forward(x, mean);
        bce.backward(x, Map.of(), mean);
        assertEquals(before, x);
    }
}
